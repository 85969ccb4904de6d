import { render, screen, waitFor } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import type { Result, ViewTarget } from '@contract'
import App from '../../src-renderer/App.svelte'
import { Navigation } from '../../src-renderer/lib/stores/navigation.svelte'
import { showTarget } from '../../src-renderer/lib/view-target'
import { account, cycleAccount, fakeApi, job, ok, page } from './fake-transport'

/** What a fresh navigation looks like after showing `target`. */
function after(target: ViewTarget) {
  const nav = new Navigation()
  showTarget(nav, target)
  return {
    view: nav.view,
    cluster: nav.cluster,
    image: nav.image,
    jobId: nav.jobId,
    nodesScope: nav.nodesScope,
    accountFocus: nav.accountFocus
  }
}

const start = after({ view: 'notifications' })

describe('showTarget', () => {
  it.each<[ViewTarget, Partial<ReturnType<typeof after>>]>([
    [{ view: 'jobs' }, { view: 'jobs', jobId: null }],
    [
      { view: 'jobs', jobId: 'j7' },
      { view: 'jobs', jobId: 'j7' }
    ],
    [
      { view: 'cluster', accountId: 'acc-1', cluster: 'dev' },
      { view: 'clusters', cluster: { accountId: 'acc-1', name: 'dev' } }
    ],
    [{ view: 'nodes' }, { view: 'nodes', nodesScope: {} }],
    [
      { view: 'nodes', cluster: 'alpha' },
      { view: 'nodes', nodesScope: { cluster: 'alpha' } }
    ],
    [
      { view: 'cycle-image', accountId: 'hub-1', imageId: 'img1' },
      { view: 'cycle-images', image: { accountId: 'hub-1', imageId: 'img1' } }
    ],
    [{ view: 'cycle-images' }, { view: 'cycle-images', image: null }],
    [
      { view: 'accounts', accountId: 'acc-2' },
      { view: 'overview', accountFocus: { accountId: 'acc-2' } }
    ],
    [{ view: 'accounts' }, { view: 'overview', accountFocus: { accountId: null } }],
    [{ view: 'notifications' }, { view: 'notifications' }],
    [{ view: 'settings' }, { view: 'settings' }]
  ])('%j', (target, expected) => {
    expect(after(target)).toEqual({ ...start, view: 'nodes', ...expected })
  })

  it('a plain visit to Nodes drops a filter a notification asked for', () => {
    const nav = new Navigation()
    showTarget(nav, { view: 'nodes', cluster: 'alpha' })
    nav.go('jobs')
    nav.go('nodes')
    expect(nav.nodesScope).toBeNull()
  })

  it('each request to focus an account is a new one, even for the same account', () => {
    const nav = new Navigation()
    showTarget(nav, { view: 'accounts', accountId: 'a' })
    const first = nav.accountFocus
    showTarget(nav, { view: 'accounts', accountId: 'a' })
    expect(nav.accountFocus).not.toBe(first)
  })
})

describe('navigate events', () => {
  it('show the place the shell asks for', async () => {
    const { api, transport } = fakeApi({
      'accounts.list': () => ok([account(), cycleAccount()]),
      'jobs.list': () => ok(page([job('j1', { title: 'Create cluster seven' })]))
    })
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(2))

    transport.emit({ type: 'navigate', target: { view: 'settings' } })
    await waitFor(() => expect(screen.getByTestId('view-title').textContent).toBe('Settings'))

    transport.emit({ type: 'navigate', target: { view: 'jobs', jobId: 'j1' } })
    await waitFor(() =>
      expect(screen.getByTestId('job-detail').textContent).toContain('Create cluster seven')
    )

    transport.emit({
      type: 'navigate',
      target: { view: 'cluster', accountId: 'acc-1', cluster: 'cluster-1' }
    })
    await waitFor(() => expect(screen.getByTestId('view-title').textContent).toContain('cluster-1'))

    transport.emit({
      type: 'navigate',
      target: { view: 'cycle-image', accountId: 'hub-1', imageId: 'img7' }
    })
    await waitFor(() =>
      expect(transport.callsTo('cycleImages.get')).toContainEqual({
        accountId: 'hub-1',
        imageId: 'img7'
      })
    )

    transport.emit({ type: 'navigate', target: { view: 'notifications' } })
    await waitFor(() => expect(screen.getByTestId('view-title').textContent).toBe('Notifications'))
  })

  it('filter an open Nodes view to the cluster asked for', async () => {
    const { api, transport } = fakeApi()
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3))

    transport.emit({ type: 'navigate', target: { view: 'nodes', cluster: 'beta' } })
    await waitFor(() =>
      expect(transport.lastListCall('nodes.list')).toEqual({
        offset: 0,
        limit: 100,
        cluster: 'beta'
      })
    )
    transport.emit({ type: 'navigate', target: { view: 'nodes' } })
    await waitFor(() =>
      expect(transport.lastListCall('nodes.list')).toEqual({ offset: 0, limit: 100 })
    )
  })

  it('bring an account forward in the sidebar: focused and highlighted', async () => {
    const { api, transport } = fakeApi({
      'accounts.list': () => ok([account(), account({ id: 'acc-2', name: 'lab' })])
    })
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(2))

    transport.emit({ type: 'navigate', target: { view: 'accounts', accountId: 'acc-2' } })
    const lab = screen.getAllByTestId('account')[1]!
    await waitFor(() => expect(document.activeElement).toBe(lab))
    expect(lab.dataset.accountId).toBe('acc-2')
    expect(lab.classList.contains('highlight')).toBe(true)
    expect(screen.getByTestId('view-title').textContent).toBe('Nodes')

    transport.emit({ type: 'navigate', target: { view: 'accounts' } })
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Accounts' }))
    )
  })

  it('wait for the account list when it is not there yet', async () => {
    let answer: ((v: Result<unknown>) => void) | undefined
    const { api, transport } = fakeApi({
      'accounts.list': () => new Promise((r) => (answer = r))
    })
    render(App, { api })
    transport.emit({ type: 'navigate', target: { view: 'accounts', accountId: 'acc-1' } })
    answer?.(ok([account()]))
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('account')))
  })
})
