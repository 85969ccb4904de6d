import type { ResourceKind } from '@contract'
import type { Db } from '../cache/db'
import { clustersFromNodes } from '../cache/derived-clusters'
import type { WriteSummary } from '../cache/write-summary'
import { resourceOfPayload } from '../providers/qbo/mapping'
import type { SessionSink } from '../providers/session'
import type { CacheWriter, WriteResult } from '../sync/cache-writer'
import type { LiveAccount } from './agent-port'
import type { Log } from './log'
import type { News } from './notify/news'

const wrote = (s: WriteSummary): boolean => s.inserted + s.updated + s.removed > 0

export interface AccountSinkDeps {
  account: { id: string; name: string }
  db: Db
  writer: CacheWriter
  news: News
  log: Log
  now(): number
  /** The account while it is live; null once removed or the agent stopped. */
  live(): LiveAccount | null
  /** Rows of this kind changed: views re-query. */
  changed(kind: ResourceKind): void
  /** The account's view changed (sync time, error, unsupported kinds). */
  accountChanged(): void
}

/**
 * Where one account's session puts what it learns: every write goes through the cache writer,
 * then news and events follow it, so whoever re-queries on `changed` sees the new rows. A write
 * that lands after the account was removed or the agent stopped is nobody's news.
 */
export function accountSink(deps: AccountSinkDeps): SessionSink {
  const { account: who, writer, news, log, now } = deps
  const id = who.id
  const gone = (): boolean => deps.live() === null
  const replaced = (kind: ResourceKind, result: WriteResult): void => {
    if (gone()) return
    news.replaced(who, kind, result.summary)
    // An unchanged set is fresher, not different: the account event carries the new sync time,
    // and no view re-queries rows that are the same.
    if (wrote(result.summary)) deps.changed(kind)
    deps.accountChanged()
  }
  const followed =
    (tell: (summary: WriteSummary) => void, kind: ResourceKind) =>
    (result: WriteResult): void => {
      if (gone()) return
      tell(result.summary)
      if (wrote(result.summary)) deps.changed(kind)
    }
  // Updates are fire-and-forget for the session: a write that fails is said, not thrown.
  const failed = (error: unknown): void =>
    log.warn(`${who.name}: an update could not be written: ${(error as Error).message}`)
  // The session made for this sink connects and syncs straight away: the writer starts while
  // its first requests are out, not once the first answer waits for it.
  writer.warm()
  return {
    replace: async (kind, records) => {
      replaced(kind, await writer.replace(id, kind, records, now()))
    },
    replaceQboReply: async (payload, reply) => {
      const kind = resourceOfPayload[payload]
      replaced(kind, await writer.qboReply(id, payload, reply, now()))
    },
    replaceInParts: (kind) => {
      const set = writer.beginSet(id, kind)
      return {
        add: (records) => set.add(records),
        addPage: (page, room) => set.addPage(page, room),
        abort: () => set.abort(),
        commit: async () => replaced(kind, await set.commit(now()))
      }
    },
    patch: (kind, records) => {
      writer
        .patch(id, kind, records, now())
        .then(followed((s) => news.patched(who, kind, s), kind))
        .catch(failed)
    },
    remove: (kind, keys) => {
      writer
        .remove(id, kind, keys)
        .then(followed((s) => news.removed(who, kind, s), kind))
        .catch(failed)
    },
    dropped: (reason) => deps.live()?.runner.dropped(reason),
    problem: (message) => {
      log.warn(`${who.name}: ${message}`)
      const account = deps.live()
      if (account) account.syncError = message
      deps.accountChanged()
    },
    unsupported: (kinds) => {
      const account = deps.live()
      if (!account) return
      const added = kinds.filter((k) => !(account.unsupported ?? []).includes(k))
      // Said once per kind, when the server first refuses it; the account keeps saying it.
      for (const kind of added) log.info(`${who.name}: ${kind}: not supported by this server`)
      account.unsupported = [...kinds]
      deps.accountChanged()
    },
    deriveClusters: async () => {
      replaced(
        'clusters',
        await writer.replace(id, 'clusters', clustersFromNodes(deps.db, id), now())
      )
    }
  }
}
