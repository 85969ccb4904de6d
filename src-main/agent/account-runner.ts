import type { AccountStatus } from '@contract'
import { asProviderError } from '../providers/errors'
import type { ProviderSession } from '../providers/session'
import {
  authRetryMs,
  fullJitter,
  MAX_WAIT_MS,
  networkBackoff,
  timerMs,
  type BackoffPolicy
} from './backoff'

export interface RunnerPolicy {
  /** Between background refreshes; 0 turns them off. */
  refreshMs: number
  backoff: BackoffPolicy
  authRetryMs: readonly number[]
  /**
   * How long a connection must stay up before its backoff starts over: a server that accepts and
   * then drops every connection at once (a frame too large, say) is retried ever more slowly.
   */
  stableMs?: number
  now(): number
  random(): number
}

export const defaultPolicy: RunnerPolicy = {
  refreshMs: 30_000,
  backoff: networkBackoff,
  authRetryMs,
  stableMs: 30_000,
  now: Date.now,
  random: Math.random
}

export interface RunnerCallbacks {
  status(status: AccountStatus): void
  syncError(message: string | null): void
}

/**
 * The connection state machine of one account: connecting → online ⇄ offline, plus auth-failed.
 * Network trouble retries with full-jitter backoff and never counts as an authentication failure;
 * refreshes never overlap; a stale callback from an earlier connection is ignored.
 */
export class AccountRunner {
  private attempt = 0
  private authAttempt = 0
  private generation = 0
  private retryTimer: NodeJS.Timeout | null = null
  private refreshTimer: NodeJS.Timeout | null = null
  private refreshing: Promise<void> | null = null
  private current: AccountStatus
  /** When the account last stopped being online: "offline since" survives retries. */
  private outageSince: number | null = null
  /** When the current connection came up; null while there is none. */
  private onlineAt: number | null = null

  /**
   * When the cache last took a whole sync of this account, as this process starts; consumed by
   * the first connection. A restart is no reason to fetch again what was fetched seconds ago
   * (100k rows cost the server and the page loading meanwhile): that first refresh comes when the
   * cadence says it is due, as it would have had Berth kept running. Later connections refresh at
   * once (what changed while the link was down is unknown).
   */
  private cachedSyncAt: number | null

  constructor(
    private readonly session: ProviderSession,
    private readonly callbacks: RunnerCallbacks,
    private readonly policy: RunnerPolicy = defaultPolicy,
    cachedSyncAt: number | null = null
  ) {
    this.current = { state: 'connecting', since: policy.now() }
    this.cachedSyncAt = cachedSyncAt
  }

  get status(): AccountStatus {
    return this.current
  }

  start(): void {
    void this.connect()
  }

  /** The user asked: forget the backoff (including after an auth failure) and try now. */
  reconnect(): void {
    this.attempt = 0
    this.authAttempt = 0
    void this.connect()
  }

  /** The session reported that its live connection went away. */
  dropped(reason: string, askedMs?: number): void {
    if (this.current.state !== 'online') return
    this.clearTimers()
    this.session.close()
    const stableMs = this.policy.stableMs ?? defaultPolicy.stableMs ?? 0
    if (this.onlineAt !== null && this.policy.now() - this.onlineAt >= stableMs) this.attempt = 0
    this.onlineAt = null
    this.retryLater('network', reason, askedMs)
  }

  /** Refresh now unless one is running; resolves when the running or new refresh ends. */
  refresh(): Promise<void> {
    if (this.current.state !== 'online') return Promise.resolve()
    this.refreshing ??= this.runRefresh().finally(() => (this.refreshing = null))
    return this.refreshing
  }

  /** The refresh cadence changed: the next refresh is planned with the new one. */
  reschedule(): void {
    if (this.current.state !== 'online' || this.refreshing) return
    this.scheduleRefresh()
  }

  stop(): void {
    this.generation++
    this.onlineAt = null
    this.clearTimers()
    this.session.close()
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation
    this.clearTimers()
    this.setStatus({ state: 'connecting', since: this.policy.now() })
    try {
      await this.session.connect({ refreshNext: this.firstRefreshDueInMs(false) <= 0 })
    } catch (error) {
      if (generation !== this.generation) return
      const e = asProviderError(error)
      this.retryLater(e.kind === 'auth' ? 'auth' : 'network', e.message, e.retryAfterMs)
      return
    }
    if (generation !== this.generation) return
    // The network backoff starts over only once the connection has lasted (see `dropped`).
    this.authAttempt = 0
    this.onlineAt = this.policy.now()
    this.outageSince = null
    this.setStatus({ state: 'online', since: this.policy.now() })
    const dueInMs = this.firstRefreshDueInMs()
    if (dueInMs > 0) this.scheduleRefresh(dueInMs)
    else await this.refresh()
  }

  /**
   * How long the first connection's refresh may wait for its turn (see `cachedSyncAt`); `settle`
   * false only looks (before connecting), true also lets the cached time go (once connected).
   */
  private firstRefreshDueInMs(settle = true): number {
    const syncedAt = this.cachedSyncAt
    if (settle) this.cachedSyncAt = null
    if (syncedAt === null || this.policy.refreshMs <= 0) return 0
    return syncedAt + this.policy.refreshMs - this.policy.now()
  }

  private async runRefresh(): Promise<void> {
    const generation = this.generation
    try {
      await this.session.refresh()
      if (generation === this.generation) this.callbacks.syncError(null)
    } catch (error) {
      if (generation !== this.generation) return
      const e = asProviderError(error)
      if (e.kind === 'auth') {
        this.session.close()
        this.retryLater('auth', e.message)
        return
      }
      if (e.kind === 'network') {
        this.dropped(e.message, e.retryAfterMs)
        return
      }
      this.callbacks.syncError(e.message)
    }
    if (generation === this.generation && this.current.state === 'online') this.scheduleRefresh()
  }

  /** A cadence of 0 means no background refresh: live updates and the user's Refresh only. */
  private scheduleRefresh(inMs = this.policy.refreshMs): void {
    this.clearRefreshTimer()
    if (this.policy.refreshMs > 0) {
      this.refreshTimer = setTimeout(() => void this.refresh(), timerMs(inMs))
    }
  }

  /**
   * `askedMs`: how long the server asked to be left alone (Retry-After). It is honoured as a
   * floor, and no wait, whatever asked for it, outlasts MAX_WAIT_MS.
   */
  private retryLater(kind: 'auth' | 'network', reason: string, askedMs = 0): void {
    const now = this.policy.now()
    let delay: number | null
    if (kind === 'auth') {
      delay = this.policy.authRetryMs[this.authAttempt++] ?? null
    } else {
      delay = fullJitter(this.attempt++, this.policy.backoff, this.policy.random)
    }
    if (delay !== null) delay = Math.min(Math.max(delay, askedMs), MAX_WAIT_MS)
    const retryAt = delay === null ? null : now + delay
    const since = (this.outageSince ??= now)
    this.setStatus(
      kind === 'auth'
        ? { state: 'auth-failed', since, reason, retryAt }
        : { state: 'offline', since, reason, retryAt }
    )
    if (delay !== null) {
      const generation = this.generation
      this.retryTimer = setTimeout(() => {
        if (generation === this.generation) void this.connect()
      }, timerMs(delay))
    }
  }

  private setStatus(status: AccountStatus): void {
    this.current = status
    this.callbacks.status(status)
  }

  private clearRefreshTimer(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer)
    this.refreshTimer = null
  }

  private clearTimers(): void {
    this.clearRefreshTimer()
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }
}
