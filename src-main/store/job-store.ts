import { randomUUID } from 'node:crypto'
import type { JobAction, JobLogLine, JobView, Page } from '@contract'
import type { Db } from '../cache/db'
import { requestKey } from './job-request'
import { readJobRow, type JobArgs, type JobRecord, type JobRow } from './job-row'
import { subjectOf } from './job-subject'

export type { JobArgs, JobRecord, LiveJobState } from './job-row'

const SELECT = `SELECT j.*, (SELECT COUNT(*) FROM job_log l WHERE l.job_id = j.id) AS log_lines FROM jobs j`

export const jobView = ({ args, ...view }: JobRecord): JobView => {
  const subject = subjectOf(view, args)
  return subject ? { ...view, subject } : view
}

type NewJob = { accountId: string; action: JobAction; target: string; args: JobArgs; title: string }

/** Any row as the UI shows it; a damaged one says why instead of failing the whole list. */
const viewOf = (row: JobRow): JobView => {
  const read = readJobRow(row)
  return 'record' in read ? jobView(read.record) : read.damaged
}

/** Only rows that can be run: a damaged one is quarantined, never handed to a runner. */
const recordsOf = (rows: JobRow[]): JobRecord[] =>
  rows.flatMap((row) => {
    const read = readJobRow(row)
    return 'record' in read ? [read.record] : []
  })

/** The durable record of every action: written before anything is sent. */
export class JobStore {
  constructor(private readonly db: Db) {}

  /**
   * Queues a request once: the same action on the same target with the same arguments, asked
   * again while an earlier one is still queued (not yet sent), is that job. The look and the
   * insert are one write transaction, so two runners on one file cannot both add it.
   */
  queue(job: NewJob, now = Date.now()): { record: JobRecord; alreadyQueued: boolean } {
    return this.db
      .transaction(() => {
        const key = requestKey(job.action, job.args)
        const waiting = recordsOf(
          this.rows(
            `WHERE j.account_id = ? AND j.action = ? AND j.target = ? AND j.state = 'queued'
             ORDER BY j.seq`,
            job.accountId,
            job.action,
            job.target
          )
        ).find((queued) => requestKey(queued.action, queued.args) === key)
        if (waiting) return { record: waiting, alreadyQueued: true }
        return { record: this.create(job, now), alreadyQueued: false }
      })
      .immediate()
  }

  /** Writes a new queued job, whatever else is queued (`queue` is what actions use). */
  create(job: NewJob, now = Date.now()): JobRecord {
    const id = randomUUID()
    this.db
      .prepare(
        `INSERT INTO jobs (id, seq, account_id, action, target, args, title, state, created_at)
         VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs), ?, ?, ?, ?, ?, 'queued', ?)`
      )
      .run(id, job.accountId, job.action, job.target, JSON.stringify(job.args), job.title, now)
    const created = readJobRow(this.rows(`WHERE j.id = ?`, id)[0]!)
    if ('record' in created) return created.record
    // Only a bug asks for an action without what it needs: never leave such a job behind.
    this.discard(id)
    throw new Error(`Job not queued: ${created.damaged.error?.replace(/, so it will.*$/, '')}`)
  }

  /** The job to run or decide about; null when there is none, or it is damaged. */
  get(id: string): JobRecord | null {
    return recordsOf(this.rows(`WHERE j.id = ?`, id))[0] ?? null
  }

  /** The job as the UI shows it, damaged or not; null when there is none. */
  view(id: string): JobView | null {
    const row = this.rows(`WHERE j.id = ?`, id)[0]
    return row ? viewOf(row) : null
  }

  list(query: { accountId?: string | undefined; offset: number; limit: number }): Page<JobView> {
    const where = query.accountId ? 'WHERE j.account_id = ?' : ''
    const args = query.accountId ? [query.accountId] : []
    const total = this.db
      .prepare(`SELECT COUNT(*) FROM jobs j ${where}`)
      .pluck()
      .get(...args) as number
    const rows = this.rows(
      `${where} ORDER BY j.seq DESC LIMIT ? OFFSET ?`,
      ...args,
      query.limit,
      query.offset
    )
    return { items: rows.map(viewOf), total, offset: query.offset, asOf: null }
  }

