import { render, screen } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import App from '../../src-renderer/App.svelte'
import { primeCalls } from '../../src-renderer/lib/api/primed'
import { firstQueries } from '../../src-renderer/lib/first-queries'
import { ResourceList } from '../../src-renderer/lib/stores/resource-list.svelte'
import { deferred, fakeApi, node, ok, page } from './fake-transport'

// The Nodes list's early query; an empty address (the Overview) asks for the Overview's figures.
const FIRST_QUERIES = firstQueries('#/nodes')

afterEach(() => {
  vi.useRealTimers()
})

describe('start-up asks for the first rows before the views exist', () => {
  it('sends the first nodes query at once: no timer, no other answer waited for', () => {
    vi.useFakeTimers()
    const { api, transport } = fakeApi()
    primeCalls(api, FIRST_QUERIES)
    // Synchronously, with no timer advanced and no promise settled.
    expect(transport.calls).toEqual([{ method: 'nodes.list', input: { offset: 0, limit: 100 } }])
  })

  it('the nodes list takes that answer instead of asking again', async () => {
    const { api, transport } = fakeApi()
    const list = new ResourceList(primeCalls(api, FIRST_QUERIES), 'nodes.list')
    const stop = list.start()
    await vi.waitFor(() => expect(list.rowAt(0)?.name).toBe(node(1).name))
    expect(transport.listCalls('nodes.list')).toEqual([{ offset: 0, limit: 100 }])
    stop()
  })

  it('hands an early answer out once: later and different calls go to the agent', async () => {
    const { api, transport } = fakeApi()
    const primed = primeCalls(api, FIRST_QUERIES)
    await primed.call('nodes.list', { offset: 0, limit: 100 })
    await primed.call('nodes.list', { offset: 0, limit: 100 })
    await primed.call('nodes.list', { offset: 100, limit: 100 })
    expect(transport.listCalls('nodes.list')).toEqual([
      { offset: 0, limit: 100 },
      { offset: 0, limit: 100 },
      { offset: 100, limit: 100 }
    ])
  })

  it('the app shows the early answer, with every other start-up call still unanswered', async () => {
    const held = deferred<ReturnType<typeof ok>>()
    const { api, transport } = fakeApi({
      'nodes.list': (input) => (input.limit === 1 ? held.promise : ok(page([node(7)], 1))),
      'accounts.list': () => held.promise,
      'settings.get': () => held.promise
    })
    render(App, { api: primeCalls(api, FIRST_QUERIES) })
    expect(await screen.findByText(node(7).name)).toBeTruthy()
    expect(transport.listCalls('nodes.list')).toHaveLength(1)
  })

  it('asks nothing early when the address opens elsewhere: nobody would take that answer at once', () => {
    // An address with no place (a token only) opens the Overview: its one query goes early.
    expect(firstQueries('')).toEqual([{ method: 'overview.get', input: {} }])
    expect(firstQueries('#token=abc')).toEqual(firstQueries(''))
    expect(firstQueries('#/overview')).toEqual(firstQueries(''))
    expect(firstQueries('#/settings')).toEqual([])
    expect(firstQueries('#/nodes?cluster=dev')).toEqual([])
  })

  it('drops an early answer not yet taken once rows change: it would show what is gone', async () => {
    const { api, transport } = fakeApi()
    const primed = primeCalls(api, FIRST_QUERIES)
    transport.emit({ type: 'changed', accountId: 'a', kind: 'nodes' })
    await primed.call('nodes.list', { offset: 0, limit: 100 })
    expect(transport.listCalls('nodes.list')).toHaveLength(2)
  })
})
