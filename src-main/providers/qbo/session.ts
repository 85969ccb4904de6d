import type { ConnectionReport, ResourceKind, ServerReport } from '@contract'
import type { AnyRecord } from '../../cache/records'
import { ProviderError } from '../errors'
import type { ProviderSession, SessionSink } from '../session'
import { QboClient, type QboClientOptions, type QboCredentials } from './client'
import { clusterCommand, kubeconfigCommand, refreshCommands, versionCommand } from './commands'
import { recordsOf } from './records-of'
import { isSuccess, outputText, payloadKinds, type QboMessage } from './messages'
import { resourceOfPayload } from './mapping'
import { MirrorBatch, type MirrorBatchOptions } from './mirror-batch'
import { envelopeFacts, heard, tapQboReplies, type EnvelopeFacts } from './server-report'
import { isRefusal, KindSupport } from './kind-support'
import type { QboPayloadKind } from './schemas'

export interface QboSessionOptions extends QboClientOptions {
  mirror?: MirrorBatchOptions
  /** Refreshes between two askings of a list the server refused (see KindSupport). */
  reaskEvery?: number
}

const isDeleted = (record: AnyRecord): boolean =>
  (record.raw as { state?: unknown }).state === 'deleted'

/** A qbo account's live session: one socket, full refreshes, mirror updates and commands. */
export class QboSession implements ProviderSession {
  readonly resources: readonly ResourceKind[] = refreshCommands.map(
    (c) => resourceOfPayload[c.payload]
  )
  private client: QboClient | null = null
  private readonly mirror: MirrorBatch
  private said: ServerReport | null = null
  private readonly support: KindSupport

  constructor(
    private readonly credentials: QboCredentials,
    private readonly sink: SessionSink,
    private readonly options: QboSessionOptions = {}
  ) {
    // Whole replies pass through here unparsed: their envelopes are read on the way by.
    this.sink = tapQboReplies(sink, (facts) => this.hear(facts))
    this.mirror = new MirrorBatch(sink, options.mirror)
    this.support = new KindSupport(options.reaskEvery)
  }

  async connect(): Promise<void> {
    this.close()
    // A new connection may reach an upgraded server: what it refused is asked again at once.
    this.support.askAgain()
    const client = new QboClient(this.credentials, this.options)
    this.client = client
    client.on('push', (message) => {
      if (this.client === client) this.applyPush(message)
    })
    client.on('malformed', (error) => {
      if (this.client === client) this.mirror.problem(error.message)
    })
    client.on('closed', (reason) => {
      if (this.client === client) this.sink.dropped(reason)
    })
    await client.connect()
  }

  /**
   * Fetches every resource; each set is validated whole before it replaces the cached one. The
   * requests leave together and each reply goes to the sink as it arrives: parsing 100k nodes is
   * the writer's work, off this thread, and a reply is held here only until it is handed over
   * (not until the slowest has come). After a failure, replies still arriving are dropped.
   *
   * Each list stands on its own: a server that refuses one (an older or narrower qbo) still has
   * the others cached. A refused list is said once (`sink.unsupported`) and left out of the
   * refreshes that follow for a long while (see KindSupport). Its cached rows are kept, not
   * cleared: they are what the server last said, the account says the kind is no longer served
   * and the view shows them as such; a user who sees rows vanish because a server was swapped
   * for an older one would read it as the resources being gone, which nobody said. Clusters are
   * the exception: when their list is refused and the nodes answered, the cluster rows are
   * rebuilt from the nodes (`sink.deriveClusters`), which is more current than the last list.
   */
  async refresh(): Promise<void> {
    const client = this.connected()
    let failed = false
    const answered = new Set<QboPayloadKind>()
    const asked = new Set(this.support.plan(refreshCommands.map((c) => c.payload)))
    await Promise.all(
      refreshCommands
        .filter(({ payload }) => asked.has(payload))
        .map(async ({ payload, command }) => {
          try {
            let reply: Buffer
            try {
              reply = await client.requestRaw(command)
            } catch (error) {
              if (!(error instanceof ProviderError && isRefusal(error))) throw error
              if (this.support.refuse(payload)) this.supportChanged()
              return
            }
            if (this.support.answer(payload)) this.supportChanged()
            if (failed) return
            // Updates that came before this answer go first, so the answer has the last word.
            this.mirror.flush()
            await this.sink.replaceQboReply(payload, reply)
            answered.add(payload)
          } catch (error) {
            failed = true
            throw error
          }
        })
    )
    if (this.support.has('clusters') && answered.has('nodes')) await this.sink.deriveClusters?.()
  }

