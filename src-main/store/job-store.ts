import { randomUUID } from 'node:crypto'
import type { JobAction, JobLogLine, JobState, JobView, Page } from '@contract'
import type { Db } from '../cache/db'

/** Everything an action needs to be sent, and to be resumed after a restart. */
export interface JobArgs {
  image?: string | undefined
  nodes?: number | undefined
  sourceId?: string | undefined
  sourceIds?: string[] | undefined
  name?: string | undefined
  buildArgs?: Record<string, string> | undefined
  /** Set by the platform as the job runs (e.g. the Cycle image a build created). */
  imageId?: string | undefined
  /** An answer was lost: the request may or may not have taken effect; look before resending. */
  maybeSent?: boolean | undefined
  /** Transient failures so far (for backoff), and the earliest time to try again. */
  attempts?: number | undefined
  notBefore?: number | undefined
}

export interface JobRecord extends JobView {
  args: JobArgs
}

interface Row {
  id: string
  account_id: string
  action: JobAction
  target: string
  args: string
  title: string
  state: JobState
  created_at: number
  started_at: number | null
  finished_at: number | null
  error: string | null
  progress: number | null
  remote_job_id: string | null
  log_lines: number
}

const SELECT = `SELECT j.*, (SELECT COUNT(*) FROM job_log l WHERE l.job_id = j.id) AS log_lines FROM jobs j`

const toRecord = (r: Row): JobRecord => ({
  id: r.id,
  accountId: r.account_id,
  action: r.action,
  target: r.target,
  args: JSON.parse(r.args) as JobArgs,
  title: r.title,
  state: r.state,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  error: r.error,
  logLines: r.log_lines,
  progress: r.progress,
  remoteJobId: r.remote_job_id
})

export const jobView = ({ args: _args, ...view }: JobRecord): JobView => view

/** The durable record of every action: written before anything is sent. */
export class JobStore {
  constructor(private readonly db: Db) {}

  create(
    job: { accountId: string; action: JobAction; target: string; args: JobArgs; title: string },
    now = Date.now()
  ): JobRecord {
    const id = randomUUID()
    this.db
      .prepare(
        `INSERT INTO jobs (id, seq, account_id, action, target, args, title, state, created_at)
         VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs), ?, ?, ?, ?, ?, 'queued', ?)`
      )
      .run(id, job.accountId, job.action, job.target, JSON.stringify(job.args), job.title, now)
    return this.get(id)!
  }

  get(id: string): JobRecord | null {
    const row = this.db.prepare(`${SELECT} WHERE j.id = ?`).get(id) as Row | undefined
    return row ? toRecord(row) : null
  }

  list(query: { accountId?: string | undefined; offset: number; limit: number }): Page<JobView> {
    const where = query.accountId ? 'WHERE j.account_id = ?' : ''
    const args = query.accountId ? [query.accountId] : []
    const total = this.db
      .prepare(`SELECT COUNT(*) FROM jobs j ${where}`)
      .pluck()
      .get(...args) as number
    const rows = this.db
      .prepare(`${SELECT} ${where} ORDER BY j.seq DESC LIMIT ? OFFSET ?`)
      .all(...args, query.limit, query.offset) as Row[]
    return { items: rows.map((r) => jobView(toRecord(r))), total, offset: query.offset, asOf: null }
  }

  /** Every job still to send or still being followed, oldest first (the tray lists them). */
  active(): JobView[] {
    const rows = this.db
      .prepare(`${SELECT} WHERE j.state IN ('queued', 'running') ORDER BY j.seq`)
      .all() as Row[]
    return rows.map((r) => jobView(toRecord(r)))
  }

  /** Jobs of an account still to send or still being followed, oldest first. */
  unfinished(accountId: string): JobRecord[] {
    const rows = this.db
      .prepare(
        `${SELECT} WHERE j.account_id = ? AND j.state IN ('queued', 'running') ORDER BY j.seq`
      )
      .all(accountId) as Row[]
    return rows.map(toRecord)
  }

  start(id: string, now = Date.now()): void {
    this.db.prepare(`UPDATE jobs SET state = 'running', started_at = ? WHERE id = ?`).run(now, id)
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
      if (!job) return
      this.db
        .prepare(
          'UPDATE jobs SET args = ?, remote_job_id = COALESCE(?, remote_job_id) WHERE id = ?'
        )
        .run(JSON.stringify({ ...job.args, ...args }), remoteJobId ?? null, id)
    })()
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
}
