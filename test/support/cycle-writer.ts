import { upsertAccount } from '../../src-main/cache/accounts'
import { openDatabase, type Db } from '../../src-main/cache/db'
import type { SessionSink } from '../../src-main/providers/session'
import { openCacheWriter, type CacheWriter } from '../../src-main/sync/cache-writer'
import { builtFile } from './build-dir'
import { tempDir } from './temp-dir'

/**
 * A cache file holding Cycle account 'a', written by the built sync worker (`npm test` builds
 * before vitest runs); `cleanups` gets what closes them, to run in reverse.
 */
export async function cycleCacheWithWorker(
  cleanups: Array<() => unknown>
): Promise<{ db: Db; writer: CacheWriter }> {
  const dir = tempDir()
  cleanups.push(() => dir.remove())
  const file = `${dir.path}/cache.sqlite`
  const db = openDatabase(file)
  cleanups.push(() => db.close())
  upsertAccount(db, { id: 'a', kind: 'cycle', name: 'A', endpoint: 'http://a' })
  const writer = await openCacheWriter({ file, db, workerFile: builtFile('main/sync-worker.js') })
  cleanups.push(() => writer.close())
  return { db, writer }
}

/**
 * What a session's sink does with sets, on a real writer for account 'a' (the agent's adds news
 * and events): the worker takes image pages unread; `onPage` sees each page's bytes go by.
 */
export function writerSink(
  writer: CacheWriter,
  onPage: (bytes: Uint8Array) => void = () => {}
): SessionSink {
  return {
    replace: async (kind, records) => void (await writer.replace('a', kind, records, 1)),
    replaceInParts: (kind) => {
      const set = writer.beginSet('a', kind)
      return {
        add: (records) => set.add(records),
        addPage: (page, room) => {
          onPage(page.bytes)
          return set.addPage(page, room)
        },
        abort: () => set.abort(),
        commit: async () => void (await set.commit(1))
      }
    },
    replaceQboReply: () => Promise.resolve(),
    patch: () => {},
    remove: () => {},
    dropped: () => {},
    problem: () => {}
  }
}
