import type { ResourceKind } from '@contract'
import { timerMs } from '../delay'
import { ProviderError } from '../errors'
import type { ConnectOptions, PartSet, ProviderSession, SessionSink } from '../session'
import { CycleApi, type CycleApiOptions, type CycleCredentials, type FirstPages } from './api'
import { CycleApiError } from './errors'
import {
  descriptorFacts,
  FINISHED_JOB_STATES,
  imageRecord,
  jobRecord,
  sourceRecord,
  type DescriptorFacts
} from './mapping'
import { learnedNames, scopeWords, type Named } from './named'
import { NotificationPipe } from './notifications'
import type { CycleJob, Notification } from './schemas'

export interface JobFollower {
  update(job: CycleJob): void
  /** The session closed (connection lost) before the job finished. */
  lost(): void
}

export interface CycleSessionOptions extends CycleApiOptions {
  /** How often followed jobs are polled while the notification socket is down. */
  pollMs?: number
  /** Delay before the n-th attempt to reopen the notification socket. */
  socketRetryMs?: (attempt: number) => number
}

type CreatorDoc = { creator?: { id: string; type: string } | null }

/** Descriptors remembered for the jobs they started (the most recent; the rest are let go). */
const DESCRIPTORS_KEPT = 200

/**
 * How long pages asked for with a connection stay usable: the refresh that follows at once takes
 * them; one that comes later (another refresh was still running) reads its own.
 */
const AHEAD_FRESH_MS = 5_000

/** Cycle may not serve a job it has just accepted: its own client retries `404.job` five times. */
const JOB_NOT_YET_TRIES = 5

/**
 * A Cycle hub's session: REST for lists and details, the hub notification socket for changes,
 * and polling of the jobs being followed whenever that socket is down.
 */
export class CycleSession implements ProviderSession {
  readonly resources: readonly ResourceKind[] = ['cycleImages', 'cycleSources', 'cycleJobs']
  readonly api: CycleApi
  private pipe: NotificationPipe | null = null
  private socketUp = false
  private pollTimer: NodeJS.Timeout | null = null
  private readonly followed = new Map<string, Set<JobFollower>>()
  private readonly pollMs: number
  /** What each job's descriptor said (accepted, queue, schedule, parallel), by job id. */
  private readonly descriptors = new Map<string, DescriptorFacts>()
  /** Creators' names as lists named them, for the one-job reads that cannot ask for them. */
  private readonly creatorNames = new Map<string, string>()
  /** The first pages of the refresh that follows a connection, asked for with it, and when. */
  private ahead: { pages: FirstPages; at: number } | null = null

  constructor(
    credentials: CycleCredentials,
    private readonly sink: SessionSink,
    private readonly options: CycleSessionOptions = {}
  ) {
    this.api = new CycleApi(credentials, {
      ...options,
      onDescriptor: (d) => {
        const facts = descriptorFacts(d)
        if (!d.job || !facts) return
        this.descriptors.set(d.job.id, facts)
        if (this.descriptors.size > DESCRIPTORS_KEPT) {
          this.descriptors.delete(this.descriptors.keys().next().value!)
        }
        options.onDescriptor?.(d)
      }
    })
    this.pollMs = options.pollMs ?? 2_000
  }

  /** Whether job progress currently arrives pushed or polled. */
  get mode(): 'socket' | 'polling' {
    return this.socketUp ? 'socket' : 'polling'
  }

  /** Whether followed jobs are being polled right now. */
  get polling(): boolean {
    return this.pollTimer !== null
  }

  async connect({ refreshNext = false }: ConnectOptions = {}): Promise<void> {
    this.close()
    // A refresh follows at once: its first pages are asked for beside the hub check, not after.
    const pages = refreshNext ? this.api.firstPages() : null
    await this.api.hub()
    this.ahead = pages && { pages, at: Date.now() }
    const retry = this.options.socketRetryMs ?? ((n: number) => Math.min(30_000, 1_000 * 2 ** n))
    this.pipe = new NotificationPipe(
      this.api,
      {
        message: (n) => void this.onNotification(n),
        link: (up) => {
          this.socketUp = up
          this.schedulePoll()
          // Whatever changed while the socket was down is caught up by one pass.
          if (up) this.pollFollowed()
        }
      },
      retry
    )
    this.pipe.open()
    this.schedulePoll()
  }

  /** A list the server would not end is kept as far as it was read, and the refresh says so. */
  async refresh(): Promise<void> {
    const cuts: string[] = []
    const cut = (why: string): void => void cuts.push(why)
    // The first pages asked for with the connection, once, and only while they are news.
    const ahead =
      this.ahead && Date.now() - this.ahead.at < AHEAD_FRESH_MS ? this.ahead.pages : null
    this.ahead = null
    // Images, the big list, go to the writer page by page as they come; the set lands whole.
    const images = this.sink.replaceInParts('cycleImages')
    let lists
    try {
      lists = await Promise.all([
        this.readImages(images, cut, ahead?.imageBytes),
        // A narrow key (a CI importer's: images only) still syncs what it may see.
        this.api.sources({ cut, first: ahead?.sources }).catch(refusedAs(cut, 'image sources')),
        this.api.jobs({ cut, first: ahead?.jobs }).catch(refusedAs(cut, 'hub jobs'))
      ])
    } catch (error) {
      images.abort()
      throw error
    }
    const [, sources, jobs] = lists
    if (sources) this.learnNames(sources)
    if (jobs) this.learnNames(jobs)
    if (sources) await this.sink.replace('cycleSources', sources.map(sourceRecord))
    await images.commit()
    if (jobs) {
      await this.sink.replace(
        'cycleJobs',
        jobs.map((j) => jobRecord(j, this.descriptors.get(j.id)))
      )
    }
    if (cuts.length > 0) throw new ProviderError('protocol', cuts.join('. '))
  }

