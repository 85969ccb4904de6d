import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import App from '../../src-renderer/App.svelte'
import { emptyReason } from '../../src-renderer/lib/empty-state'
import { unsupportedLines, unsupportedNotice } from '../../src-renderer/lib/unsupported'
import { account, cluster, fakeApi, ok, page } from './fake-transport'

const NARROW = account({ unsupported: ['clusters', 'pods', 'services', 'loadBalancers'] })
const base = { accountsLoaded: true, accountsFailed: false, total: 0, search: '' }

describe('what a kind the server does not list looks like (pure)', () => {
  it('is said per kind on the account', () => {
    expect(unsupportedLines(NARROW)).toEqual([
      'clusters: not supported by this server',
      'pods: not supported by this server',
      'services: not supported by this server',
      'load balancers: not supported by this server'
    ])
    expect(unsupportedLines(account())).toEqual([])
  })

  it('makes an empty list say so, not "waiting" or "none", when every account refuses it', () => {
    const unsynced = account({ lastSyncAt: null, unsupported: ['pods'] })
    expect(emptyReason({ ...base, accounts: [unsynced], resource: 'pods' })).toEqual({
      kind: 'unsupported',
      names: 'sandbox'
    })
    // Without the kind, or with another account that lists it, it is the usual empty list.
    expect(emptyReason({ ...base, accounts: [unsynced] })?.kind).toBe('waiting')
    const other = account({ id: 'acc-2', name: 'wide' })
    expect(emptyReason({ ...base, accounts: [NARROW, other], resource: 'pods' })?.kind).toBe('none')
    // A search that matches nothing is still that.
    expect(emptyReason({ ...base, accounts: [NARROW], resource: 'pods', search: 'x' })?.kind).toBe(
      'no-match'
    )
  })

  it('tells derived clusters and kept rows from an empty kind', () => {
    expect(unsupportedNotice([account()], 'clusters', true)).toBeNull()
    const derived = unsupportedNotice([NARROW], 'clusters', true)
    expect(derived).toMatchObject({ all: true, derived: true })
    expect(derived?.text).toContain('derived from the cluster each node names')
    expect(derived?.text).toContain('state is unknown')
    expect(unsupportedNotice([NARROW], 'pods', true)?.text).toContain('last ones reported')
    expect(unsupportedNotice([NARROW], 'pods', false)?.text).toContain('does not list pods')
  })
})

describe('views of a kind the server does not list', () => {
  const narrowApi = (rows: boolean) =>
    fakeApi({
      'accounts.list': () => ok([NARROW]),
      'clusters.list': () =>
        ok(
          rows ? page([cluster(1, { state: 'unknown', controlPlane: '', address: '' })]) : page([])
        ),
      'pods.list': () => ok(page([]))
    })

  it('the account in the sidebar says it once per kind', async () => {
    render(App, { api: narrowApi(true).api })
    const lines = await screen.findAllByTestId('account-unsupported')
    expect(lines.map((l) => l.textContent)).toContain('pods: not supported by this server')
  })

  it('the clusters view says its rows are derived from nodes', async () => {
    render(App, { api: narrowApi(true).api })
    await fireEvent.click(screen.getByTestId('nav-clusters'))
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(1))
    expect(screen.getByTestId('unsupported-note').textContent).toContain('derived')
  })

  it('an empty clusters view says the server does not list them', async () => {
    render(App, { api: narrowApi(false).api })
    await fireEvent.click(screen.getByTestId('nav-clusters'))
    const empty = await screen.findByTestId('empty-state')
    await waitFor(() =>
      expect(empty.textContent).toContain('Clusters: not supported by this server')
    )
  })

  it('the pods tab of a derived cluster says pods are not supported, not "no pods"', async () => {
    render(App, { api: narrowApi(true).api })
    await fireEvent.click(screen.getByTestId('nav-clusters'))
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(1))
    await fireEvent.click(
      within(screen.getAllByTestId('row')[0]!).getByRole('button', { name: 'cluster-1' })
    )
    await fireEvent.click(await screen.findByTestId('tab-pods'))
    const empty = await screen.findByTestId('empty-state')
    expect(empty.textContent).toContain('Pods: not supported by this server')
    expect(empty.textContent).not.toContain('No pods')
    expect(screen.getByTestId('derived-cluster-note').textContent).toContain(
      'does not list clusters'
    )
  })
})
