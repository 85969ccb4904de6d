import type { AccountStatus, JobView, MethodOutput } from '@contract'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import type { AccountSpec } from '../../src-main/store/account-spec'
import { makeAgent, openStores } from '../support/agent'
import { FAST, startOnline, value } from '../support/calls'
import { tempDir } from '../support/temp-dir'
import { accountState, nextEvent } from '../support/wait'

const ID = 'cycle:Hub'
/** What the hostile hub sends: 99999999 s, over three years, past setTimeout's 2^31-1 ms. */
const HOSTILE_SECONDS = 99_999_999
const HOUR_MS = 3_600_000
/** Long enough for FAST's 5–100 ms backoff to have retried many times over. */
const WINDOW_MS = 500

/** Counts Node's warnings, TimeoutOverflowWarning among them, from now on. */
function watchWarnings(): { overflows(): number; stop(): void } {
  const seen: Error[] = []
  const listener = (warning: Error) => seen.push(warning)
  process.on('warning', listener)
  return {
    overflows: () => seen.filter((w) => w.name === 'TimeoutOverflowWarning').length,
    stop: () => process.off('warning', listener)
  }
}

const elapse = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a hub that asks Berth to wait for years (Retry-After: 99999999)', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let stores: ReturnType<typeof openStores>
  let agent: Agent | undefined
  let warnings: ReturnType<typeof watchWarnings>

  const spec = (): AccountSpec => ({
    id: ID,
    kind: 'cycle',
    name: 'Hub',
    origin: 'config',
    ...sandbox.connection().cycle
  })

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox({ stepMs: 10 })
    stores = openStores(dir.path)
    warnings = watchWarnings()
  })
  afterEach(async () => {
    warnings.stop()
    agent?.stop()
    agent = undefined
    stores.close()
    await sandbox.close()
    dir.remove()
  })

  it('waits at most an hour, never in a tight loop, and says until when the hub asked', async () => {
    sandbox.faults.cycle.failWith('GET', '/v1/', 429, 1000, HOSTILE_SECONDS)
    agent = makeAgent(stores, dir.path, [spec()], FAST)
    const offline = nextEvent(agent, accountState('offline'))
    const startedAt = Date.now()
    agent.start()
    const event = await offline
    if (event.type !== 'account' || event.account.status.state !== 'offline') throw new Error()
    const status: Extract<AccountStatus, { state: 'offline' }> = event.account.status

    const asked = new Date(startedAt + HOSTILE_SECONDS * 1000)
    expect(status.reason).toContain(`the hub asked to wait until ${asked.getFullYear()}-`)
    expect(status.retryAt).not.toBeNull()
    expect(status.retryAt! - status.since).toBeGreaterThanOrEqual(HOUR_MS - 1000)
    expect(status.retryAt! - status.since).toBeLessThanOrEqual(HOUR_MS)

    await elapse(WINDOW_MS)
    const asks = sandbox.cycle.requests.filter((r) => r.path === '/v1/hubs/current')
    expect(asks).toHaveLength(1)
    expect(warnings.overflows()).toBe(0)
  })

  it('keeps a refused action queued for at most an hour, without spinning its timer', async () => {
    agent = await startOnline(makeAgent(stores, dir.path, [spec()], FAST))
    const images = await value<MethodOutput<'cycleImages.list'>>(agent, 'cycleImages.list', {})
    const image = images.items[0]!
    sandbox.faults.cycle.failWith('PATCH', '/v1/images/', 429, 1000, HOSTILE_SECONDS)

    const logged: string[] = []
    agent.onEvent((e) => {
      if (e.type === 'job-log') logged.push(...e.lines.map((l) => l.text))
    })
    const retried = nextEvent(
      agent,
      (e) => e.type === 'job-log' && e.lines.some((l) => l.text.includes('trying again in'))
    )
    const job = await value<JobView>(agent, 'cycleImages.rename', {
      accountId: ID,
      imageId: image.id,
      name: 'renamed'
    })
    await retried
    await elapse(WINDOW_MS)
    // The old runner re-armed a timer Node fired at once, thousands of times a second.
    expect(warnings.overflows()).toBe(0)
    expect(sandbox.cycle.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1)
    expect(logged.find((l) => l.includes('trying again in'))).toMatch(
      /the hub asked to wait until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d — trying again in 3600 s$/
    )
    const jobs = await value<MethodOutput<'jobs.list'>>(agent, 'jobs.list', {})
    expect(jobs.items.find((j) => j.id === job.id)?.state).toBe('queued')
  })
})
