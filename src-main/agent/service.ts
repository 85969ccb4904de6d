import type { Db } from '../cache/db'
import { lastSyncAt, retainAccounts, upsertAccount } from '../cache/accounts'
import { clusterSummaries, listImages, listNetworks, listNodes } from '../cache/queries'
import { patchRows, replaceSet } from '../cache/writes'
import { QboSession } from '../providers/qbo/session'
import type { ProviderSession, SessionSink } from '../providers/session'
import { AccountRunner, defaultPolicy, type RunnerPolicy } from './account-runner'
import { accountId, type AccountConfig } from './config'
import {
  fail,
  ok,
  type AccountStatus,
  type AccountView,
  type AgentEvent,
  type Result
} from './contract'
import { dispatch, type Handlers } from './dispatch'

export interface AgentOptions {
  db: Db
  accounts: readonly AccountConfig[]
  policy?: Partial<RunnerPolicy>
  /** Seam for tests and future platforms; defaults to the real provider for the account's kind. */
  openSession?: (account: AccountConfig, sink: SessionSink) => ProviderSession
}

interface LiveAccount {
  config: AccountConfig
  id: string
  runner: AccountRunner
  session: ProviderSession
  syncError: string | null
}

const defaultSession = (account: AccountConfig, sink: SessionSink): ProviderSession =>
  new QboSession(
    { url: account.url, uid: account.token, aux: account.aux, protocol: account.protocol },
    sink
  )

/**
 * The agent: owns the cache and one runner per account, and serves the contract. Platform data
 * flows provider → cache (one transaction) → change event; the renderer then re-queries.
 */
export class Agent {
  private readonly live = new Map<string, LiveAccount>()
  private readonly listeners = new Set<(event: AgentEvent) => void>()
  private readonly policy: RunnerPolicy

  constructor(private readonly options: AgentOptions) {
    this.policy = { ...defaultPolicy, ...options.policy }
  }

  onEvent(listener: (event: AgentEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Registers the configured accounts (the cache stays browsable at once) and connects them. */
  start(): void {
    const { db, accounts } = this.options
    for (const config of accounts) {
      upsertAccount(db, {
        id: accountId(config),
        kind: config.kind,
        name: config.name,
        endpoint: config.url
      })
    }
    retainAccounts(db, accounts.map(accountId))
    for (const config of accounts) this.startAccount(config)
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
    const targets = [...this.live.values()].filter((a) => id === undefined || a.id === id)
    await Promise.all(targets.map((a) => a.runner.refresh()))
  }

  /** Reconnects every account at once (system resume, network change). */
  reconnectAll(): void {
    for (const account of this.live.values()) account.runner.reconnect()
  }

  private readonly handlers: Handlers = {
    'accounts.list': () => ok([...this.live.values()].map((a) => this.view(a))),
    'accounts.reconnect': ({ accountId: id }) => {
      const account = this.live.get(id)
      if (!account) return fail('not-found', `No account ${id}`)
      account.runner.reconnect()
      return ok(null)
    },
    'accounts.refresh': async ({ accountId: id }) => {
      if (id !== undefined && !this.live.has(id)) return fail('not-found', `No account ${id}`)
      await this.refresh(id)
      return ok(null)
    },
    'nodes.list': (q) => ok(listNodes(this.options.db, q)),
    'nodes.clusters': ({ accountId: id }) => ok(clusterSummaries(this.options.db, id)),
    'images.list': (q) => ok(listImages(this.options.db, q)),
    'networks.list': (q) => ok(listNetworks(this.options.db, q))
  }

  private startAccount(config: AccountConfig): void {
    const id = accountId(config)
    const { db } = this.options
    const emitAccount = (): void => {
      const account = this.live.get(id)
      if (account) this.emit({ type: 'account', account: this.view(account) })
    }
    const sink: SessionSink = {
      replace: (kind, records) => {
        replaceSet(db, id, kind, records, this.policy.now())
        this.emit({ type: 'changed', accountId: id, kind })
        emitAccount()
      },
      patch: (kind, records) => {
        patchRows(db, id, kind, records, this.policy.now())
        this.emit({ type: 'changed', accountId: id, kind })
      },
      dropped: (reason) => this.live.get(id)?.runner.dropped(reason),
      problem: (message) => {
        const account = this.live.get(id)
        if (account) account.syncError = message
        emitAccount()
      }
    }
    const session = (this.options.openSession ?? defaultSession)(config, sink)
    const runner = new AccountRunner(
      session,
      {
        status: (_status: AccountStatus) => emitAccount(),
        syncError: (message) => {
          const account = this.live.get(id)
          if (!account || account.syncError === message) return
          account.syncError = message
          emitAccount()
        }
      },
      this.policy
    )
    this.live.set(id, { config, id, runner, session, syncError: null })
    runner.start()
  }

  private view(account: LiveAccount): AccountView {
    return {
      id: account.id,
      kind: account.config.kind,
      name: account.config.name,
      endpoint: account.config.url,
      status: account.runner.status,
      lastSyncAt: lastSyncAt(this.options.db, account.id, account.session.resources),
      syncError: account.syncError
    }
  }

  private emit(event: AgentEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
