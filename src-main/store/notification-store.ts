import type { Db } from '../cache/db'
import {
  NoticeKind,
  NoticeLevel,
  ViewTarget,
  type NotificationList,
  type NotificationView
} from '@contract'

export type NewNotification = Omit<NotificationView, 'id' | 'read'>

interface Row {
  id: number
  at: number
  kind: string
  level: string
  title: string
  body: string
  count: number
  target: string
  read: number
}

/** Entries beyond this many are dropped, oldest first: a history, not an archive. */
const KEEP = 1000

/** The notification history in the state file. */
export class NotificationStore {
  constructor(private readonly db: Db) {}

  add(entry: NewNotification): NotificationView {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO notifications (at, kind, level, title, body, count, target)
         VALUES (?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        entry.at,
        entry.kind,
        entry.level,
        entry.title,
        entry.body,
        entry.count,
        JSON.stringify(entry.target)
      )
    this.db.prepare('DELETE FROM notifications WHERE id <= ?').run(Number(lastInsertRowid) - KEEP)
    return { ...entry, id: Number(lastInsertRowid), read: false }
  }

  list(limit: number): NotificationList {
    const rows = this.db
      .prepare('SELECT * FROM notifications ORDER BY id DESC LIMIT ?')
      .all(limit) as Row[]
    return { items: rows.flatMap(toView), unread: this.unread() }
  }

  unread(): number {
    return this.db
      .prepare('SELECT COUNT(*) FROM notifications WHERE read = 0')
      .pluck()
      .get() as number
  }

  /** Unread entries the user must act on: failures, and actions whose outcome is unknown. */
  unreadFailures(): number {
    return this.db
      .prepare(
        `SELECT COUNT(*) FROM notifications
         WHERE read = 0 AND (level = 'error' OR kind = 'outbox')`
      )
      .pluck()
      .get() as number
  }

  markRead(ids?: readonly number[]): void {
    if (ids === undefined) {
      this.db.prepare('UPDATE notifications SET read = 1 WHERE read = 0').run()
      return
    }
    const mark = this.db.prepare('UPDATE notifications SET read = 1 WHERE id = ?')
    this.db.transaction(() => ids.forEach((id) => mark.run(id)))()
  }

  clear(): void {
    this.db.prepare('DELETE FROM notifications').run()
  }
}

/** A row that no longer parses (written by a newer Berth) is left out rather than failing the list. */
function toView(row: Row): NotificationView[] {
  const kind = NoticeKind.safeParse(row.kind)
  const level = NoticeLevel.safeParse(row.level)
  let target: ViewTarget | null = null
  try {
    const parsed = ViewTarget.safeParse(JSON.parse(row.target))
    if (parsed.success) target = parsed.data
  } catch {
    target = null
  }
  if (!kind.success || !level.success || !target) return []
  return [
    {
      id: row.id,
      at: row.at,
      kind: kind.data,
      level: level.data,
      title: row.title,
      body: row.body,
      count: row.count,
      target,
      read: row.read === 1
    }
  ]
}
