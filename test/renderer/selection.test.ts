import { describe, expect, it } from 'vitest'
import type { ClusterRow } from '@contract'
import { pagesOf } from '../../src-renderer/lib/bulk-actions'
import { describePlan, planClusters } from '../../src-renderer/lib/bulk-plan'
import { Selection } from '../../src-renderer/lib/selection.svelte'
import { ResourceList } from '../../src-renderer/lib/stores/resource-list.svelte'
import { cluster, fakeApi, ok, page } from './fake-transport'

/** Issue 15, item 4: rows picked for bulk actions, held by key whatever the list does. */
const keyOf = (c: ClusterRow): string => `${c.accountId}/${c.name}`
const names = (s: Selection<ClusterRow>): string[] => s.rows.map((c) => c.name).sort()
const rowsOf = (n: number): ClusterRow[] => Array.from({ length: n }, (_, i) => cluster(i))

describe('selection', () => {
  it('toggles a row, and Shift+click selects the range from the last toggled row', () => {
    const rows = rowsOf(10)
    const at = (i: number) => rows[i]
    const s = new Selection(keyOf)
    s.click(rows[2]!, 2, { shift: false }, at)
    s.click(rows[5]!, 5, { shift: true }, at)
    expect(names(s)).toEqual(['cluster-2', 'cluster-3', 'cluster-4', 'cluster-5'])
    // Ctrl/Cmd+click (a plain toggle) drops one from the middle; a range upward adds again.
    s.toggle(rows[3]!, 3)
    expect(s.has(rows[3]!)).toBe(false)
    s.click(rows[0]!, 0, { shift: true }, at)
    expect(names(s)).toEqual([
      'cluster-0',
      'cluster-1',
      'cluster-2',
      'cluster-3',
      'cluster-4',
      'cluster-5'
    ])
    s.clear()
    expect(s.size).toBe(0)
  })

  it('skips rows of a range that are not loaded yet (a virtualized list)', () => {
    const rows = rowsOf(6)
    const s = new Selection(keyOf)
    s.toggle(rows[0]!, 0)
    s.click(rows[5]!, 5, { shift: true }, (i) => (i === 3 ? undefined : rows[i]))
    expect(names(s)).toEqual(['cluster-0', 'cluster-1', 'cluster-2', 'cluster-4', 'cluster-5'])
  })

  it('the header box picks every row on screen, then drops them all', () => {
    const rows = rowsOf(4)
    const s = new Selection(keyOf)
    s.toggle(rows[1]!)
    expect(s.boxFor(rows)).toMatchObject({ checked: false, mixed: true })
    s.boxFor(rows).toggle()
    expect(s.size).toBe(4)
    expect(s.boxFor(rows)).toMatchObject({ checked: true, mixed: false })
    s.boxFor(rows).toggle()
    expect(s.size).toBe(0)
  })

  it('holds the selection by key across a re-query that moves every row, and keeps its newest state', () => {
    const s = new Selection(keyOf)
    const before = rowsOf(5)
    s.add([before[1]!, before[3]!])
    // A new sort: the same clusters at other indexes, one of them stopped meanwhile.
    const after = [...before]
      .reverse()
      .map((c) => (c.name === 'cluster-3' ? { ...c, state: 'stopped' } : c))
    for (const row of after) s.refresh(row)
    expect(after.filter((r) => s.has(r)).map((r) => r.name)).toEqual(['cluster-3', 'cluster-1'])
    expect(s.rows.find((c) => c.name === 'cluster-3')?.state).toBe('stopped')
    // Same name on another account is another cluster.
    expect(s.has(cluster(1, { accountId: 'acc-2' }))).toBe(false)
  })

  it('selects all rows matching the search, asking the agent page by page with the same query', async () => {
    const all = rowsOf(1200).map((c, i) => (i % 2 === 0 ? { ...c, name: `web-${i}` } : c))
    const { api, transport } = fakeApi({
      'clusters.list': (input) => {
        const hits = all.filter((c) => c.name.includes(String(input.search ?? '')))
        const offset = Number(input.offset)
        return ok(page(hits.slice(offset, offset + Number(input.limit)), hits.length, offset))
      }
    })
    const list = new ResourceList(api, 'clusters.list')
    list.setSearch('web')
    const s = new Selection(keyOf)
    await s.selectAllMatching(pagesOf(list))
    expect(s.size).toBe(600)
    expect(s.rows.every((c) => c.name.startsWith('web-'))).toBe(true)
    const asked = transport.callsTo('clusters.list').filter((c) => c.limit === 500)
    expect(asked.map((c) => c.offset)).toEqual([0, 500])
    expect(asked.every((c) => c.search === 'web')).toBe(true)
  })
})

describe('bulk plan', () => {
  it('stops only the clusters that can stop, and says which were skipped', () => {
    const rows = [
      cluster(1, { name: 'a' }),
      cluster(2, { name: 'b' }),
      cluster(3, { name: 'c', state: 'stopped' }),
      cluster(4, { name: 'd' })
    ]
    const plan = planClusters('stop', rows)
    expect(plan.act.map((c) => c.name)).toEqual(['a', 'b', 'd'])
    expect(describePlan('stop', { one: 'cluster', many: 'clusters' }, plan, (c) => c.name)).toBe(
      'Stop 3 clusters: a, b, d — 1 already stopped, skipped'
    )
    expect(planClusters('delete', rows).act).toHaveLength(4)
  })
})
