import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import type { AccountView, Result } from '@contract'
import App from '../../src-renderer/App.svelte'
import Freshness from '../../src-renderer/components/Freshness.svelte'
import {
  account,
  cycleAccount,
  deferred,
  fakeApi,
  job,
  ok,
  SYNCED_AT,
  type Handler
} from './fake-transport'

/** 09:42, twelve minutes after the last sync at 09:30:05. */
const DOWN_AT = new Date(2025, 0, 15, 9, 42, 0).getTime()

const offline = (overrides: Partial<AccountView> = {}): AccountView =>
  account({
    status: { state: 'offline', since: DOWN_AT, reason: 'ECONNREFUSED', retryAt: null },
    ...overrides
  })

function start(handlers: Record<string, Handler> = {}) {
  const fake = fakeApi(handlers)
  render(App, { api: fake.api })
  return fake
}

describe('offline banner', () => {
  it('says since when each account is offline and how old its data is', async () => {
    start({
      'accounts.list': () =>
        ok([
          offline(),
          account({
            id: 'acc-2',
            name: 'lab',
            lastSyncAt: null,
            status: { state: 'auth-failed', since: DOWN_AT, reason: '401', retryAt: null }
          }),
          account({ id: 'acc-3', name: 'fine' })
        ])
    })
    const banner = await screen.findByTestId('offline-banner')
    const lines = within(banner)
      .getAllByTestId('offline-account')
      .map((p) => p.textContent?.replace(/\s+/g, ' ').trim())
    expect(lines).toEqual([
      'sandbox is offline since 09:42 — showing data as of 09:30.',
      'lab could not sign in since 09:42 — nothing is cached yet.'
    ])
    expect(banner.textContent).not.toContain('fine')
  })

  it('says an account needs its credential again, and offers no retry that cannot help', async () => {
    start({
      'accounts.list': () =>
        ok([
          account({
            name: 'old hub',
            status: {
              state: 'auth-failed',
              since: DOWN_AT,
              reason: 'The key that sealed this account’s secret is missing',
              retryAt: null,
              needsReentry: true
            }
          })
        ])
    })
    const banner = await screen.findByTestId('offline-banner')
    expect(banner.textContent?.replace(/\s+/g, ' ')).toContain(
      'old hub needs its credential entered again since 09:42'
    )
    expect(within(banner).queryByTestId('offline-retry')).toBeNull()
  })

  it('retries every troubled account at once, disabled while the requests are out', async () => {
    const answers = [deferred<Result<unknown>>(), deferred<Result<unknown>>()]
    let n = 0
    const { transport } = start({
      'accounts.list': () =>
        ok([offline(), offline({ id: 'acc-2', name: 'lab' }), account({ id: 'acc-3' })]),
      'accounts.reconnect': () => answers[n++]!.promise
    })
    const retry = await screen.findByTestId('offline-retry')
    expect(retry.textContent).toBe('Retry now')
    await fireEvent.click(retry)

    expect(transport.callsTo('accounts.reconnect')).toEqual([
      { accountId: 'acc-1' },
      { accountId: 'acc-2' }
    ])
    await waitFor(() => expect((retry as HTMLButtonElement).disabled).toBe(true))
    expect(retry.textContent).toBe('Retrying…')
    // The sidebar keeps its own per-account buttons.
    expect(screen.getAllByRole('button', { name: 'Retrying…' })).toHaveLength(1)

    for (const a of answers) a.resolve(ok(null))
    await waitFor(() => expect((retry as HTMLButtonElement).disabled).toBe(false))
    expect(retry.textContent).toBe('Retry now')
  })

  it('goes away once the account is back', async () => {
    const { transport } = start({ 'accounts.list': () => ok([offline()]) })
    await screen.findByTestId('offline-banner')
    transport.emit({ type: 'account', account: account() })
    await waitFor(() => expect(screen.queryByTestId('offline-banner')).toBeNull())
  })
})

describe('freshness', () => {
  it('marks a view whose account is offline', async () => {
    const { transport } = start({ 'accounts.list': () => ok([offline()]) })
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3))
    const freshness = screen.getByTestId('freshness')
    await waitFor(() => expect(freshness.dataset.offline).toBe('true'))
    expect(freshness.textContent?.replace(/\s+/g, ' ').trim()).toMatch(
      /^synced \S+ 09:30 · offline since 09:42$/
    )

    transport.emit({ type: 'account', account: account() })
    await waitFor(() => expect(screen.getByTestId('freshness').dataset.offline).toBe('false'))
    expect(screen.getByTestId('freshness').textContent?.trim()).toMatch(/^synced \S+ 09:30$/)
  })

  it('names the offline ones when it draws from several accounts', () => {
    render(Freshness, {
      asOf: SYNCED_AT,
      from: [account(), offline({ id: 'acc-2', name: 'lab' })]
    })
    expect(screen.getByTestId('freshness').textContent?.replace(/\s+/g, ' ').trim()).toMatch(
      /^synced \S+ 09:30 · lab offline since 09:42$/
    )
  })

  it('is not marked for an account the view does not draw from', async () => {
    start({ 'accounts.list': () => ok([account(), cycleAccount({ status: offline().status })]) })
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3))
    await screen.findByTestId('offline-banner')
    expect(screen.getByTestId('freshness').dataset.offline).toBe('false')
  })
})

describe('queued while offline', () => {
  it('says a new cluster on an offline account will run when it is back', async () => {
    const { transport } = start({
      'accounts.list': () => ok([offline()]),
      'clusters.add': () => ok(job('j-1'))
    })
    await fireEvent.click(screen.getByTestId('nav-clusters'))
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2))
    await fireEvent.click(screen.getByTestId('new-cluster'))
    const dialog = await screen.findByRole('dialog')
    const note = within(dialog).getByTestId('queued-offline-note')
    expect(note.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'sandbox is offline: this will run when it is back.'
    )

    // It does not block: the cluster is queued, and its toast leads to it in Activity.
    await fireEvent.input(within(dialog).getByTestId('cluster-name'), {
      target: { value: 'dev' }
    })
    await fireEvent.click(screen.getByTestId('create-cluster-submit'))
    await waitFor(() => expect(transport.callsTo('clusters.add')).toHaveLength(1))
    await fireEvent.click(within(await screen.findByTestId('toast')).getByTestId('toast-open'))
    await waitFor(() => expect(screen.getByTestId('view-title').textContent).toBe('Activity'))
    expect(screen.getByTestId('job-state').textContent).toContain(
      'Queued — waiting for the account to be online'
    )
  })

  it('shows no note for an online account', async () => {
    start()
    await fireEvent.click(screen.getByTestId('nav-clusters'))
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2))
    await fireEvent.click(screen.getByTestId('new-cluster'))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).queryByTestId('queued-offline-note')).toBeNull()
  })

  it('says so in the build dialog when the hub is offline', async () => {
    start({
      'accounts.list': () => ok([account(), cycleAccount({ status: offline().status })])
    })
    await fireEvent.click(await screen.findByTestId('nav-cycle-images'))
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2))
    await fireEvent.click(screen.getByTestId('build-image'))
    const dialog = await screen.findByRole('dialog')
    expect(
      within(dialog).getByTestId('queued-offline-note').textContent?.replace(/\s+/g, ' ').trim()
    ).toBe('hub is offline: this will run when it is back.')
  })
})
