import type { AccountStatus } from '@contract'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AccountRunner, type RunnerPolicy } from '../../src-main/agent/account-runner'
import { MAX_TIMER_MS, timerMs } from '../../src-main/providers/delay'
import { ProviderError } from '../../src-main/providers/errors'
import type { ProviderSession } from '../../src-main/providers/session'

/** Connects every time; refreshes as the test says. */
class Session implements ProviderSession {
  readonly resources = ['nodes'] as const
  connects = 0
  refreshes: Array<() => Promise<void>> = []
  connect(): Promise<void> {
    this.connects++
    return Promise.resolve()
  }
  refresh(): Promise<void> {
    return (this.refreshes.shift() ?? (() => Promise.resolve()))()
  }
  close(): void {}
}

class Refused extends ProviderError {
  constructor(override readonly retryAfterMs: number) {
    super('network', 'Too many requests', 429)
  }
}

describe('the account runner against a hostile server', () => {
  let session: Session
  let statuses: AccountStatus[]
  let runner: AccountRunner
  const policy: RunnerPolicy = {
    refreshMs: 0,
    backoff: { baseMs: 1000, capMs: 60_000, floorMs: 250 },
    authRetryMs: [60_000],
    stableMs: 30_000,
    now: () => Date.now(),
    random: () => 0.5
  }
  const waitOf = (): number | null => {
    const s = statuses[statuses.length - 1]!
    if (s.state !== 'offline' || s.retryAt === null) return null
    return s.retryAt - Date.now()
  }

  beforeEach(() => {
    vi.useFakeTimers()
    session = new Session()
    statuses = []
    runner = new AccountRunner(
      session,
      { status: (s) => statuses.push(s), syncError: () => {} },
      policy
    )
  })
  afterEach(() => {
    runner.stop()
    vi.useRealTimers()
  })

  it('retries a server that drops every connection at once ever more slowly', async () => {
    runner.start()
    const waits: Array<number | null> = []
    for (let round = 0; round < 5; round++) {
      await vi.advanceTimersByTimeAsync(0)
      expect(statuses[statuses.length - 1]!.state).toBe('online')
      runner.dropped('The qbo server sent a message of 100 MB, more than Berth accepts (64 MB)')
      waits.push(waitOf())
      await vi.advanceTimersByTimeAsync(waitOf()!)
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000])
  })

  it('starts the backoff over once a connection has lasted', async () => {
    runner.start()
    for (let round = 0; round < 3; round++) {
      await vi.advanceTimersByTimeAsync(0)
      runner.dropped('gone')
      await vi.advanceTimersByTimeAsync(waitOf()!)
    }
    await vi.advanceTimersByTimeAsync(30_000)
    runner.dropped('gone after a good while')
    expect(waitOf()).toBe(500)
  })

  it('honours Retry-After as a floor, and never waits past an hour whatever it asks', async () => {
    session.refreshes = [
      () => Promise.reject(new Refused(20_000)),
      () => Promise.reject(new Refused(99_999_999_000))
    ]
    runner.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(waitOf()).toBe(20_000)
    await vi.advanceTimersByTimeAsync(20_000)
    expect(waitOf()).toBe(3_600_000)
    const before = session.connects
    await vi.advanceTimersByTimeAsync(3_599_999)
    expect(session.connects).toBe(before)
    await vi.advanceTimersByTimeAsync(1)
    expect(session.connects).toBe(before + 1)
  })

  it('never hands setTimeout a delay it would fire at once', () => {
    expect(timerMs(99_999_999_000)).toBe(MAX_TIMER_MS)
    expect(timerMs(Infinity)).toBe(MAX_TIMER_MS)
    expect(timerMs(Number.NaN)).toBe(MAX_TIMER_MS)
    expect(timerMs(-5)).toBe(0)
    expect(timerMs(1500)).toBe(1500)
  })
})