  /**
   * Follows a Cycle job until it finishes: every new state reaches `listener`. Pushed by the
   * socket when it is up, polled otherwise. Returns the disposer.
   */
  follow(jobId: string, listener: JobFollower): () => void {
    const set = this.followed.get(jobId) ?? new Set()
    set.add(listener)
    this.followed.set(jobId, set)
    void this.fetchJob(jobId)
    this.schedulePoll()
    return () => {
      set.delete(listener)
      if (set.size === 0) this.followed.delete(jobId)
    }
  }

  /** Re-reads one image (after an action or a notification) into the cache. */
  async fetchImage(imageId: string): Promise<void> {
    try {
      this.sink.patch('cycleImages', [imageRecord(await this.api.image(imageId))])
    } catch (error) {
      if (error instanceof CycleApiError && error.status === 404) {
        this.sink.remove('cycleImages', [imageId])
        return
      }
      this.report(error)
    }
  }

  close(): void {
    this.ahead = null
    const followers = [...this.followed.values()].flatMap((set) => [...set])
    this.followed.clear()
    for (const f of followers) f.lost()
    this.pipe?.close()
    this.pipe = null
    this.socketUp = false
    if (this.pollTimer) clearInterval(this.pollTimer)
    this.pollTimer = null
  }

  private async onNotification(n: Notification): Promise<void> {
    const id = n.object.id
    if (n.topic.startsWith('job.') && id) await this.fetchJob(id)
    else if (n.topic.startsWith('image.source.')) await this.refreshSources()
    else if (n.topic.startsWith('image.') && id) await this.fetchImage(id)
  }

  /** Re-reads the whole image list (after a prune, whose effects no single id names). */
  async refreshImages(): Promise<void> {
    const images = this.sink.replaceInParts('cycleImages')
    try {
      await this.readImages(images, (why) => this.sink.problem(why))
    } catch (error) {
      images.abort()
      this.report(error)
      return
    }
    try {
      await images.commit()
    } catch (error) {
      this.report(error)
    }
  }

  /** Re-reads the source list (after a change the notification socket may not tell). */
  async refreshSources(): Promise<void> {
    try {
      const sources = await this.api.sources({ cut: (why) => this.sink.problem(why) })
      await this.sink.replace('cycleSources', sources.map(sourceRecord))
    } catch (error) {
      this.report(error)
    }
  }

  private async fetchJob(jobId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const job = this.withKnownCreator(await this.api.job(jobId))
        this.sink.patch('cycleJobs', [jobRecord(job, this.descriptors.get(job.id))])
        for (const listener of [...(this.followed.get(jobId) ?? [])]) listener.update(job)
        if (FINISHED_JOB_STATES.has(job.state.current)) this.followed.delete(jobId)
        return
      } catch (error) {
        const notYet = error instanceof CycleApiError && error.cycleCode === '404.job'
        if (notYet && attempt < JOB_NOT_YET_TRIES) {
          await new Promise((r) => setTimeout(r, timerMs(Math.min(this.pollMs, 1_000))))
          continue
        }
        this.report(error)
        return
      }
    }
  }

  /**
   * The image list into `set`: each page's body goes to the writer unread where it takes pages
   * (parsed, checked and mapped off the serving thread; only the names it learned come back),
   * otherwise pages are read here and handed over as records.
   */
  private async readImages(
    set: PartSet<'cycleImages'>,
    cut: (why: string) => void,
    first?: FirstPages['imageBytes']
  ): Promise<void> {
    if (set.addPage) {
      const addPage = set.addPage.bind(set)
      await this.api.imagePages(
        async (page, room) => {
          const taken = await addPage(page, room)
          for (const [scope, name] of taken.names) this.creatorNames.set(scope, name)
          return taken
        },
        { cut, first }
      )
      return
    }
    await this.api.images({
      cut,
      each: (page) => {
        this.learnNames(page)
        return set.add(page.map(imageRecord))
      }
    })
  }

  private learnNames(docs: readonly Named[] & readonly CreatorDoc[]): void {
    for (const [scope, name] of learnedNames(docs)) this.creatorNames.set(scope, name)
  }

  private withKnownCreator<T extends Named & CreatorDoc>(doc: T): T {
    const known = doc.creator && this.creatorNames.get(scopeWords(doc.creator))
    return known ? { ...doc, _berth: { ...doc._berth, creator: known } } : doc
  }

  private schedulePoll(): void {
    const needed = !this.socketUp && this.followed.size > 0 && this.pipe !== null
    if (needed && !this.pollTimer) {
      this.pollTimer = setInterval(() => this.pollFollowed(), timerMs(this.pollMs))
    } else if (!needed && this.pollTimer) {
      clearInterval(this.pollTimer)
      this.pollTimer = null
    }
  }

  private pollFollowed(): void {
    for (const jobId of this.followed.keys()) void this.fetchJob(jobId)
    this.schedulePoll()
  }

  private report(error: unknown): void {
    if (error instanceof ProviderError && error.kind === 'network') this.sink.dropped(error.message)
    else this.sink.problem(error instanceof Error ? error.message : String(error))
  }
}

/** A list the key lacks the capability for is said (once per refresh) and left as cached. */
function refusedAs(cut: (why: string) => void, what: string) {
  return (error: unknown): null => {
    if (!(
      error instanceof CycleApiError && error.cycleCode.replace(/_/g, '-') === '403.permissions'
    ))
      throw error
    cut(`${what}: ${error.message}`)
    return null
  }
}
