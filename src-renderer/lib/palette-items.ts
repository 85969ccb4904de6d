import type { AccountView, ClusterRow, CycleImageRow } from '@contract'
import { rankFuzzy, type FuzzyMatch } from './fuzzy'
import type { Route } from './route'
import { goKeys, type ViewEntry } from './shortcuts'
import { clusterCan } from './state-tone'
import type { ClusterRef, CycleImageRef } from './stores/navigation.svelte'

/** What running an item does; the palette's host carries it out. */
export type PaletteAction =
  | { do: 'show'; route: Route }
  | { do: 'focus-account'; accountId: string }
  | { do: 'open-cluster'; ref: ClusterRef }
  | { do: 'open-image'; ref: CycleImageRef }
  | { do: 'new-cluster' }
  | { do: 'add-account' }
  | { do: 'build-image' }
  | { do: 'new-source' }
  | { do: 'toggle-theme' }
  | { do: 'cluster-act'; action: 'start' | 'stop'; ref: ClusterRef }

export interface PaletteItem {
  /** Unique in the list (the option's id). */
  key: string
  label: string
  /** What kind of thing it is, said after the label ("Cluster · Lab · running"). */
  detail: string
  /** The shortcut that does the same, if there is one. */
  keys?: string
  action: PaletteAction
}

export interface PaletteResult extends PaletteItem {
  match: FuzzyMatch
}

export interface PaletteSources {
  views: readonly ViewEntry[]
  accounts: readonly AccountView[]
  clusters: readonly ClusterRow[]
  images: readonly CycleImageRow[]
  /** A Cycle hub is configured (Build image and New image source apply). */
  cycle: boolean
  accountName: (accountId: string) => string
}

/** The palette shows this many at most: enough to pick from, few enough to read. */
export const PALETTE_LIMIT = 20

const CLUSTER_ACTIONS = { start: 'Start cluster', stop: 'Stop cluster' } as const

/** Everything the palette can offer, in the order shown when nothing is typed. */
export function paletteItems(s: PaletteSources, query: string): PaletteItem[] {
  const items: PaletteItem[] = s.views.map((v) => ({
    key: `view:${v.route.view}`,
    label: v.name,
    detail: 'Go to view',
    ...(v.letter !== undefined && { keys: goKeys(v.route.view) }),
    action: { do: 'show', route: v.route }
  }))
  items.push(
    {
      key: 'do:new-cluster',
      label: 'New cluster',
      detail: 'Action',
      action: { do: 'new-cluster' }
    },
    { key: 'do:add-account', label: 'Add account', detail: 'Action', action: { do: 'add-account' } }
  )
  if (s.cycle) {
    items.push(
      {
        key: 'do:build-image',
        label: 'Build image',
        detail: 'Action',
        action: { do: 'build-image' }
      },
      {
        key: 'do:new-source',
        label: 'New image source',
        detail: 'Action',
        action: { do: 'new-source' }
      }
    )
  }
  items.push({
    key: 'do:toggle-theme',
    label: 'Toggle theme',
    detail: 'Action',
    action: { do: 'toggle-theme' }
  })
  for (const a of s.accounts) {
    items.push({
      key: `account:${a.id}`,
      label: a.name,
      detail: a.kind === 'cycle' ? 'Cycle account' : 'qbo account',
      action: { do: 'focus-account', accountId: a.id }
    })
  }
  for (const c of s.clusters) {
    const ref = { accountId: c.accountId, name: c.name }
    items.push({
      key: `cluster:${c.accountId}/${c.name}`,
      label: c.name,
      detail: `Cluster · ${s.accountName(c.accountId)} · ${c.state}`,
      action: { do: 'open-cluster', ref }
    })
    // Start and stop by name only once something is typed: unasked, they would crowd the list.
    if (query.trim() === '') continue
    const can = clusterCan(c.state)
    for (const action of ['start', 'stop'] as const) {
      if (!can[action]) continue
      items.push({
        key: `${action}:${c.accountId}/${c.name}`,
        label: `${CLUSTER_ACTIONS[action]} ${c.name}`,
        detail: `Action · ${s.accountName(c.accountId)}`,
        action: { do: 'cluster-act', action, ref }
      })
    }
  }
  for (const i of s.images) {
    items.push({
      key: `image:${i.accountId}/${i.id}`,
      label: i.name || i.id,
      detail: `Cycle image · ${s.accountName(i.accountId)} · ${i.state}`,
      action: { do: 'open-image', ref: { accountId: i.accountId, imageId: i.id } }
    })
  }
  return items
}

/** The items matching the query, best first, at most PALETTE_LIMIT. */
export function paletteResults(s: PaletteSources, query: string): PaletteResult[] {
  return rankFuzzy(query, paletteItems(s, query), (i) => i.label, PALETTE_LIMIT).map(
    ({ item, match }) => ({ ...item, match })
  )
}
