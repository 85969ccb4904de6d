import type { Db } from '../cache/db'
import { lastSyncAt, retainAccounts, upsertAccount } from '../cache/accounts'
import { InThreadCacheWriter, type CacheWriter } from '../sync/cache-writer'
import type { CycleSessionOptions } from '../providers/cycle/session'
import { QboSession } from '../providers/qbo/session'
import { AccountStore } from '../store/account-store'
import { JobStore } from '../store/job-store'
import { AccountRunner, defaultPolicy, type RunnerPolicy } from './account-runner'
import type { AccountSpec } from '../store/account-spec'
import { clearCache } from '../cache/clear'
import { applyOwnEffects } from './jobs/own-effects'
import { forgetAccountState } from '../store/forget-account'
import { NotificationStore } from '../store/notification-store'
import { SettingsStore } from '../store/settings-store'
import type {
  AccountSource,
  AccountStatus,
  AccountView,
  AgentEvent,
  AppInfo,
  JobView,
  ResourceKind,
  Result,
  Settings,
  SettingsPatch
} from '@contract'
import type { AgentPort, LiveAccount } from './agent-port'
import { dispatch } from './dispatch'
import { createHandlers } from './handlers'
import { CycleExecutor } from './jobs/cycle-executor'
import { defaultJobPolicy, JobRunner, type JobPolicy } from './jobs/job-runner'
import { QboExecutor } from './jobs/qbo-executor'
import { silentLog, type Log } from './log'
import { defaultCenterPolicy, NotificationCenter, type CenterPolicy } from './notify/center'
import { News } from './notify/news'
import { heldAccount, type HeldAccount } from './held-account'
import { openSession } from './sessions'
import { accountSink } from './account-sink'
import type { Vault } from '../vault/vault'

/** What the renderer is told of where an account comes from. */
const SOURCE: Record<AccountSpec['origin'], AccountSource> = {
  config: 'config',
  sandbox: 'sandbox',
  stored: 'user'
}

export interface AgentOptions {
  /** The cache: what the servers said (the serving thread reads through this connection). */
  db: Db
  /**
   * Where syncs are written: the sync worker (see bootstrap) or, by default, an in-thread
   * writer on `db`. Its owner closes it.
   */
  writer?: CacheWriter
  /** What the user made: accounts they added and the jobs they asked for. */
  state: Db
  vault: Vault
  /** Accounts from the config file or the built-in sandbox (not stored). */
  accounts: readonly AccountSpec[]
  policy?: Partial<RunnerPolicy>
  jobPolicy?: Partial<JobPolicy>
  /** Cycle polling and socket timings (tests shorten them). */
  cycle?: CycleSessionOptions
  /** Coalescing window and cooldown of notifications (tests shorten them). */
  notify?: Partial<CenterPolicy>
  /** What the settings page shows about this installation. */
  info: AppInfo
  log?: Log
}

/**
 * The agent: owns the cache, one runner per account and the job runner, and serves the contract.
 * Platform data flows provider → cache (one transaction) → change event; the renderer re-queries.
 */
export class Agent implements AgentPort {
  readonly live = new Map<string, LiveAccount>()
  readonly accountStore: AccountStore
  readonly jobs: JobRunner
  readonly jobStore: JobStore
  readonly settings: SettingsStore
  readonly notifications: NotificationStore
  readonly log: Log
  private readonly center: NotificationCenter
  private readonly news: News
  private readonly listeners = new Set<(event: AgentEvent) => void>()
  private readonly policy: RunnerPolicy
  private readonly handlers
  /** The cache connection the handlers read from. */
  readonly cache: Db
  private readonly writer: CacheWriter

