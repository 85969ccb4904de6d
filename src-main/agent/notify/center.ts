import type { AgentEvent, Settings } from '@contract'
import type { NewNotification, NotificationStore } from '../../store/notification-store'
import { listSubjects, worstLevel, type Notice } from './notice'

export interface CenterPolicy {
  /** Notices arriving within this long of the first one are shown together. */
  windowMs: number
  /** The same news (same key) is not repeated within this long. */
  cooldownMs: number
  now(): number
}

export const defaultCenterPolicy: CenterPolicy = {
  windowMs: 1500,
  cooldownMs: 10 * 60_000,
  now: Date.now
}

/**
 * Turns notices into history entries and toasts without spamming: repeats within the cooldown
 * are dropped, and a burst (twelve images removed by one prune) becomes one entry.
 */
export class NotificationCenter {
  private pending: Notice[] = []
  private timer: NodeJS.Timeout | null = null
  private readonly recent = new Map<string, number>()

  constructor(
    private readonly store: NotificationStore,
    private readonly settings: () => Settings,
    private readonly emit: (event: AgentEvent) => void,
    private readonly policy: CenterPolicy = defaultCenterPolicy
  ) {}

  push(notices: readonly Notice[]): void {
    const now = this.policy.now()
    for (const [key, at] of this.recent)
      if (now - at >= this.policy.cooldownMs) this.recent.delete(key)
    for (const notice of notices) {
      if (this.recent.has(notice.key)) continue
      this.recent.set(notice.key, now)
      this.pending.push(notice)
    }
    if (this.pending.length > 0 && !this.timer) {
      this.timer = setTimeout(() => this.flush(), this.policy.windowMs)
      this.timer.unref()
    }
  }

  /** Writes what is pending as entries, one per burst, in the order the bursts began. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const bursts = new Map<string, Notice[]>()
    for (const notice of this.pending) {
      const group = bursts.get(notice.burst.key)
      if (group) group.push(notice)
      else bursts.set(notice.burst.key, [notice])
    }
    this.pending = []
    const { paused, kinds } = this.settings().notifications
    for (const group of bursts.values()) {
      const notification = this.store.add(this.entry(group))
      const toast = !paused && kinds[notification.kind]
      this.emit({ type: 'notification', notification, toast })
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.pending = []
  }

  private entry(group: readonly Notice[]): NewNotification {
    const first = group[0] as Notice
    const at = this.policy.now()
    if (group.length === 1) {
      const { kind, level, title, body, target } = first
      return { at, kind, level, title, body, target, count: 1 }
    }
    return {
      at,
      kind: first.kind,
      level: worstLevel(group.map((n) => n.level)),
      title: first.burst.title(group.length),
      body: listSubjects(group.map((n) => n.subject)),
      target: first.burst.target,
      count: group.length
    }
  }
}