  /** Every job still to send or still being followed, oldest first (the tray lists them). */
  active(): JobView[] {
    return recordsOf(this.rows(`WHERE j.state IN ('queued', 'running') ORDER BY j.seq`)).map(
      jobView
    )
  }

  /** Jobs of an account still to send or still being followed, oldest first; never damaged ones. */
  unfinished(accountId: string): JobRecord[] {
    return recordsOf(
      this.rows(
        `WHERE j.account_id = ? AND j.state IN ('queued', 'running') ORDER BY j.seq`,
        accountId
      )
    )
  }

  /** Ids of the jobs marked running: after a restart, those a crash interrupted. */
  runningIds(): string[] {
    return this.db.prepare(`SELECT id FROM jobs WHERE state = 'running'`).pluck().all() as string[]
  }

  /**
   * Takes a queued job to send it: true for exactly one caller, however many runners share the
   * file, since only the one whose update finds it still queued gets to change it.
   */
  claim(id: string, now = Date.now()): boolean {
    return (
      this.db
        .prepare(
          `UPDATE jobs SET state = 'running', started_at = ? WHERE id = ? AND state = 'queued'`
        )
        .run(now, id).changes === 1
    )
  }

  /** Withdraws a queued job; false if it was no longer queued (already sent, or finished). */
  cancel(id: string, now = Date.now()): boolean {
    const changed = this.db
      .prepare(
        `UPDATE jobs SET state = 'cancelled', finished_at = ? WHERE id = ? AND state = 'queued'`
      )
      .run(now, id).changes
    return changed > 0
  }

  /** Back to the queue: the command was certainly never sent. */
  requeue(id: string): void {
    this.db.prepare(`UPDATE jobs SET state = 'queued', started_at = NULL WHERE id = ?`).run(id)
  }

  /** Keeps what the platform answered, so a restart resumes instead of sending again. */
  remember(id: string, args: Partial<JobArgs>, remoteJobId?: string): void {
    this.db.transaction(() => {
      const job = this.get(id)
      // A row damaged meanwhile is left as it is: it is quarantined, not rewritten.
      if (!job) return
      this.db
        .prepare(
          'UPDATE jobs SET args = ?, remote_job_id = COALESCE(?, remote_job_id) WHERE id = ?'
        )
        .run(JSON.stringify({ ...job.args, ...args }), remoteJobId ?? null, id)
    })()
  }

  /** Whether a job other than `exceptId` already follows this platform job. */
  followedElsewhere(remoteJobId: string, exceptId: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM jobs WHERE remote_job_id = ? AND id <> ? LIMIT 1')
        .get(remoteJobId, exceptId) !== undefined
    )
  }

  progress(id: string, value: number): void {
    this.db.prepare('UPDATE jobs SET progress = ? WHERE id = ?').run(value, id)
  }

  finish(
    id: string,
    state: 'succeeded' | 'failed' | 'unknown',
    error: string | null,
    now = Date.now()
  ): void {
    this.db
      .prepare('UPDATE jobs SET state = ?, finished_at = ?, error = ? WHERE id = ?')
      .run(state, now, error, id)
  }

  /** Removes a job and its log for good. */
  discard(id: string): boolean {
    return this.db.prepare('DELETE FROM jobs WHERE id = ?').run(id).changes === 1
  }

  append(id: string, texts: readonly string[], now = Date.now()): JobLogLine[] {
    return this.db.transaction(() => {
      let seq = this.db
        .prepare('SELECT COALESCE(MAX(seq), 0) FROM job_log WHERE job_id = ?')
        .pluck()
        .get(id) as number
      const insert = this.db.prepare(
        'INSERT INTO job_log (job_id, seq, at, text) VALUES (?, ?, ?, ?)'
      )
      return texts.map((text) => {
        seq++
        insert.run(id, seq, now, text)
        return { seq, at: now, text }
      })
    })()
  }

  log(id: string, afterSeq: number): JobLogLine[] {
    return this.db
      .prepare('SELECT seq, at, text FROM job_log WHERE job_id = ? AND seq > ? ORDER BY seq')
      .all(id, afterSeq) as JobLogLine[]
  }

  private rows(clause: string, ...params: unknown[]): JobRow[] {
    return this.db.prepare(`${SELECT} ${clause}`).all(...params) as JobRow[]
  }
}
