import { describe, expect, it } from 'vitest'
import { isNodeReady, type MethodOutput, type OverviewAccount } from '@contract'
import { value } from '../support/calls'
import { CYCLE_ID, QBO_ID, useCycleLab } from '../support/cycle-lab'

type Overview = MethodOutput<'overview.get'>

/** Counts of `keys`, as a plain record, for comparing with the figures. */
function tally(keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const key of keys) out[key] = (out[key] ?? 0) + 1
  return out
}
const asRecord = <T>(rows: readonly T[], key: (r: T) => string, n: (r: T) => number) =>
  Object.fromEntries(rows.map((r) => [key(r), n(r)]))

describe('overview.get: the start view’s figures, read from the cache', () => {
  const lab = useCycleLab(10)

  const online = lab.bothOnline

  it('counts clusters, nodes, images, sources and hub jobs per account as the servers hold them', async () => {
    const agent = await online()
    // A build now: a hub job inside the window, beside the seeded ones long before it.
    const source = lab.sandbox.cycle.state.sources[0]!
    await lab.run(agent, 'cycleImages.build', { sourceId: source.id })
    await agent.refresh()
    const overview = await value<Overview>(agent, 'overview.get', {})
    const of = (id: string): OverviewAccount => overview.accounts.find((a) => a.accountId === id)!
    expect(overview.accounts.map((a) => a.accountId).sort()).toEqual([CYCLE_ID, QBO_ID].sort())

    const hub = lab.sandbox.qbo.hub
    const qbo = of(QBO_ID)
    expect(
      asRecord(
        qbo.clusters,
        (c) => c.state,
        (c) => c.count
      )
    ).toEqual(tally(hub.clusters.map((c) => c.state)))
    const ready = hub.nodes.filter((n) => isNodeReady(n.state)).length
    expect(qbo.nodes).toMatchObject({ ready, notReady: hub.nodes.length - ready })
    expect(
      asRecord(
        qbo.nodes.byState,
        (s) => s.state,
        (s) => s.count
      )
    ).toEqual(tally(hub.nodes.map((n) => n.state)))
    // The sandbox seeds some nodes not ready, so both halves are exercised.
    expect(qbo.nodes.notReady).toBeGreaterThan(0)
    expect(qbo.images.reduce((sum, i) => sum + i.count, 0)).toBe(hub.images.length)
    expect(qbo.cycleImages).toEqual([])
    expect(qbo.hubJobs).toEqual([])

    const state = lab.sandbox.cycle.state
    const cycle = of(CYCLE_ID)
    expect(cycle.nodes).toEqual({ ready: 0, notReady: 0, byState: [] })
    expect(
      asRecord(
        cycle.cycleImages,
        (s) => s.sourceId,
        (s) => s.count
      )
    ).toEqual(tally(state.images.map((i) => i.source.details.id)))
    for (const source of cycle.cycleImages) {
      const images = state.images.filter((i) => i.source.details.id === source.sourceId)
      expect(source.bytes).toBe(images.reduce((sum, i) => sum + i.size, 0))
      const named = state.sources.find((s) => s.id === source.sourceId)
      if (named) expect(source.sourceName).toBe(named.name)
    }
    const since = new Date(overview.since).toISOString()
    expect(
      asRecord(
        cycle.hubJobs,
        (j) => j.state,
        (j) => j.count
      )
    ).toEqual(tally(state.jobs.filter((j) => j.events.queued >= since).map((j) => j.state.current)))
    const inWindow = cycle.hubJobs.reduce((sum, j) => sum + j.count, 0)
    expect(inWindow).toBeGreaterThan(0)
    expect(inWindow).toBeLessThan(state.jobs.length)
  })

  it('agrees with the filtered lists a figure opens', async () => {
    const agent = await online()
    const overview = await value<Overview>(agent, 'overview.get', {})
    const cycle = overview.accounts.find((a) => a.accountId === CYCLE_ID)!
    expect(cycle.cycleImages.length).toBeGreaterThan(1)
    for (const source of cycle.cycleImages) {
      const page = await value<MethodOutput<'cycleImages.list'>>(agent, 'cycleImages.list', {
        sourceId: source.sourceId,
        limit: 1
      })
      expect(page.total).toBe(source.count)
    }
    const clusters = await value<MethodOutput<'clusters.list'>>(agent, 'clusters.list', {})
    const qbo = overview.accounts.find((a) => a.accountId === QBO_ID)!
    expect(qbo.clusters.reduce((sum, c) => sum + c.count, 0)).toBe(clusters.total)
  })

  it('counts Berth’s own jobs still to finish, and refuses a window it does not keep', async () => {
    const agent = await online()
    const job = await value<MethodOutput<'clusters.act'>>(agent, 'clusters.act', {
      accountId: QBO_ID,
      cluster: lab.sandbox.qbo.hub.clusters[0]!.name,
      action: 'stop'
    })
    const overview = await value<Overview>(agent, 'overview.get', {})
    const qbo = overview.accounts.find((a) => a.accountId === QBO_ID)!
    expect(qbo.jobs.queued + qbo.jobs.running).toBe(1)
    expect(job.id).toBeTruthy()
    const refused = await agent.call('overview.get', { days: 0 })
    expect(refused.ok).toBe(false)
  })
})
