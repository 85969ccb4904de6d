import { afterEach, describe, expect, it } from 'vitest'
import type { HubNotification, Sandbox } from '../../src-main/sandbox/index'
import { cycleApi as api, sandboxPool } from '../support/sandboxes'

// Every REST answer below is validated against Cycle's spec.

interface Step {
  caption: string
  started: string
  completed: string
}
interface Job {
  id: string
  queue: string
  state: { current: string; error: { message: string } | null }
  tasks: {
    header: string
    state: { current: string }
    error: { message: string } | null
    steps: Step[]
  }[]
}
interface Image {
  id: string
  name: string
  size: number
  state: { current: string; error?: { message: string; time: string } }
  config: { ports: unknown[] }
  events: { created: string; updated: string }
  source: { details: { id: string } }
}
interface Descriptor {
  action: string
  job: {
    id: string
    accepted: boolean
    queue: string
    tasks: { header: string; input: Record<string, unknown>; steps: Step[] }[]
  }
}
type Doc<T> = { data: T }
type ErrorDoc = { error: { status: number; code: string } }

const ZERO = '0001-01-01T00:00:00Z'
const pool = sandboxPool({ stepMs: 5 })
afterEach(pool.closeAll)
const { start, listen } = pool

const jobEnded = (id: string) => (n: HubNotification) =>
  n.topic === 'job.state.changed' &&
  n.object.id === id &&
  (n.object.state === 'completed' || n.object.state === 'error')

function sourceNamed(sandbox: Sandbox, name: string): string {
  const source = sandbox.cycle.state.sources.find((s) => s.name === name)
  if (source === undefined) throw new Error(`no seeded source ${name}`)
  return source.id
}

/** Completed steps form a prefix, and at most the one after them has started. */
function expectStepsInOrder(steps: Step[]): void {
  const done = steps.filter((s) => s.completed !== ZERO).length
  steps.forEach((step, i) => {
    expect(step.completed !== ZERO).toBe(i < done)
    if (i > done) expect(step.started).toBe(ZERO)
  })
}