  constructor(readonly options: AgentOptions) {
    this.log = options.log ?? silentLog
    this.cache = options.db
    this.writer = options.writer ?? new InThreadCacheWriter(options.db)
    this.settings = new SettingsStore(options.state)
    this.notifications = new NotificationStore(options.state)
    this.center = new NotificationCenter(
      this.notifications,
      () => this.settings.get(),
      (event) => this.emit(event),
      { ...defaultCenterPolicy, ...options.notify }
    )
    this.news = new News(this.center, () => this.policy.now())
    this.policy = {
      ...defaultPolicy,
      refreshMs: this.settings.get().refreshIntervalSec * 1000,
      ...options.policy
    }
    this.accountStore = new AccountStore(options.state, options.vault)
    this.jobStore = new JobStore(options.state)
    const jobPolicy = { ...defaultJobPolicy, ...options.jobPolicy }
    this.jobs = new JobRunner(
      this.jobStore,
      (event) => {
        if (event.type === 'job') this.jobChanged(event.job)
        this.emit(event)
      },
      (id) => {
        const account = this.live.get(id)
        if (account?.runner.status.state !== 'online') return null
        const session = account.session
        return session instanceof QboSession
          ? new QboExecutor(session, jobPolicy.timeoutMs)
          : new CycleExecutor(session)
      },
      jobPolicy,
      this.log
    )
    this.handlers = createHandlers(this)
  }

