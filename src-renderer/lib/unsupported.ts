import type { AccountView, ResourceKind } from '@contract'
import { joinNames } from './empty-state'

/** How the UI names each kind, plural and lower case. */
const NOUN: Record<ResourceKind, string> = {
  nodes: 'nodes',
  images: 'images',
  networks: 'networks',
  clusters: 'clusters',
  pods: 'pods',
  services: 'services',
  loadBalancers: 'load balancers',
  cycleImages: 'images',
  cycleSources: 'sources',
  cycleJobs: 'jobs'
}

export const kindNoun = (kind: ResourceKind): string => NOUN[kind]

/** Whether this account's server refused to list `kind` (an older or narrower server). */
export const refuses = (account: AccountView | undefined, kind: ResourceKind): boolean =>
  account?.unsupported?.includes(kind) ?? false

/** One line per refused kind, as the account says it: "pods: not supported by this server". */
export const unsupportedLines = (account: AccountView): string[] =>
  (account.unsupported ?? []).map((kind) => `${kindNoun(kind)}: not supported by this server`)

/** What a list of `kind` says about the accounts whose servers do not list it. */
export interface UnsupportedNotice {
  /** Every account of the view refuses it: nothing will come, however long one waits. */
  all: boolean
  names: string
  /** What to tell the user; `derived` when the rows shown are built from other data. */
  text: string
  derived: boolean
}

/**
 * Null when every account of the view lists `kind`. Cluster rows of a server that refuses the
 * clusters list are built from its nodes (state unknown); rows of another refused kind are the
 * ones an earlier server reported, kept as last known.
 */
export function unsupportedNotice(
  accounts: readonly AccountView[],
  kind: ResourceKind,
  hasRows: boolean
): UnsupportedNotice | null {
  const refusing = accounts.filter((a) => refuses(a, kind))
  if (refusing.length === 0) return null
  const names = joinNames(refusing.map((a) => a.name))
  const noun = kindNoun(kind)
  const all = refusing.length === accounts.length
  const server = refusing.length === 1 ? 'its server does' : 'their servers do'
  let text: string
  if (kind === 'clusters') {
    text = `${names}: ${server} not list clusters; the clusters shown are derived from the cluster each node names, and their state is unknown.`
  } else if (hasRows) {
    text = `${names}: ${server} not list ${noun}; the ${noun} shown are the last ones reported and are not refreshed.`
  } else {
    text = `${names}: ${server} not list ${noun} (an older or narrower server). Berth asks again now and then, and when you press Refresh.`
  }
  return { all, names, text, derived: kind === 'clusters' }
}
