import { afterEach, describe, expect, it } from 'vitest'
import type { JobView, MethodOutput } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src-main/sandbox'
import type { AccountSpec } from '../../src-main/store/account-spec'
import { makeAgent, openStores } from '../support/agent'
import { FAST, runJob, startOnline, value } from '../support/calls'
import { tempDir } from '../support/temp-dir'
import { accountState, nextEvent } from '../support/wait'

// Berth against the sandbox's every-field hub (seed-fidelity.ts): creators by name, the image's
// facts and state history, job descriptors and build-log events, over real sockets.

const fast = { ...FAST, cycle: { pollMs: 25, socketRetryMs: () => 30 } }
const ID = 'cycle:Hub'

type Images = MethodOutput<'cycleImages.list'>
type Detail = MethodOutput<'cycleImages.get'>

describe('Cycle fidelity: what Berth keeps and shows', () => {
  let dir: ReturnType<typeof tempDir> | undefined
  let sandbox: Sandbox | undefined
  let stores: ReturnType<typeof openStores> | undefined
  let agent: Agent | undefined

  const spec = (): AccountSpec => ({
    id: ID,
    kind: 'cycle',
    name: 'Hub',
    origin: 'config',
    ...sandbox!.connection().cycle
  })
  const online = async (options: SandboxOptions = {}): Promise<Agent> => {
    dir = tempDir()
    sandbox = await startSandbox({ stepMs: 5, ...options })
    stores = openStores(dir.path)
    agent = makeAgent(stores, dir.path, [spec()], fast)
    return startOnline(agent)
  }
  afterEach(async () => {
    agent?.stop()
    stores?.close()
    await sandbox?.close()
    dir?.remove()
    agent = stores = sandbox = dir = undefined
  })

  const images = (a: Agent) => value<Images>(a, 'cycleImages.list', { limit: 500 })
  const detail = (a: Agent, imageId: string) =>
    value<Detail>(a, 'cycleImages.get', { accountId: ID, imageId })

  it('names creators of every kind in image, source and job rows', async () => {
    const a = await online()
    const rows = (await images(a)).items
    const creators = new Set(rows.map((i) => i.creator))
    // The planned hub's account, a Cycle employee, a visitor, an environment: all by name.
    expect(rows.some((i) => /^account [0-9a-f]{24}$/.test(i.creator))).toBe(false)
    expect([...creators].some((c) => c.endsWith('(Cycle)'))).toBe(true)
    expect([...creators].some((c) => c.endsWith('(visitor)'))).toBe(true)
    expect(creators).toContain('environment Shop (production)')
    expect(creators).toContain('Cycle platform')
    const vision = rows.find((i) => i.name.startsWith('vision-inference'))!
    expect(vision.creator).toMatch(/^\S+ \S+ \(Cycle\)$/)

    const sources = await value<MethodOutput<'cycleSources.list'>>(a, 'cycleSources.list', {})
    expect(sources.items.every((s) => s.creator && !/ [0-9a-f]{24}$/.test(s.creator))).toBe(true)
    const jobs = await value<MethodOutput<'cycleJobs.list'>>(a, 'cycleJobs.list', {})
    expect(jobs.items.length).toBeGreaterThan(0)
    expect(jobs.items.every((j) => j.creator && !/ [0-9a-f]{24}$/.test(j.creator))).toBe(true)
    // Berth asked for them as the API documents.
    const asked = (path: string) =>
      sandbox!.cycle.requests.find((r) => r.method === 'GET' && r.path === path)?.query.include
    expect(asked('/v1/images')).toEqual(['creators,integrations'])
    expect(asked('/v1/images/sources')).toEqual(['creators,integrations'])
    expect(asked('/v1/jobs')).toEqual(['creators'])
  })

  it('keeps every image fact the API documents and shows it in the detail', async () => {
    const a = await online()
    const rows = (await images(a)).items
    const vision = rows.find((i) => i.name.startsWith('vision-inference'))!
    const { facts, raw } = await detail(a, vision.id)
    expect(facts).toMatchObject({
      description: 'GPU inference server; needs a node with an NVIDIA GPU.',
      nvidiaGpu: true,
      originType: 'oci-registry',
      originTarget: 'inference/server:3.1-cuda12',
      creatorKind: 'employee',
      labels: { 'com.nvidia.volumes.needed': 'nvidia_driver' },
      containersByState: { running: 1, starting: 1 },
      deleted: null
    })
    expect(facts!.backend).toMatch(/\S/)
    expect(facts!.factoryNode).toMatch(/^[0-9a-f]{24}$/)
    expect(facts!.stateChanged).toMatch(/^\d{4}-/)
    expect(facts!.updated).toMatch(/^\d{4}-/)
    expect(raw).not.toHaveProperty('_berth')

    const site = rows.find((i) => i.name === 'site 2025.04.2')!
    expect((await detail(a, site.id)).facts!.originTarget).toBe(
      'https://objects.berth-sandbox.invalid/site/site-2025.04.2.tar.gz'
    )
    const payments = rows.find((i) => i.name === 'payments-api v4.2.0')!
    expect((await detail(a, payments.id)).facts!.builder).toBe('Depot builds')
  })

  it('keeps each state an image is seen in, and shows them newest first', async () => {
    const a = await online()
    const source = (
      await value<MethodOutput<'cycleSources.list'>>(a, 'cycleSources.list', {})
    ).items.find((s) => s.name === 'registry-ecr')!
    const job = await runJob(a, 'cycleImages.build', {
      accountId: ID,
      sourceId: source.id,
      name: 'seen-built'
    })
    expect(job.state).toBe('succeeded')
    await a.refresh()
    const built = (await images(a)).items.find((i) => i.name === 'seen-built')!
    const { history, facts } = await detail(a, built.id)
    expect(history![0]).toMatchObject({ state: 'live', changed: facts!.stateChanged })
    expect(history!.length).toBeGreaterThanOrEqual(2)
    expect(history!.map((h) => h.state)).not.toEqual(['live', 'live'])
    const changed = history!.map((h) => h.changed!)
    // By time: Cycle's fractions vary in length, so text order is not time order.
    expect([...changed].sort((x, y) => Date.parse(y) - Date.parse(x))).toEqual(changed)
  })

  it('syncs an image whose state lacks current, as unknown', async () => {
    const a = await online({ cycleStateWithoutCurrent: true })
    const account = await value<MethodOutput<'accounts.list'>>(a, 'accounts.list', {})
    expect(JSON.stringify(account)).not.toMatch(/unexpected answer/)
    const rows = (await images(a)).items
    const odd = rows.filter((i) => i.state === 'unknown')
    expect(odd).toHaveLength(1)
    expect(rows.length).toBeGreaterThan(5)
    const { history, facts } = await detail(a, odd[0]!.id)
    expect(facts!.stateChanged).toMatch(/^\d{4}-/)
    expect(history).toEqual([expect.objectContaining({ state: 'unknown' })])
  })

  it('keeps a job’s descriptor, schedule, each task’s input and the build log’s events', async () => {
    const a = await online()
    const source = (
      await value<MethodOutput<'cycleSources.list'>>(a, 'cycleSources.list', {})
    ).items.find((s) => s.name === 'registry-ecr')!
    const job: JobView = await runJob(a, 'cycleImages.build', {
      accountId: ID,
      sourceId: source.id,
      name: 'described'
    })
    const jobs = await value<MethodOutput<'cycleJobs.list'>>(a, 'cycleJobs.list', {})
    const row = jobs.items.find((j) => j.id === job.remoteJobId)!
    expect(row).toMatchObject({ accepted: true, queue: expect.stringMatching(/\S/) })
    expect(row.schedule).toMatch(/^\d{4}-/)
    expect(row.parallel).toEqual({ tasks: false, subQueue: expect.stringMatching(/^image-/) })
    const built = (await images(a)).items.find((i) => i.name === 'described')!
    expect(row.tasks[0]?.input).toEqual({ id: built.id })

    const log = await value<MethodOutput<'cycleImages.buildLog'>>(a, 'cycleImages.buildLog', {
      accountId: ID,
      imageId: built.id,
      refresh: true
    })
    expect(log.log).not.toBe('')
    expect(log.events?.created).toMatch(/^\d{4}-/)
    // A new agent on the same cache never saw the descriptor; its refreshes keep it all the same.
    a.stop()
    const again = makeAgent(stores!, dir!.path, [spec()], fast)
    agent = again
    const up = nextEvent(again, accountState('online', ID))
    again.start()
    await up
    await again.refresh()
    const kept = (await value<MethodOutput<'cycleJobs.list'>>(again, 'cycleJobs.list', {})).items
    expect(kept.find((j) => j.id === job.remoteJobId)).toMatchObject({
      accepted: true,
      parallel: row.parallel
    })
  })
})
