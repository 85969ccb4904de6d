import type { BerthApi } from '../lib/api/client'
import type { AccountsStore } from '../lib/stores/accounts.svelte'
import type { Navigation } from '../lib/stores/navigation.svelte'

/** What App hands a view: the agent's API, the session's accounts and where the user is. */
export interface ViewProps {
  api: BerthApi
  accounts: AccountsStore
  nav: Navigation
}
