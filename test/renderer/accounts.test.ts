import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AccountView } from '@contract'
import App from '../../src-renderer/App.svelte'
import { account, deferred, failure, fakeApi, ok, SYNCED_AT } from './fake-transport'

const NOW = SYNCED_AT + 60_000

const accounts: AccountView[] = [
  account({ id: 'a-online', name: 'prod' }),
  account({
    id: 'a-connecting',
    name: 'staging',
    status: { state: 'connecting', since: NOW },
    lastSyncAt: null
  }),
  account({
    id: 'a-offline',
    name: 'lab',
    status: { state: 'offline', since: NOW, reason: 'connect ECONNREFUSED', retryAt: NOW + 5000 },
    syncError: 'Malformed node list'
  }),
  account({
    id: 'a-auth',
    name: 'edge',
    status: { state: 'auth-failed', since: NOW, reason: 'Token rejected', retryAt: null }
  })
]

const entry = (name: string): HTMLElement => {
  const found = screen.getAllByTestId('account').find((el) => el.textContent?.includes(name))
  if (!found) throw new Error(`no account entry for ${name}`)
  return found
}

afterEach(() => {
  vi.useRealTimers()
})

describe('Accounts', () => {
  it('shows every account state in words, with reason, endpoint and sync time', async () => {
    const { api } = fakeApi({ 'accounts.list': () => ok(accounts) })
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(4))

    const words = (name: string): string =>
      within(entry(name)).getByTestId('account-status').textContent ?? ''
    expect(words('prod')).toBe('Online')
    expect(words('staging')).toBe('Connecting…')
    expect(words('lab')).toBe('Offline')
    expect(words('edge')).toBe('Authentication failed')

    expect(entry('prod').dataset.state).toBe('online')
    expect(entry('staging').dataset.state).toBe('connecting')
    expect(entry('lab').dataset.state).toBe('offline')
    expect(entry('edge').dataset.state).toBe('auth-failed')

    expect(entry('prod').textContent).toContain('ws://127.0.0.1:7000')
    expect(entry('prod').textContent).toMatch(/synced \S+ 09:30/)
    expect(entry('staging').textContent).toContain('never synced')
    expect(entry('lab').textContent).toContain('connect ECONNREFUSED')
    expect(entry('lab').textContent).toContain('Malformed node list')
    expect(entry('edge').textContent).toContain('Token rejected')
  })

  it('counts down to the next retry of an offline account', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: NOW })
    const { api } = fakeApi({ 'accounts.list': () => ok(accounts) })
    render(App, { api })
    await vi.waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(4))

    expect(entry('lab').textContent).toContain('retrying in 5s')
    await vi.advanceTimersByTimeAsync(2000)
    expect(entry('lab').textContent).toContain('retrying in 3s')
    await vi.advanceTimersByTimeAsync(3000)
    expect(entry('lab').textContent).toContain('retrying now…')
  })

  it('Reconnect and Retry now call accounts.reconnect for that account', async () => {
    const { api, transport } = fakeApi({ 'accounts.list': () => ok(accounts) })
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(4))

    expect(within(entry('prod')).queryByRole('button', { name: /Reconnect|Retry/ })).toBeNull()
    await fireEvent.click(within(entry('edge')).getByRole('button', { name: 'Reconnect' }))
    await fireEvent.click(within(entry('lab')).getByRole('button', { name: 'Retry now' }))
    expect(transport.callsTo('accounts.reconnect')).toEqual([
      { accountId: 'a-auth' },
      { accountId: 'a-offline' }
    ])
  })

  it('disables the button while a reconnect is in flight and reports a failure', async () => {
    const answer = deferred<ReturnType<typeof failure>>()
    const { api } = fakeApi({
      'accounts.list': () => ok(accounts),
      'accounts.reconnect': () => answer.promise
    })
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(4))

    const button = within(entry('edge')).getByRole('button', { name: 'Reconnect' })
    await fireEvent.click(button)
    expect(button).toHaveProperty('disabled', true)
    answer.resolve(failure('internal', 'Account is being removed'))
    await waitFor(() => expect(entry('edge').textContent).toContain('Account is being removed'))
    expect(button).toHaveProperty('disabled', false)
  })

  it('replaces an account by id when an account event arrives', async () => {
    const { api, transport } = fakeApi({ 'accounts.list': () => ok(accounts) })
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(4))

    transport.emit({
      type: 'account',
      account: { ...accounts[3]!, status: { state: 'online', since: NOW } }
    })
    await waitFor(() => expect(entry('edge').dataset.state).toBe('online'))
    expect(screen.getAllByTestId('account')).toHaveLength(4)
    expect(within(entry('edge')).getByTestId('account-status').textContent).toBe('Online')
  })

  it('says when a stored credential needs re-entry, why, and offers removal instead of reconnecting', async () => {
    const reason =
      "The key that sealed this account's secret is missing or was replaced: remove the account and add it again."
    const locked = account({
      id: 'a-locked',
      name: 'vault',
      status: { state: 'auth-failed', since: NOW, reason, retryAt: null, needsReentry: true }
    })
    const { api, transport } = fakeApi({ 'accounts.list': () => ok([...accounts, locked]) })
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(5))

    expect(within(entry('vault')).getByTestId('account-status').textContent).toBe(
      'Credential needs re-entry'
    )
    expect(entry('vault').textContent).toContain(reason)
    expect(within(entry('vault')).queryByRole('button', { name: /Reconnect|Retry/ })).toBeNull()
    // A sign-in the server refused still offers Reconnect.
    expect(within(entry('edge')).getByTestId('account-status').textContent).toBe(
      'Authentication failed'
    )

    await fireEvent.click(within(entry('vault')).getByRole('button', { name: 'Remove…' }))
    const dialog = await screen.findByRole('dialog')
    expect(dialog.textContent).toContain('Remove vault?')
    await fireEvent.click(within(dialog).getByTestId('confirm-remove'))
    expect(transport.callsTo('accounts.remove')).toEqual([{ accountId: 'a-locked' }])
  })

  it('keeps an account event that arrives before the initial list answers', async () => {
    const list = deferred<ReturnType<typeof ok<AccountView[]>>>()
    const { api, transport } = fakeApi({ 'accounts.list': () => list.promise })
    render(App, { api })

    const newer = account({
      status: { state: 'offline', since: NOW, reason: 'gone', retryAt: null }
    })
    transport.emit({ type: 'account', account: newer })
    list.resolve(ok([account()]))
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(1))
    expect(screen.getByTestId('account').dataset.state).toBe('offline')
  })
})