  /** The kinds whose lists this server refused, as the cache names them. */
  get unsupported(): ResourceKind[] {
    return this.support.unsupported.map((payload) => resourceOfPayload[payload])
  }

  /** The next refresh asks again for the lists the server refused (the user pressed Refresh). */
  askAgain(): void {
    this.support.askAgain()
  }

  async version(): Promise<ConnectionReport> {
    return versionReport(await this.request(versionCommand))
  }

  async kubeconfig(cluster: string): Promise<string> {
    const reply = await this.request(kubeconfigCommand(cluster))
    const text = (reply.output ?? []).map((o) => o.kubeconfig ?? '').join('')
    if (!text) throw new ProviderError('protocol', `qbo sent no kubeconfig for ${cluster}`)
    return text
  }

  /** The cluster's state as the server has it now, or null if it does not exist. */
  async clusterState(cluster: string): Promise<string | null> {
    try {
      const reply = await this.request(clusterCommand(cluster))
      const state = recordsOf(reply, 'clusters').find((c) => c.name === cluster)?.state ?? null
      if (state !== 'deleted') return state
      // qbo pushes a cluster's departure with this very command line, so the push can be taken
      // for this request's reply: it means gone, and the cache must hear it too.
      this.applyPush(reply)
      return null
    } catch (error) {
      if (error instanceof ProviderError && error.code === 404) return null
      throw error
    }
  }

  /**
   * Sends a long command and resolves with its first reply; every later message with the same
   * command line goes to `onMessage` until the returned disposer runs.
   */
  async perform(
    commandLine: string,
    onMessage: (message: QboMessage) => void
  ): Promise<{ first: QboMessage; stop(): void }> {
    const client = this.connected()
    const stop = client.follow(commandLine, onMessage)
    try {
      return { first: await this.request(commandLine), stop }
    } catch (error) {
      stop()
      throw error
    }
  }

  close(): void {
    const client = this.client
    this.client = null
    this.mirror.discard()
    client?.close()
  }

  private supportChanged(): void {
    this.sink.unsupported?.(this.unsupported)
  }

  private connected(): QboClient {
    if (!this.client) {
      throw new ProviderError('network', 'Not connected to the qbo server', undefined, true)
    }
    return this.client
  }

  /** Who and what answered, as the server's last message said (its envelope); null before one. */
  get server(): ServerReport | null {
    return this.said
  }

  private hear(facts: EnvelopeFacts): void {
    if (Object.keys(facts).length > 0) this.said = heard(this.said, facts, Date.now())
  }

  private async request(commandLine: string): Promise<QboMessage> {
    const reply = await this.connected().request(commandLine)
    this.hear(envelopeFacts(reply))
    return reply
  }

  private applyPush(message: QboMessage): void {
    this.hear(envelopeFacts(message))
    // A failed command's later messages are its own business (the job following it reads them).
    if (!isSuccess(message)) return
    try {
      for (const payload of payloadKinds(message)) {
        this.mirror.add(resourceOfPayload[payload], recordsOf(message, payload), isDeleted)
      }
    } catch (error) {
      this.mirror.problem((error as Error).message)
    }
  }
}

/** `version` answers two objects, the CLI's then the API's; field names changed across releases. */
function versionReport(reply: QboMessage): ConnectionReport {
  const entries = Array.isArray(reply.version)
    ? (reply.version as Array<Record<string, unknown>>)
    : []
  const api = entries[entries.length - 1] ?? {}
  const pick = (...keys: string[]): string | undefined =>
    keys.map((k) => api[k]).find((v): v is string => typeof v === 'string' && v.length > 0)
  return {
    version: pick('qbo_api', 'api', 'version') ?? outputText(reply) ?? 'unknown',
    user: reply.user ?? 'unknown',
    host: pick('host') ?? reply.host ?? 'unknown'
  }
}
