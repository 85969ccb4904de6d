import type { AccountStatus, JobView, ResourceKind } from '@contract'
import type { WriteSummary } from '../../cache/write-summary'
import { AccountWatch } from './account-watch'
import type { NotificationCenter } from './center'
import { JobWatch } from './job-watch'
import type { Notice } from './notice'
import { ResourceWatch } from './resource-watch'

interface Account {
  id: string
  name: string
}

/** How long after a job ends the changes to its target are still its own. */
const JOB_ECHO_MS = 60_000

/**
 * Everything the agent sees that may be news — account states, jobs, synced resources — goes
 * through here to the notification center.
 */
export class News {
  private readonly accounts = new AccountWatch()
  private readonly jobs = new JobWatch()
  private readonly resources = new ResourceWatch()
  /** Jobs under way or just ended, by id: what they act on, and until when. */
  private readonly recentJobs = new Map<
    string,
    { accountId: string; target: string; prune: boolean; until: number | null }
  >()

  constructor(
    private readonly center: NotificationCenter,
    private readonly now: () => number
  ) {}

  account(account: Account, status: AccountStatus): void {
    this.tell(this.accounts.status(account, status))
  }

  job(job: JobView, accountName: string): void {
    const ended = job.state !== 'queued' && job.state !== 'running'
    // The sync that shows a job's effect trails the job's end a little.
    this.recentJobs.set(job.id, {
      accountId: job.accountId,
      target: job.target,
      prune: job.action === 'images.prune',
      until: ended ? this.now() + JOB_ECHO_MS : null
    })
    this.tell(this.jobs.job(job, accountName))
  }

  /** What a write of a full set reported (`replaceSet`'s summary). */
  replaced(account: Account, kind: ResourceKind, summary: WriteSummary): void {
    this.tell(this.resources.replaced(account, kind, summary))
  }

  /** What a write of pushed rows reported (`patchRows`' summary). */
  patched(account: Account, kind: ResourceKind, summary: WriteSummary): void {
    this.tell(this.resources.patched(account, kind, summary))
  }

  /** What a removal of announced rows reported (`removeRows`' summary). */
  removed(account: Account, kind: ResourceKind, summary: WriteSummary): void {
    this.tell(this.resources.removed(account, kind, summary))
  }

  forget(accountId: string): void {
    this.accounts.forget(accountId)
    this.resources.forget(accountId)
  }

  /**
   * A change the user's own job is making (the cluster it creates, the image it deletes, the
   * images it prunes) is told by the job's notice; the resource's own would say it twice.
   */
  private tell(notices: readonly Notice[]): void {
    if (notices.length === 0) return
    const { targets, pruning } = this.jobTargets()
    const told = notices.filter(
      (n) =>
        !n.about ||
        !(
          targets.has(`${n.about.accountId}/${n.about.name}`) ||
          (n.about.image === true && pruning.has(n.about.accountId))
        )
    )
    if (told.length > 0) this.center.push(told)
  }

  /**
   * `account/target` of every job under way or just ended, and the accounts such a prune works
   * on (it names its sources, not the images it removes); forgets the jobs long over.
   */
  private jobTargets(): { targets: Set<string>; pruning: Set<string> } {
    const now = this.now()
    const targets = new Set<string>()
    const pruning = new Set<string>()
    for (const [id, job] of this.recentJobs) {
      if (job.until !== null && job.until < now) {
        this.recentJobs.delete(id)
        continue
      }
      targets.add(`${job.accountId}/${job.target}`)
      if (job.prune) pruning.add(job.accountId)
    }
    return { targets, pruning }
  }
}
