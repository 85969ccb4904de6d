import type { Db } from '../cache/db'
import { lastSyncAt, retainAccounts, upsertAccount } from '../cache/accounts'
import { patchRows, removeRows, replaceSet } from '../cache/writes'
import type { CycleSessionOptions } from '../providers/cycle/session'
import { QboSession } from '../providers/qbo/session'
import type { SessionSink } from '../providers/session'
import { AccountStore } from '../store/account-store'
import { JobStore } from '../store/job-store'
import { AccountRunner, defaultPolicy, type RunnerPolicy } from './account-runner'
import type { AccountSpec } from './accounts'
import type { AccountView, AgentEvent, Result } from './contract'
import { dispatch } from './dispatch'
import { createHandlers } from './handlers'
import { CycleExecutor } from './jobs/cycle-executor'
import { defaultJobPolicy, JobRunner, type JobPolicy } from './jobs/job-runner'
import { QboExecutor } from './jobs/qbo-executor'
import { openSession, type PlatformSession } from './sessions'
import type { Vault } from './vault'

export interface AgentOptions {
  /** The cache: what the servers said. */
  db: Db
  /** What the user made: accounts they added and the jobs they asked for. */
  state: Db
  vault: Vault
  /** Accounts from the config file or the built-in sandbox (not stored). */
  accounts: readonly AccountSpec[]
  policy?: Partial<RunnerPolicy>
  jobPolicy?: Partial<JobPolicy>
  /** Cycle polling and socket timings (tests shorten them). */
  cycle?: CycleSessionOptions
}

export interface LiveAccount {
  spec: AccountSpec
  runner: AccountRunner
  session: PlatformSession
  syncError: string | null
}

/**
 * The agent: owns the cache, one runner per account and the job runner, and serves the contract.
 * Platform data flows provider → cache (one transaction) → change event; the renderer re-queries.
 */
export class Agent {
  readonly live = new Map<string, LiveAccount>()
  readonly accountStore: AccountStore
  readonly jobs: JobRunner
  readonly jobStore: JobStore
  private readonly listeners = new Set<(event: AgentEvent) => void>()
  private readonly policy: RunnerPolicy
  private readonly handlers

  constructor(readonly options: AgentOptions) {
    this.policy = { ...defaultPolicy, ...options.policy }
    this.accountStore = new AccountStore(options.state, options.vault)
    this.jobStore = new JobStore(options.state)
    const jobPolicy = { ...defaultJobPolicy, ...options.jobPolicy }
    this.jobs = new JobRunner(
      this.jobStore,
      (event) => this.emit(event),
      (id) => {
        const account = this.live.get(id)
        if (account?.runner.status.state !== 'online') return null
        const session = account.session
        return session instanceof QboSession
          ? new QboExecutor(session, jobPolicy.timeoutMs)
          : new CycleExecutor(session)
      },
      jobPolicy
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
    const stored = this.accountStore
      .list()
      .filter((a) => !configured.has(a.id))
      .map((a) => ({ ...a, origin: 'stored' as const }))
    const all = [...this.options.accounts, ...stored]
    for (const spec of all) this.register(spec)
    retainAccounts(
      this.options.db,
      all.map((a) => a.id)
    )
    for (const spec of all) this.connect(spec)
  }

  stop(): void {
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

  removeAccount(id: string): void {
    const account = this.live.get(id)
    account?.runner.stop()
    this.live.delete(id)
    this.accountStore.remove(id)
    retainAccounts(this.options.db, [...this.live.keys()])
    this.emit({ type: 'accounts' })
  }

  view(account: LiveAccount): AccountView {
    return {
      id: account.spec.id,
      kind: account.spec.kind,
      name: account.spec.name,
      endpoint: account.spec.url,
      status: account.runner.status,
      lastSyncAt: lastSyncAt(this.options.db, account.spec.id, account.session.resources),
      syncError: account.syncError
    }
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
    const { db } = this.options
    const emitAccount = (): void => {
      const account = this.live.get(id)
      if (account) this.emit({ type: 'account', account: this.view(account) })
    }
    const changed = (kind: Parameters<SessionSink['replace']>[0]): void => {
      this.emit({ type: 'changed', accountId: id, kind })
      if (kind === 'clusters') this.jobs.nudge()
    }
    const sink: SessionSink = {
      replace: (kind, records) => {
        replaceSet(db, id, kind, records, this.policy.now())
        changed(kind)
        emitAccount()
      },
      patch: (kind, records) => {
        patchRows(db, id, kind, records, this.policy.now())
        changed(kind)
      },
      remove: (kind, keys) => {
        removeRows(db, id, kind, keys)
        changed(kind)
      },
      dropped: (reason) => this.live.get(id)?.runner.dropped(reason),
      problem: (message) => {
        const account = this.live.get(id)
        if (account) account.syncError = message
        emitAccount()
      }
    }
    const session = openSession(spec, sink, this.options.cycle)
    const runner = new AccountRunner(
      session,
      {
        status: (status) => {
          emitAccount()
          if (status.state === 'online') this.jobs.kick(id)
        },
        syncError: (message) => {
          const account = this.live.get(id)
          if (!account || account.syncError === message) return
          account.syncError = message
          emitAccount()
        }
      },
      this.policy
    )
    this.live.set(id, { spec, runner, session, syncError: null })
    runner.start()
  }

  private emit(event: AgentEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
