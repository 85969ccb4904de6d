import { untrack } from 'svelte'
import type { AccountView } from '@contract'
import type { AccountsStore } from './accounts.svelte'

/**
 * The accounts of one kind a dialog can act on, and the chosen one: an online one first. It owns
 * an effect, so construct it while a component initialises.
 */
export class AccountChoice {
  readonly #accounts: () => AccountsStore
  readonly #kind: AccountView['kind']

  readonly options = $derived.by(() =>
    this.#accounts().accounts.filter((a) => a.kind === this.#kind)
  )
  accountId = $state('')
  /** The chosen account, while it is one of the options. */
  readonly chosen = $derived(this.options.find((a) => a.id === this.accountId))

  constructor(accounts: () => AccountsStore, kind: AccountView['kind'], initial?: string) {
    this.#accounts = accounts
    this.#kind = kind
    this.accountId = initial ?? untrack(() => this.#first())
    // The accounts may still be loading when the dialog opens.
    $effect(() => {
      if (this.options.length > 0 && untrack(() => this.accountId) === '')
        this.accountId = this.#first()
    })
  }

  #first(): string {
    return this.options.find((a) => a.status.state === 'online')?.id ?? this.options[0]?.id ?? ''
  }
}
