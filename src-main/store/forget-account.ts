import type { ViewTarget } from '@contract'
import type { Db } from '../cache/db'

/** Where a notification about a removed account leads: its own entry, not a view that is gone. */
const NOWHERE: ViewTarget = { view: 'notifications' }

/**
 * What the state file holds of an account besides the account itself, dropped when it is
 * removed: its jobs (with their logs), which could never run again nor lead anywhere, and the
 * places its notifications point at. The notifications themselves stay: they are history.
 */
export function forgetAccountState(state: Db, accountId: string): { jobs: number } {
  return state.transaction(() => {
    const jobIds = state
      .prepare('SELECT id FROM jobs WHERE account_id = ?')
      .pluck()
      .all(accountId) as string[]
    state
      .prepare(
        `UPDATE notifications SET target = ?
         WHERE json_valid(target) AND (json_extract(target, '$.accountId') = ?
           OR json_extract(target, '$.jobId') IN (SELECT value FROM json_each(?)))`
      )
      .run(JSON.stringify(NOWHERE), accountId, JSON.stringify(jobIds))
    state.prepare('DELETE FROM jobs WHERE account_id = ?').run(accountId)
    return { jobs: jobIds.length }
  })()
}
