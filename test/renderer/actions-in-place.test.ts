import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import type { JobView } from '@contract'
import App from '../../src-renderer/App.svelte'
import { fakeApi, job, ok, type Handler } from './fake-transport'

async function openClusters(handlers: Record<string, Handler> = {}) {
  const fake = fakeApi(handlers)
  render(App, { api: fake.api })
  await fireEvent.click(screen.getByTestId('nav-clusters'))
  await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2))
  return fake
}

const rowOf = (name: string): HTMLElement =>
  screen.getAllByTestId('row').find((r) => within(r).queryByRole('button', { name }))!

const stopJob = (overrides: Partial<JobView> = {}): JobView =>
  job('j-stop', {
    action: 'stop',
    target: 'cluster-1',
    title: 'Stop cluster cluster-1 (sandbox)',
    subject: { view: 'cluster', accountId: 'acc-1', cluster: 'cluster-1' },
    ...overrides
  })

describe('an action in place', () => {
  it('stops a cluster from its row and follows its job there, leading to it in Activity', async () => {
    const { transport } = await openClusters({
      'clusters.act': () => ok({ ...stopJob(), alreadyQueued: false })
    })
    const row = rowOf('cluster-1')
    // A running cluster's row offers Stop only; a stopped one's Start only.
    expect(within(row).queryByTestId('cluster-start')).toBeNull()
    expect(within(rowOf('cluster-2')).queryByTestId('cluster-stop')).toBeNull()

    await fireEvent.click(within(row).getByTestId('cluster-stop'))
    expect(transport.callsTo('clusters.act')).toEqual([
      { accountId: 'acc-1', cluster: 'cluster-1', action: 'stop' }
    ])
    const words = () => within(rowOf('cluster-1')).getByTestId('job-in-place-words').textContent
    await waitFor(() => expect(words()).toBe('Stop queued'))
    expect(screen.getByTestId('view-title').textContent).toBe('Clusters')

    transport.emit({ type: 'job', job: stopJob({ state: 'running', startedAt: 1 }) })
    await waitFor(() => expect(words()).toBe('Stopping…'))
    const bar = within(rowOf('cluster-1')).getByRole('progressbar')
    expect(bar.getAttribute('aria-label')).toBe('Stopping… cluster-1')

    transport.emit({ type: 'job', job: stopJob({ state: 'succeeded', finishedAt: 2 }) })
    await waitFor(() => expect(words()).toBe('Stopped'))
    expect(within(rowOf('cluster-1')).queryByRole('progressbar')).toBeNull()
    const link = within(rowOf('cluster-1')).getByTestId('job-in-place-link') as HTMLAnchorElement
    expect(link.getAttribute('href')).toBe('#/activity/j-stop')
  })

  it('says a repeated action was already queued', async () => {
    let calls = 0
    await openClusters({
      'clusters.act': () => ok({ ...stopJob(), alreadyQueued: calls++ > 0 })
    })
    await fireEvent.click(within(rowOf('cluster-1')).getByTestId('cluster-stop'))
    const words = () => within(rowOf('cluster-1')).getByTestId('job-in-place-words').textContent
    await waitFor(() => expect(words()).toBe('Stop queued'))
    await fireEvent.click(within(rowOf('cluster-1')).getByTestId('cluster-stop'))
    await waitFor(() => expect(words()).toBe('Already queued'))
  })

  it('refuses a name the account has, or one queued for creation, as it is typed', async () => {
    await openClusters({
      'jobs.list': () =>
        ok({
          items: [job('j-add', { action: 'add', target: 'dev', state: 'queued' })],
          total: 1,
          offset: 0,
          asOf: null
        })
    })
    await fireEvent.click(screen.getByTestId('new-cluster'))
    const dialog = await screen.findByRole('dialog')
    const name = within(dialog).getByTestId('cluster-name')
    const error = () => within(dialog).queryByTestId('cluster-name-error')?.textContent

    await fireEvent.input(name, { target: { value: 'cluster-1' } })
    await waitFor(() => expect(error()).toBe('sandbox already has a cluster named cluster-1'))
    expect(name.getAttribute('aria-invalid')).toBe('true')
    // qbo tells names apart by case: another case is another name.
    await fireEvent.input(name, { target: { value: 'Cluster-1' } })
    await waitFor(() => expect(error()).toBeUndefined())

    await fireEvent.input(name, { target: { value: 'dev' } })
    await waitFor(() =>
      expect(error()).toBe('A cluster named dev is already queued for creation on sandbox')
    )
  })
})
