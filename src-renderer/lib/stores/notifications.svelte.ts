import { untrack } from 'svelte'
import type { AppError, NotificationView } from '@contract'
import type { BerthApi } from '../api/client'
import { followAgent } from './live'

/** How many history entries the view reads; older ones stay in the agent's history. */
export const HISTORY_LIMIT = 200

/** Newest first; ties (same millisecond) by id so the order never flickers. */
const newestFirst = (a: NotificationView, b: NotificationView): number => b.at - a.at || b.id - a.id

const unreadIn = (items: readonly NotificationView[]): number =>
  items.reduce((n, item) => n + (item.read ? 0 : 1), 0)

/**
 * The notification history: one `notifications.list`, then kept current by `notification` events
 * (a new entry, or a coalesced one with a higher count, goes to the top) and re-read on
 * `notifications` events (entries read or cleared, maybe in another window).
 */
export class NotificationsStore {
  items = $state.raw<NotificationView[]>([])
  unread = $state(0)
  loaded = $state(false)
  error = $state.raw<AppError | null>(null)
  /** Why the last mark-read or clear failed. */
  actionError = $state<string | null>(null)
  clearing = $state(false)

  readonly #api: BerthApi
  #latest = 0
  /** Entries that arrived after the newest list request was sent; they are newer than its answer. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  #newer = new Map<number, NotificationView>()

  constructor(api: BerthApi) {
    this.#api = api
  }

  load(): void {
    untrack(() => {
      const ticket = ++this.#latest
      this.#newer.clear()
      void this.#api.call('notifications.list', { limit: HISTORY_LIMIT }).then((result) => {
        if (ticket !== this.#latest) return
        if (!result.ok) {
          this.error = result.error
          return
        }
        this.error = null
        const listed = result.value.items.map((n) => this.#newer.get(n.id) ?? n)
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this computation
        const ids = new Set(listed.map((n) => n.id))
        const created = [...this.#newer.values()].filter((n) => !ids.has(n.id))
        this.items = [...created, ...listed].sort(newestFirst)
        this.unread = result.value.unread + unreadIn(created)
        this.loaded = true
      })
    })
  }

  start(): () => void {
    const stop = followAgent(this.#api, {
      load: () => this.load(),
      onEvent: (event) => {
        if (event.type === 'notification') this.#apply(event.notification)
        else if (event.type === 'notifications') {
          this.unread = event.unread
          this.load()
        }
      }
    })
    return () => {
      stop()
      this.#latest++
    }
  }

  /** Marks entries read, or every entry when `ids` is left out. It shows at once. */
  async markRead(ids?: number[]): Promise<void> {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this computation
    const marking = ids === undefined ? null : new Set(ids)
    const changed = this.items.filter((n) => !n.read && (marking === null || marking.has(n.id)))
    if (changed.length === 0 && marking !== null) return
    this.items = this.items.map((n) =>
      !n.read && (marking === null || marking.has(n.id)) ? { ...n, read: true } : n
    )
    this.unread = marking === null ? 0 : Math.max(0, this.unread - changed.length)
    this.actionError = null
    const result = await this.#api.call('notifications.markRead', ids === undefined ? {} : { ids })
    if (!result.ok) {
      this.actionError = result.error.message
      this.load()
    }
  }

  /** Empties the history; resolves with whether the agent did. */
  async clear(): Promise<boolean> {
    if (this.clearing) return false
    this.clearing = true
    this.actionError = null
    const result = await this.#api.call('notifications.clear', {})
    this.clearing = false
    if (!result.ok) {
      this.actionError = result.error.message
      return false
    }
    this.#latest++
    this.#newer.clear()
    this.items = []
    this.unread = 0
    this.loaded = true
    return true
  }

  #apply(entry: NotificationView): void {
    this.#newer.set(entry.id, entry)
    const before = this.items.find((n) => n.id === entry.id)
    const others = before ? this.items.filter((n) => n.id !== entry.id) : this.items
    this.items = [entry, ...others].sort(newestFirst)
    this.unread += (entry.read ? 0 : 1) - (before && !before.read ? 1 : 0)
    this.unread = Math.max(0, this.unread)
  }
}
