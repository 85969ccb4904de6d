import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AccountRunner, type RunnerPolicy } from '../../src-main/agent/account-runner'
import { fullJitter } from '../../src-main/agent/backoff'
import type { AccountStatus } from '@contract'
import { ProviderError } from '../../src-main/providers/errors'
import type { ProviderSession } from '../../src-main/providers/session'

/** A session whose outcomes the test scripts, one per call. */
class ScriptedSession implements ProviderSession {
  readonly resources = ['nodes'] as const
  connects: Array<() => Promise<void>> = []
  refreshes: Array<() => Promise<void>> = []
  connectCalls = 0
  refreshCalls = 0
  closed = 0
  connect(): Promise<void> {
    this.connectCalls++
    return (this.connects.shift() ?? (() => Promise.resolve()))()
  }
  refresh(): Promise<void> {
    this.refreshCalls++
    return (this.refreshes.shift() ?? (() => Promise.resolve()))()
  }
  close(): void {
    this.closed++
  }
}

const networkDown = () => Promise.reject(new ProviderError('network', 'Nothing is listening'))
const refused = () => Promise.reject(new ProviderError('auth', 'refused the credential'))

describe('account runner', () => {
  let session: ScriptedSession
  let statuses: AccountStatus[]
  let syncErrors: Array<string | null>
  let runner: AccountRunner
  const policy: RunnerPolicy = {
    refreshMs: 30_000,
    backoff: { baseMs: 1000, capMs: 60_000, floorMs: 250 },
    authRetryMs: [60_000, 300_000],
    now: () => Date.now(),
    random: () => 0.5
  }
  const last = () => statuses[statuses.length - 1]!

  beforeEach(() => {
    vi.useFakeTimers()
    session = new ScriptedSession()
    statuses = []
    syncErrors = []
    runner = new AccountRunner(
      session,
      { status: (s) => statuses.push(s), syncError: (e) => syncErrors.push(e) },
      policy
    )
  })
  afterEach(() => {
    runner.stop()
    vi.useRealTimers()
  })

  it('after a start, refreshes a cache synced within the cadence only when it is due', async () => {
    runner.stop()
    const syncedAt = Date.now() - 10_000
    runner = new AccountRunner(session, { status: () => {}, syncError: () => {} }, policy, syncedAt)
    runner.start()
    await vi.advanceTimersByTimeAsync(19_999)
    expect(session.refreshCalls).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(session.refreshCalls).toBe(1)
    // A connection that comes back does not know what it missed: it refreshes at once.
    runner.dropped('link lost')
    await vi.advanceTimersByTimeAsync(policy.backoff.baseMs)
    expect(session.connectCalls).toBe(2)
    expect(session.refreshCalls).toBe(2)
  })

  it('after a start, refreshes at once a cache older than the cadence, or never synced', async () => {
    for (const syncedAt of [Date.now() - 30_001, null]) {
      runner.stop()
      session = new ScriptedSession()
      runner = new AccountRunner(
        session,
        { status: () => {}, syncError: () => {} },
        policy,
        syncedAt
      )
      runner.start()
      await vi.advanceTimersByTimeAsync(0)
      expect(session.refreshCalls).toBe(1)
    }
  })

  it('follows a changed refresh cadence, and refreshes only on demand when it is 0', async () => {
    const own = { ...policy }
    runner.stop()
    runner = new AccountRunner(session, { status: () => {}, syncError: () => {} }, own)
    runner.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(session.refreshCalls).toBe(1)
    own.refreshMs = 0
    runner.reschedule()
    await vi.advanceTimersByTimeAsync(24 * 3600_000)
    expect(session.refreshCalls).toBe(1)
    await runner.refresh()
    expect(session.refreshCalls).toBe(2)
    own.refreshMs = 5_000
    runner.reschedule()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(session.refreshCalls).toBe(3)
  })

  it('goes connecting → online and refreshes once connected', async () => {
    runner.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'online'])
    expect(session.refreshCalls).toBe(1)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(session.refreshCalls).toBe(2)
  })

  it('retries network failures with growing jittered delays and never calls them auth failures', async () => {
    session.connects = [networkDown, networkDown, networkDown]
    runner.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(last()).toMatchObject({ state: 'offline', reason: 'Nothing is listening' })
    const firstSince = last().since
    await vi.advanceTimersByTimeAsync(500) // 0.5 × 1 s
    await vi.advanceTimersByTimeAsync(1000) // 0.5 × 2 s
    expect(session.connectCalls).toBe(3)
    expect(statuses.some((s) => s.state === 'auth-failed')).toBe(false)
    // "offline since" keeps the time the connection was first lost.
    expect(last().since).toBe(firstSince)
    await vi.advanceTimersByTimeAsync(2000)
    expect(last().state).toBe('online')
  })

  it('retries an auth failure at 1 min, then 5 min, then waits for the user', async () => {
    session.connects = [refused, refused, refused, () => Promise.resolve()]
    runner.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(last()).toMatchObject({ state: 'auth-failed' })
    if (last().state !== 'auth-failed') throw new Error()
    await vi.advanceTimersByTimeAsync(59_999)
    expect(session.connectCalls).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(session.connectCalls).toBe(2)
    await vi.advanceTimersByTimeAsync(300_000)
    expect(session.connectCalls).toBe(3)
    expect(last()).toMatchObject({ state: 'auth-failed', retryAt: null })
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(session.connectCalls).toBe(3)
    runner.reconnect()
    await vi.advanceTimersByTimeAsync(0)
    expect(last().state).toBe('online')
  })

  it('never runs two refreshes at once', async () => {
    let finish: () => void = () => {}
    session.refreshes = [() => new Promise<void>((r) => (finish = r))]
    runner.start()
    await vi.advanceTimersByTimeAsync(0)
    const a = runner.refresh()
    const b = runner.refresh()
    expect(session.refreshCalls).toBe(1)
    finish()
    await Promise.all([a, b])
    expect(session.refreshCalls).toBe(1)
  })

  it('keeps the connection when a refresh brings malformed data, and reports it', async () => {
    session.refreshes = [() => Promise.reject(new ProviderError('protocol', 'malformed nodes'))]
    runner.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(last().state).toBe('online')
    expect(syncErrors).toEqual(['malformed nodes'])
    await vi.advanceTimersByTimeAsync(30_000)
    expect(syncErrors).toEqual(['malformed nodes', null])
  })

  it('treats a dropped connection as offline and reconnects', async () => {
    runner.start()
    await vi.advanceTimersByTimeAsync(0)
    runner.dropped('the connection closed')
    expect(last()).toMatchObject({ state: 'offline', reason: 'the connection closed' })
    await vi.advanceTimersByTimeAsync(500)
    expect(last().state).toBe('online')
  })
})

describe('full jitter', () => {
  const policy = { baseMs: 1000, capMs: 60_000, floorMs: 250 }
  it('draws below an exponential ceiling that stops at the cap', () => {
    expect(fullJitter(0, policy, () => 0.999)).toBe(999)
    expect(fullJitter(3, policy, () => 0.5)).toBe(4000)
    expect(fullJitter(20, policy, () => 0.999)).toBe(59_940)
    expect(fullJitter(1000, policy, () => 0.999)).toBe(59_940)
  })
  it('never goes below the floor', () => {
    expect(fullJitter(5, policy, () => 0)).toBe(250)
  })
})