describe('Cycle emulator: image builds', () => {
  it('imports a new image step by step, with notifications in order and a growing log', async () => {
    const sandbox = await start({ stepMs: 40 })
    const call = api(sandbox)
    const socket = await listen(sandbox)
    const created = await call<Doc<Image>>('POST', '/v1/images', {
      source_id: sourceNamed(sandbox, 'nginx'),
      override: { target: 'nginx:1.27.3' }
    })
    const image = created.body.data
    expect(image.state.current).toBe('new')
    const task = await call<Doc<Descriptor>>('POST', `/v1/images/${image.id}/tasks`, {
      action: 'import'
    })
    expect(task.status).toBe(200)
    const { action, job } = task.body.data
    expect(action).toBe('import')
    expect(job).toMatchObject({ accepted: true, queue: `hub-${sandbox.cycle.hubId}-images` })
    expect(job.tasks[0]).toMatchObject({ header: 'image.import', input: { id: image.id } })
    expect(job.tasks[0]?.steps.map((s) => s.caption)).toEqual([
      'Preparing',
      'Importing',
      'Building',
      'Verifying',
      'Saving',
      'Cleaning'
    ])

    // Snapshots taken as the image moves: steps always advance in order, the log only grows.
    const logs: string[] = []
    for (const state of ['downloading', 'verifying']) {
      await socket.next((n) => n.object.id === image.id && n.object.state === state)
      const snapshot = await call<Doc<Job>>('GET', `/v1/jobs/${job.id}`)
      expectStepsInOrder(snapshot.body.data.tasks[0]?.steps ?? [])
      logs.push(
        (await call<Doc<{ log: string }>>('GET', `/v1/images/${image.id}/build-log`)).body.data.log
      )
    }
    await socket.next(jobEnded(job.id))

    const done = (await call<Doc<Job>>('GET', `/v1/jobs/${job.id}`)).body.data
    expect(done.state).toMatchObject({ current: 'completed', error: null })
    expect(done.tasks[0]?.state.current).toBe('completed')
    const steps = done.tasks[0]?.steps ?? []
    expect(steps.every((s) => s.started !== ZERO && s.completed !== ZERO)).toBe(true)
    for (let i = 1; i < steps.length; i++) {
      expect(Date.parse(steps[i]?.started ?? '')).toBeGreaterThanOrEqual(
        Date.parse(steps[i - 1]?.completed ?? '')
      )
    }
    const live = (await call<Doc<Image>>('GET', `/v1/images/${image.id}`)).body.data
    expect(live.state.current).toBe('live')
    expect(live.size).toBeGreaterThan(100 * 1024 * 1024)
    expect(live.config.ports).toContainEqual({ host: 80, container: 80, type: 'tcp' })
    expect(Date.parse(live.events.updated)).toBeGreaterThan(Date.parse(live.events.created))
    const log = (await call<Doc<{ log: string }>>('GET', `/v1/images/${image.id}/build-log`)).body
      .data.log
    expect(logs[1]?.startsWith(logs[0] ?? '')).toBe(true)
    expect(log.startsWith(logs[1] ?? '')).toBe(true)
    expect(log.length).toBeGreaterThan(logs[0]?.length ?? 0)
    expect(log).toContain('Pulling nginx:1.27.3')

    const mine = socket.messages
      .filter((n) => n.object.id === image.id || n.object.id === job.id)
      .map((n) => `${n.topic} ${n.object.state ?? ''}`.trim())
    expect(mine).toEqual([
      'image.created new',
      'job.created queued',
      'job.state.changed running',
      'image.state.changed downloading',
      'image.state.changed building',
      'image.state.changed verifying',
      'image.state.changed saving',
      'image.state.changed live',
      'job.state.changed completed'
    ])
    expect(socket.messages[0]).toEqual({
      topic: 'image.created',
      object: { id: image.id, state: 'new' },
      context: {
        hub_id: sandbox.cycle.hubId,
        account_id: null,
        environments: [],
        dns_zones: [],
        clusters: [],
        containers: []
      },
      flags: null
    })
  })

  it('fails the next build on demand, keeping the error on the image, then imports again', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const socket = await listen(sandbox)
    const image = (
      await call<Doc<Image>>('POST', '/v1/images', {
        source_id: sourceNamed(sandbox, 'storefront')
      })
    ).body.data
    sandbox.cycle.failNextBuild('npm ERR! missing script: build')
    const first = (
      await call<Doc<Descriptor>>('POST', `/v1/images/${image.id}/tasks`, { action: 'import' })
    ).body.data
    const ended = await socket.next(jobEnded(first.job.id))
    expect(ended.object).toEqual({
      id: first.job.id,
      state: 'error',
      error: 'npm ERR! missing script: build'
    })
    const job = (await call<Doc<Job>>('GET', `/v1/jobs/${first.job.id}`)).body.data
    expect(job.state).toMatchObject({
      current: 'error',
      error: { message: 'npm ERR! missing script: build' }
    })
    expect(job.tasks[0]).toMatchObject({
      state: { current: 'error' },
      error: { message: 'npm ERR! missing script: build' }
    })
    expect(job.tasks[0]?.steps[2]).toMatchObject({ caption: 'Building', completed: ZERO })
    const failed = (await call<Doc<Image>>('GET', `/v1/images/${image.id}`)).body.data
    expect(failed.state).toMatchObject({
      current: 'new',
      error: { message: 'npm ERR! missing script: build' }
    })
    expect(Date.parse(failed.state.error?.time ?? '')).not.toBeNaN()
    expect(socket.messages.some((n) => n.topic === 'image.error' && n.object.id === image.id)).toBe(
      true
    )
    const log = (await call<Doc<{ log: string }>>('GET', `/v1/images/${image.id}/build-log`)).body
      .data.log
    expect(log).toContain('npm ERR! missing script: build')

    const again = (
      await call<Doc<Descriptor>>('POST', `/v1/images/${image.id}/tasks`, { action: 'import' })
    ).body.data
    await socket.next(jobEnded(again.job.id))
    const live = (await call<Doc<Image>>('GET', `/v1/images/${image.id}`)).body.data
    expect(live.state.current).toBe('live')
    expect(live.state.error).toBeUndefined()
    // Importing a live image is refused.
    const twice = await call<ErrorDoc>('POST', `/v1/images/${image.id}/tasks`, { action: 'import' })
    expect(twice).toMatchObject({ status: 403, body: { error: { code: '403.invalid-state' } } })
  })

  it('answers 404.job for a new job until jobVisibleAfterMs has passed', async () => {
    const sandbox = await start({ stepMs: 40, jobVisibleAfterMs: 150 })
    const call = api(sandbox)
    const socket = await listen(sandbox)
    const image = (
      await call<Doc<Image>>('POST', '/v1/images', { source_id: sourceNamed(sandbox, 'worker') })
    ).body.data
    const { job } = (
      await call<Doc<Descriptor>>('POST', `/v1/images/${image.id}/tasks`, { action: 'import' })
    ).body.data
    const early = await call<ErrorDoc>('GET', `/v1/jobs/${job.id}`)
    expect(early).toMatchObject({ status: 404, body: { error: { code: '404.job' } } })
    // Seven ticks of 40 ms end well after the 150 ms.
    await socket.next(jobEnded(job.id))
    const late = await call<Doc<Job>>('GET', `/v1/jobs/${job.id}`)
    expect(late.body.data.state.current).toBe('completed')
  })
})

