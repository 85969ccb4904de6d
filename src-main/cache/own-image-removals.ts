import type { Db } from './db'

/**
 * The user's own delete or prune of Cycle images succeeded: the cache says so at once instead of
 * at the next refresh. The deleted images' rows go (their counts and search rows follow through
 * the tables' triggers) and the account's sources count their images again, as Cycle counts them
 * (every image not deleted): the row of a deleted image may already be gone, and with it which
 * source it came from. Returns whether anything changed.
 */
export function removeOwnImages(db: Db, accountId: string, imageIds: readonly string[]): boolean {
  return db.transaction(() => {
    let changed = 0
    const drop = db.prepare('DELETE FROM cycle_images WHERE account_id = ? AND key = ?')
    for (const id of imageIds) changed += drop.run(accountId, id).changes
    changed += db
      .prepare(
        `UPDATE cycle_sources AS s SET images = (
           SELECT COUNT(*) FROM cycle_images i
           WHERE i.account_id = s.account_id AND i.source_id = s.key AND i.state <> 'deleted')
         WHERE s.account_id = ? AND s.images <> (
           SELECT COUNT(*) FROM cycle_images i
           WHERE i.account_id = s.account_id AND i.source_id = s.key AND i.state <> 'deleted')`
      )
      .run(accountId).changes
    return changed > 0
  })()
}
