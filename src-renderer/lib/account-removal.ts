import type { AccountView } from '@contract'

export interface RemovalWords {
  /** ", and its saved credential" — or nothing where Berth saved none (the built-in sandbox). */
  credential: string
  /** What the account's rows are, as the views name them. */
  cached: string
  /** Whose side stays as it is. */
  server: string
  /** What adding it again brings back. */
  again: string
}

/** What removing an account takes away, in the words of its kind: a hub has no clusters. */
export function removalWords(account: Pick<AccountView, 'kind' | 'source'>): RemovalWords {
  const saved = account.source === 'sandbox' ? '' : ' and its saved'
  if (account.kind === 'cycle') {
    return {
      credential: saved && `${saved} API key`,
      cached: 'images, image sources and hub jobs',
      server: 'the hub',
      again: 'images'
    }
  }
  return {
    credential: saved && `${saved} credential`,
    cached: 'clusters, nodes, images and networks',
    server: 'the qbo server',
    again: 'clusters'
  }
}