describe('Cycle emulator: prune and delete', () => {
  it('prunes only unused, old images of the chosen sources', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const socket = await listen(sandbox)
    const nginx = sourceNamed(sandbox, 'nginx')
    const fresh = (
      await call<Doc<Image>>('POST', '/v1/images', { source_id: nginx, name: 'fresh' })
    ).body.data
    const before = (await call<Doc<Image[]>>('GET', '/v1/images')).body.data
    const task = await call<Doc<Descriptor>>('POST', '/v1/images/tasks', {
      action: 'prune',
      contents: { source_ids: [nginx] }
    })
    expect(task.status).toBe(202)
    expect(task.body.data).toMatchObject({ action: 'prune', job: { accepted: true } })
    expect(task.body.data.job.tasks[0]).toMatchObject({
      header: 'images.prune',
      input: { source_ids: [nginx] }
    })
    await socket.next(jobEnded(task.body.data.job.id))

    const after = (await call<Doc<Image[]>>('GET', '/v1/images')).body.data
    const gone = before.filter((i) => !after.some((a) => a.id === i.id))
    // nginx:1.25 has no containers; 1.26 and 1.27 do; "fresh" is younger than 15 minutes.
    expect(gone.map((i) => i.name)).toEqual(['nginx:1.25'])
    expect(after.some((i) => i.id === fresh.id)).toBe(true)
    const pruned = gone[0]?.id ?? ''
    expect((await call<ErrorDoc>('GET', `/v1/images/${pruned}`)).body.error.code).toBe('404.image')
    const states = socket.messages
      .filter((n) => n.topic === 'image.state.changed' && n.object.state?.startsWith('delet'))
      .map((n) => [n.object.id, n.object.state])
    expect(states).toEqual([
      [pruned, 'deleting'],
      [pruned, 'deleted']
    ])
  })

  it('renames, then deletes an image through a job, and refuses images in use', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const socket = await listen(sandbox)
    const image = (
      await call<Doc<Image>>('POST', '/v1/images', { source_id: sourceNamed(sandbox, 'nginx') })
    ).body.data
    await call('PATCH', `/v1/images/${image.id}`, { name: 'renamed' })
    const updated = await socket.next((n) => n.topic === 'image.updated')
    expect(updated.object).toEqual({ id: image.id })
    const task = await call<Doc<Descriptor>>('DELETE', `/v1/images/${image.id}`)
    expect(task.status).toBe(200)
    expect(task.body.data.action).toBe('delete')
    await socket.next(jobEnded(task.body.data.job.id))
    expect((await call<ErrorDoc>('GET', `/v1/images/${image.id}`)).status).toBe(404)
    const list = (await call<Doc<Image[]>>('GET', '/v1/images')).body.data
    expect(list.some((i) => i.id === image.id)).toBe(false)

    const used = list.find((i) => i.name === 'nginx:1.27')
    const refused = await call<ErrorDoc>('DELETE', `/v1/images/${used?.id}`)
    expect(refused).toMatchObject({ status: 403, body: { error: { code: '403.invalid-state' } } })
  })

  it('deletes an image source through a job', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const socket = await listen(sandbox)
    const source = (
      await call<Doc<{ id: string }>>('POST', '/v1/images/sources', {
        type: 'direct',
        origin: { type: 'docker-file', details: { targz_url: 'https://example.com/app.tar.gz' } }
      })
    ).body.data
    const task = await call<Doc<Descriptor>>('DELETE', `/v1/images/sources/${source.id}`)
    expect(task.status).toBe(202)
    await socket.next(jobEnded(task.body.data.job.id))
    const gone = await call<ErrorDoc>('GET', `/v1/images/sources/${source.id}`)
    expect(gone.body.error.code).toBe('404.image.source')
    const topics = socket.messages
      .filter((n) => n.object.id === source.id)
      .map((n) => `${n.topic} ${n.object.state}`)
    expect(topics).toEqual([
      'image.source.created live',
      'image.source.state.changed deleting',
      'image.source.state.changed deleted'
    ])
  })
})
