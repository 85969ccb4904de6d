import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AgentEvent } from '@contract'
import type { Db } from '../../src-main/cache/db'
import type { JobExecutor, RunResult } from '../../src-main/agent/jobs/executor'
import { JobRunner } from '../../src-main/agent/jobs/job-runner'
import { JobStore } from '../../src-main/store/job-store'
import { openStateDatabase } from '../../src-main/store/state-db'
import { tempDir } from '../support/temp-dir'

const ACCOUNT = 'qbo:Lab'

describe('a queued job is claimed by exactly one runner', () => {
  let dir: ReturnType<typeof tempDir>
  let files: Db[]

  /** Another connection to the same state file, as a second Berth on the data folder has. */
  const open = (): JobStore => {
    const db = openStateDatabase(`${dir.path}/state.sqlite`)
    files.push(db)
    return new JobStore(db)
  }

  beforeEach(() => {
    dir = tempDir()
    files = []
  })
  afterEach(() => {
    for (const db of files) db.close()
    dir.remove()
  })

  it('lets only the first of two stores on one file take it', () => {
    const [a, b] = [open(), open()]
    const job = a.create({ accountId: ACCOUNT, action: 'add', target: 'c1', args: {}, title: 'C' })
    // Both saw it queued; both try to take it.
    expect([a.get(job.id)?.state, b.get(job.id)?.state]).toEqual(['queued', 'queued'])
    expect(b.claim(job.id)).toBe(true)
    expect(a.claim(job.id)).toBe(false)
    expect(a.get(job.id)?.state).toBe('running')
    // A withdrawn job can no longer be taken either.
    const other = a.create({
      accountId: ACCOUNT,
      action: 'stop',
      target: 'c1',
      args: {},
      title: 'S'
    })
    expect(a.cancel(other.id)).toBe(true)
    expect(b.claim(other.id)).toBe(false)
  })

  it('sends it once when two runners reach it at the same moment', async () => {
    const [storeA, storeB] = [open(), open()]
    const job = storeA.create({
      accountId: ACCOUNT,
      action: 'add',
      target: 'c1',
      args: {},
      title: 'Create cluster c1'
    })
    const sends: { runner: string; resuming: boolean }[] = []
    let release = (): void => {}
    const released = new Promise<void>((resolve) => (release = resolve))
    let ended = (): void => {}
    const succeeded = new Promise<void>((resolve) => (ended = resolve))
    const executor = (runner: string): JobExecutor => ({
      async run(_job, _ctx, resuming): Promise<RunResult> {
        sends.push({ runner, resuming })
        await released
        return { state: 'succeeded' }
      }
    })
    const emit = (event: AgentEvent): void => {
      if (event.type === 'job' && event.job.state === 'succeeded') ended()
    }
    const policy = { pollMs: 10, timeoutMs: 60_000, now: Date.now }
    const runnerB = new JobRunner(storeB, emit, () => executor('B'), policy)
    let raced = false
    const runnerA = new JobRunner(
      storeA,
      emit,
      () => {
        // The other Berth looks at the queue between this runner's read and its claim.
        if (!raced) {
          raced = true
          runnerB.kick(ACCOUNT)
        }
        return executor('A')
      },
      policy
    )

    runnerA.kick(ACCOUNT)
    expect(sends).toEqual([{ runner: 'B', resuming: false }])
    release()
    await succeeded
    expect(storeA.get(job.id)?.state).toBe('succeeded')
    // Runner A looks again and finds nothing left to send.
    runnerA.kick(ACCOUNT)
    expect(sends).toHaveLength(1)
  })
})