  onEvent(listener: (event: AgentEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Registers every account (the cache stays browsable at once) and connects them. */
  start(): void {
    // A stored account named like a configured one is shadowed: the config file wins.
    const configured = new Set(this.options.accounts.map((a) => a.id))
    const listed = this.accountStore.list()
    const stored = listed.accounts
      .filter((a) => !configured.has(a.id))
      .map((a) => ({ ...a, origin: 'stored' as const }))
    const held = listed.unreadable
      .filter((a) => !configured.has(a.id))
      .map((a) => heldAccount(a, this.policy.now()))
    const all = [...this.options.accounts, ...stored, ...held.map((a) => a.spec)]
    for (const spec of all) this.register(spec)
    retainAccounts(
      this.options.db,
      all.map((a) => a.id)
    )
    const keyChange = this.options.vault.keyChange
    if (held.length > 0 && keyChange) {
      this.log.warn(`Stored accounts cannot be opened because ${keyChange}`)
    }
    for (const spec of [...this.options.accounts, ...stored]) this.connect(spec)
    for (const account of held) this.hold(account)
  }

  stop(): void {
    this.center.flush()
    this.center.close()
    for (const account of this.live.values()) account.runner.stop()
    this.live.clear()
    this.listeners.clear()
  }

  call(method: unknown, input: unknown): Promise<Result<unknown>> {
    return dispatch(this.handlers, method, input)
  }

  /** Refreshes one account, or all; resolves when the refreshes have ended. */
  async refresh(id?: string): Promise<void> {
    const targets = [...this.live.values()].filter((a) => id === undefined || a.spec.id === id)
    await Promise.all(targets.map((a) => a.runner.refresh()))
  }

  /** Reconnects every account at once (system resume, network change). */
  reconnectAll(): void {
    for (const account of this.live.values()) account.runner.reconnect()
  }

  /** Saves a new account and connects it. */
  addAccount(spec: AccountSpec): AccountView {
    this.accountStore.add(spec)
    this.register(spec)
    this.connect(spec)
    this.emit({ type: 'accounts' })
    return this.view(this.live.get(spec.id)!)
  }

  /**
   * Forgets an account and everything of it: its cached rows (and so their counts), its jobs and
   * where its notifications lead. One `accounts` event naming it tells every view at once.
   */
  removeAccount(id: string): void {
    const account = this.live.get(id)
    this.news.forget(id)
    account?.runner.stop()
    this.live.delete(id)
    this.accountStore.remove(id)
    const { jobs } = forgetAccountState(this.options.state, id)
    retainAccounts(this.options.db, [...this.live.keys()])
    this.log.info(
      `${account?.spec.name ?? id} removed, with its cached rows${jobs > 0 ? ` and ${jobs} job(s)` : ''}`
    )
    this.emit({ type: 'accounts', removed: [id] })
  }

  updateSettings(patch: SettingsPatch): Settings {
    const before = this.settings.get()
    const settings = this.settings.update(patch)
    this.log.info(`Settings changed: ${Object.keys(patch).join(', ')}`)
    if (settings.refreshIntervalSec !== before.refreshIntervalSec) {
      this.policy.refreshMs = settings.refreshIntervalSec * 1000
      for (const account of this.live.values()) account.runner.reschedule()
    }
    this.emit({ type: 'settings', settings })
    return settings
  }

  /** Empties the cache (never accounts or queued actions) and fills it again from the servers. */
  clearCache(): void {
    clearCache(this.options.db)
    this.log.info('Cache cleared by the user')
    for (const account of this.live.values()) {
      for (const kind of account.session.resources) {
        this.emit({ type: 'changed', accountId: account.spec.id, kind })
      }
      this.emit({ type: 'account', account: this.view(account) })
    }
    void this.refresh()
  }

  info(): AppInfo {
    return this.options.info
  }

  notificationsChanged(): void {
    this.emit({ type: 'notifications', unread: this.notifications.unread() })
  }

  view(account: LiveAccount): AccountView {
    const unsupported = account.unsupported ?? []
    return {
      id: account.spec.id,
      kind: account.spec.kind,
      name: account.spec.name,
      endpoint: account.spec.url,
      status: account.runner.status,
      // Kinds the server refuses are never confirmed: the account's sync time is its others'.
      lastSyncAt: lastSyncAt(
        this.options.db,
        account.spec.id,
        account.session.resources.filter((k) => !unsupported.includes(k))
      ),
      syncError: account.syncError,
      unsupported: [...unsupported],
      server: account.session instanceof QboSession ? account.session.server : null,
      source: SOURCE[account.spec.origin]
    }
  }

  /**
   * A stored account whose secret cannot be opened is listed, never connected: one lost key must
   * not stop the other accounts, the cache or the outbox.
   */
  private hold(account: HeldAccount): void {
    const { spec, problem } = account
    this.log.warn(
      `${spec.name} (${spec.kind}) needs its credential entered again: ${problem.reason} (${problem.detail})`
    )
    this.live.set(spec.id, account)
  }

  private register(spec: AccountSpec): void {
    upsertAccount(this.options.db, {
      id: spec.id,
      kind: spec.kind,
      name: spec.name,
      endpoint: spec.url
    })
  }

  private connect(spec: AccountSpec): void {
    const id = spec.id
    const emitAccount = (): void => {
      const account = this.live.get(id)
      if (account) this.emit({ type: 'account', account: this.view(account) })
    }
    const changed = (kind: ResourceKind): void => {
      this.emit({ type: 'changed', accountId: id, kind })
      if (kind === 'clusters') this.jobs.nudge()
    }
    const who = { id, name: spec.name }
    // A retry loop while down goes connecting → offline again and again: the log says it once.
    let logged: AccountStatus['state'] | null = null
    const sink = accountSink({
      account: who,
      db: this.options.db,
      writer: this.writer,
      news: this.news,
      log: this.log,
      now: () => this.policy.now(),
      live: () => this.live.get(id) ?? null,
      changed,
      accountChanged: emitAccount
    })
    const session = openSession(spec, sink, this.options.cycle)
    const runner = new AccountRunner(
      session,
      {
        status: (status) => {
          if (status.state !== logged && (status.state !== 'connecting' || logged === null)) {
            const reason = 'reason' in status ? `: ${status.reason}` : ''
            this.log.info(`${spec.name} (${spec.kind}) is ${status.state}${reason}`)
            logged = status.state
          }
          this.news.account(who, status)
          emitAccount()
          if (status.state === 'online') this.jobs.kick(id)
        },
        syncError: (message) => {
          const account = this.live.get(id)
          if (!account || account.syncError === message) return
          if (message) this.log.warn(`${spec.name}: ${message}`)
          account.syncError = message
          emitAccount()
        }
      },
      this.policy,
      lastSyncAt(this.options.db, id, session.resources)
    )
    this.live.set(id, { spec, runner, session, syncError: null })
    runner.start()
  }

  private jobChanged(job: JobView): void {
    if (job.state !== 'queued' && job.state !== 'running') {
      const error = job.error ? `: ${job.error}` : ''
      this.log.info(`Job ${job.id} (${job.action}) ${job.state}${error}`)
    }
    this.news.job(job, this.live.get(job.accountId)?.spec.name ?? job.accountId)
    const record = job.state === 'succeeded' ? this.jobStore.get(job.id) : null
    if (record) {
      applyOwnEffects(this.cache, record, (kind) =>
        this.emit({ type: 'changed', accountId: job.accountId, kind })
      )
    }
  }

  private emit(event: AgentEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
