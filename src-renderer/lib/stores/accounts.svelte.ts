import { untrack } from 'svelte'
import { SvelteSet } from 'svelte/reactivity'
import type { AccountView, AppError } from '@contract'
import type { BerthApi } from '../api/client'
import { isTroubled } from '../offline'
import { followAgent } from './live'

/**
 * The configured accounts and their connection status: one `accounts.list`, then kept current by
 * `account` events (each replaces the account with the same id).
 */
export class AccountsStore {
  accounts = $state.raw<AccountView[]>([])
  /** False until the first `accounts.list` answer, so views can tell "none" from "not yet". */
  loaded = $state(false)
  error = $state.raw<AppError | null>(null)
  /** Account ids with a reconnect request in flight. */
  readonly reconnecting = new SvelteSet<string>()
  /** Why the last reconnect request for an account failed, by id. */
  reconnectErrors = $state.raw<Readonly<Record<string, string>>>({})
  /** Account ids with a remove request in flight. */
  readonly removing = new SvelteSet<string>()

  readonly #api: BerthApi
  #latest = 0
  /** Events that arrived after the newest list request was sent; they are newer than its answer. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  #newer = new Map<string, AccountView>()
  /** Removed accounts: a late status event for one must not bring it back. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  #removed = new Set<string>()

  constructor(api: BerthApi) {
    this.#api = api
  }

  /** Accounts that are disconnected: offline or refused. */
  get troubled(): AccountView[] {
    return this.accounts.filter(isTroubled)
  }

  /** A reconnect request is in flight for some disconnected account. */
  get retrying(): boolean {
    return this.troubled.some((a) => this.reconnecting.has(a.id))
  }

  /** Ask the agent to reconnect every disconnected account now, all at once. */
  async reconnectTroubled(): Promise<void> {
    await Promise.all(this.troubled.map((a) => this.reconnect(a.id)))
  }

  nameOf(accountId: string): string {
    return this.accounts.find((a) => a.id === accountId)?.name ?? accountId
  }

  load(): void {
    untrack(() => {
      const ticket = ++this.#latest
      this.#newer.clear()
      void this.#api.call('accounts.list', {}).then((result) => {
        if (ticket !== this.#latest) return
        if (!result.ok) {
          this.error = result.error
          return
        }
        this.error = null
        this.accounts = result.value.map((a) => this.#newer.get(a.id) ?? a)
        this.loaded = true
      })
    })
  }

  start(): () => void {
    const stop = followAgent(this.#api, {
      load: () => this.load(),
      onEvent: (event) => {
        if (event.type === 'account') this.#apply(event.account)
        else if (event.type === 'accounts') this.load()
      }
    })
    return () => {
      stop()
      this.#latest++
    }
  }

  async reconnect(accountId: string): Promise<void> {
    if (this.reconnecting.has(accountId)) return
    this.reconnecting.add(accountId)
    const { [accountId]: _previous, ...rest } = this.reconnectErrors
    this.reconnectErrors = rest
    const result = await this.#api.call('accounts.reconnect', { accountId })
    this.reconnecting.delete(accountId)
    if (!result.ok)
      this.reconnectErrors = { ...this.reconnectErrors, [accountId]: result.error.message }
  }

  /** Forget an account; resolves with the reason in words if the agent refused. */
  async remove(accountId: string): Promise<string | null> {
    if (this.removing.has(accountId)) return null
    this.removing.add(accountId)
    const result = await this.#api.call('accounts.remove', { accountId })
    this.removing.delete(accountId)
    if (!result.ok) return result.error.message
    this.#removed.add(accountId)
    this.#newer.delete(accountId)
    this.accounts = this.accounts.filter((a) => a.id !== accountId)
    this.load()
    return null
  }

  #apply(account: AccountView): void {
    if (this.#removed.has(account.id)) return
    this.#newer.set(account.id, account)
    const at = this.accounts.findIndex((a) => a.id === account.id)
    this.accounts = at === -1 ? [...this.accounts, account] : this.accounts.with(at, account)
  }
}
