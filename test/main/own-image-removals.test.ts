import { describe, expect, it } from 'vitest'
import type { AgentEvent, MethodOutput, NotificationList } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import type { CycleSession } from '../../src-main/providers/cycle/session'
import { makeAgent } from '../support/agent'
import { startOnline, value } from '../support/calls'
import { CYCLE_ID, fastCycle, useCycleLab } from '../support/cycle-lab'
import { nextEvent } from '../support/wait'

type Sources = MethodOutput<'cycleSources.list'>
type Images = MethodOutput<'cycleImages.list'>

/**
 * The user's own delete and prune: the job's notice tells it (no separate "images removed"), and
 * the views' counts follow the moment the job succeeds, not at the next refresh.
 */
describe('your own image removals', () => {
  const lab = useCycleLab(10)

  const online = (): Promise<Agent> =>
    startOnline(
      lab.track(
        makeAgent(lab.stores, lab.dir.path, [lab.spec()], { ...fastCycle, notify: { windowMs: 5 } })
      )
    )
  /** No notification socket: nothing but the job itself updates the cache until a refresh. */
  const quiet = async (agent: Agent): Promise<void> => {
    lab.sandbox.cycle.pauseNotifications(true)
    lab.sandbox.cycle.dropSockets()
    const session = agent.live.get(CYCLE_ID)!.session as CycleSession
    await expect.poll(() => session.mode).toBe('polling')
  }
  /** What the hub itself counts for a source: its images not deleted. */
  const hubCount = (sourceId: string): number =>
    lab.sandbox.cycle.state.images.filter(
      (i) => i.source?.details.id === sourceId && i.state.current !== 'deleted'
    ).length
  const sourceRow = async (agent: Agent, id: string) =>
    (await value<Sources>(agent, 'cycleSources.list', { limit: 500 })).items.find(
      (s) => s.id === id
    )!

  it('prunes without a separate “images removed” notice, and recounts the source at once', async () => {
    const agent = await online()
    await quiet(agent)
    const sources = await value<Sources>(agent, 'cycleSources.list', { limit: 500 })
    const source = sources.items.find((s) => s.images > hubCount(s.id) || s.images > 0)!
    const before = source.images
    const changed: string[] = []
    agent.onEvent((e: AgentEvent) => {
      if (e.type === 'changed') changed.push(e.kind)
    })
    const jobNotice = nextEvent(
      agent,
      (e) => e.type === 'notification' && e.notification.title.startsWith('Done: Prune')
    )
    const job = await value<{ id: string }>(agent, 'cycleImages.prune', {
      accountId: CYCLE_ID,
      sourceIds: [source.id]
    })
    await jobNotice
    // The views are told to re-read the sources, not left to the next refresh.
    expect(changed).toContain('cycleSources')

    const after = hubCount(source.id)
    expect(after).toBeLessThan(before)
    expect((await sourceRow(agent, source.id)).images).toBe(after)
    const images = await value<Images>(agent, 'cycleImages.list', {
      sourceId: source.id,
      limit: 500
    })
    expect(images.total).toBe(after)

    const titles = (await value<NotificationList>(agent, 'notifications.list', {})).items.map(
      (n) => n.title
    )
    expect(titles.filter((t) => /removed/i.test(t))).toEqual([])
    expect(titles.filter((t) => t.startsWith('Done: Prune'))).toHaveLength(1)
    const done = await value<MethodOutput<'jobs.list'>>(agent, 'jobs.list', {})
    expect(done.items.find((j) => j.id === job.id)).toMatchObject({
      title: `Prune unused images of ${source.name} (Hub)`,
      subject: { view: 'cycle-images' }
    })
  })

  it('drops a deleted image’s row and its source’s count as soon as the delete succeeds', async () => {
    const agent = await online()
    await quiet(agent)
    const images = await value<Images>(agent, 'cycleImages.list', { limit: 500 })
    const image = images.items.find((i) => i.state === 'live' && i.containers === 0)!
    const before = (await sourceRow(agent, image.sourceId)).images
    const ended = nextEvent(
      agent,
      (e) => e.type === 'job' && e.job.action === 'image.delete' && e.job.state === 'succeeded'
    )
    const job = await value<{ title: string; subject: unknown }>(agent, 'cycleImages.delete', {
      accountId: CYCLE_ID,
      imageId: image.id
    })
    expect(job).toMatchObject({
      title: `Delete image ${image.name} (Hub)`,
      subject: { view: 'cycle-image', accountId: CYCLE_ID, imageId: image.id }
    })
    await ended

    expect((await sourceRow(agent, image.sourceId)).images).toBe(before - 1)
    const left = await value<Images>(agent, 'cycleImages.list', { limit: 500 })
    expect(left.items.some((i) => i.id === image.id)).toBe(false)
  })
})
