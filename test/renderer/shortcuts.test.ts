import { describe, expect, it } from 'vitest'
import type { AccountView, ClusterRow } from '@contract'
import { paletteResults } from '../../src-renderer/lib/palette-items'
import {
  availableViews,
  goKeys,
  PENDING_MS,
  ShortcutReader,
  type KeyPress
} from '../../src-renderer/lib/shortcuts'

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: document.body,
  ...more
})

function reader(cycle = true) {
  let now = 1_000
  const r = new ShortcutReader(
    () => availableViews(cycle),
    () => now
  )
  return { r, later: (ms: number) => (now += ms) }
}

describe('keyboard shortcuts', () => {
  it('goes to a view with g then its letter', () => {
    const { r } = reader()
    expect(r.read(press('g'))).toEqual({ kind: 'pending' })
    expect(r.read(press('c'))).toEqual({ kind: 'go', route: { view: 'clusters' } })
    // One letter per g: a second c is nothing.
    expect(r.read(press('c'))).toBeNull()
    r.read(press('g'))
    expect(r.read(press('a'))).toEqual({ kind: 'go', route: { view: 'activity' } })
    r.read(press('G', { target: document.body }))
    expect(r.read(press('N'))).toEqual({ kind: 'go', route: { view: 'nodes' } })
  })

  it('forgets a g left waiting, or followed by a letter that names no view', () => {
    const { r, later } = reader()
    r.read(press('g'))
    later(PENDING_MS + 1)
    expect(r.read(press('c'))).toBeNull()
    r.read(press('g'))
    expect(r.read(press('q'))).toBeNull()
    expect(r.read(press('c'))).toBeNull()
  })

  it('offers Cycle’s views only with a hub', () => {
    const without = reader(false).r
    without.read(press('g'))
    expect(without.read(press('y'))).toBeNull()
    const withHub = reader(true).r
    withHub.read(press('g'))
    expect(withHub.read(press('y'))).toEqual({ kind: 'go', route: { view: 'cycle-images' } })
  })

  it('reads /, ? and Ctrl/Cmd+K', () => {
    const { r } = reader()
    expect(r.read(press('/'))).toEqual({ kind: 'search' })
    expect(r.read(press('?'))).toEqual({ kind: 'help' })
    expect(r.read(press('k', { ctrlKey: true }))).toEqual({ kind: 'palette' })
    expect(r.read(press('k', { metaKey: true }))).toEqual({ kind: 'palette' })
    expect(r.read(press('k'))).toBeNull()
    expect(r.read(press('/', { ctrlKey: true }))).toBeNull()
  })

  it('never fires while typing in a field', () => {
    const { r } = reader()
    const field = document.createElement('input')
    const area = document.createElement('textarea')
    const editable = document.createElement('div')
    editable.setAttribute('contenteditable', 'true')
    const inside = document.createElement('span')
    editable.append(inside)
    for (const target of [field, area, inside]) {
      expect(r.read(press('g', { target }))).toBeNull()
      expect(r.read(press('c', { target }))).toBeNull()
      expect(r.read(press('/', { target }))).toBeNull()
      expect(r.read(press('?', { target }))).toBeNull()
    }
    // A g outside, then its letter typed into a field: the letter is the field's.
    r.read(press('g'))
    expect(r.read(press('c', { target: field }))).toBeNull()
    expect(r.read(press('c'))).toBeNull()
    // The palette opens from a field too: it is a chord, not typing.
    expect(r.read(press('k', { ctrlKey: true, target: field }))).toEqual({ kind: 'palette' })
  })

  it('lists every list view the routes name, and writes their keys', () => {
    const names = availableViews(true).map((v) => v.name)
    expect(names).toEqual(
      expect.arrayContaining(['Nodes', 'Clusters', 'Cycle images', 'Hub jobs', 'Settings'])
    )
    // A detail is its list's: Clusters is listed once.
    expect(names.filter((n) => n === 'Clusters')).toHaveLength(1)
    expect(availableViews(false).map((v) => v.name)).not.toContain('Cycle images')
    expect(goKeys('clusters')).toBe('g c')
    expect(goKeys('jobs')).toBe('g a')
  })
})

describe('the palette’s items', () => {
  const account = { id: 'acc-1', kind: 'qbo', name: 'Lab' } as AccountView
  const cluster = (name: string, state: string) =>
    ({ accountId: 'acc-1', name, state }) as ClusterRow
  const sources = {
    views: availableViews(false),
    accounts: [account],
    clusters: [cluster('alex', 'running'), cluster('edge-lab', 'stopped')],
    images: [],
    cycle: false,
    accountName: () => 'Lab'
  }

  it('finds a cluster by a fuzzy fragment, first, with its letters marked', () => {
    const [top] = paletteResults(sources, 'edlb')
    expect(top).toMatchObject({
      label: 'edge-lab',
      action: { do: 'open-cluster', ref: { accountId: 'acc-1', name: 'edge-lab' } }
    })
    expect(top!.match.positions).toEqual([0, 1, 5, 7])
  })

  it('offers start or stop by name as the cluster’s state allows', () => {
    const labels = paletteResults(sources, 'cluster').map((r) => r.label)
    expect(labels).toEqual(expect.arrayContaining(['Stop cluster alex', 'Start cluster edge-lab']))
    expect(labels).not.toContain('Start cluster alex')
    expect(labels).not.toContain('Stop cluster edge-lab')
  })

  it('shows views with their shortcut, and accounts, when nothing is typed', () => {
    const results = paletteResults(sources, '')
    expect(results.find((r) => r.label === 'Clusters')?.keys).toBe('g c')
    expect(results.some((r) => r.action.do === 'focus-account')).toBe(true)
    expect(results.some((r) => r.action.do === 'cluster-act')).toBe(false)
    expect(results.some((r) => r.label === 'Build image')).toBe(false)
  })
})
