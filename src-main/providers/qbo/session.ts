import type { ConnectionReport, ResourceKind } from '@contract'
import type { AnyRecord } from '../../cache/records'
import { ProviderError } from '../errors'
import type { ProviderSession, SessionSink } from '../session'
import { QboClient, type QboClientOptions, type QboCredentials } from './client'
import { clusterCommand, kubeconfigCommand, refreshCommands, versionCommand } from './commands'
import { recordsOf } from './records-of'
import { isSuccess, outputText, payloadKinds, type QboMessage } from './messages'
import { resourceOfPayload } from './mapping'
import { MirrorBatch, type MirrorBatchOptions } from './mirror-batch'

export interface QboSessionOptions extends QboClientOptions {
  mirror?: MirrorBatchOptions
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

  constructor(
    private readonly credentials: QboCredentials,
    private readonly sink: SessionSink,
    private readonly options: QboSessionOptions = {}
  ) {
    this.mirror = new MirrorBatch(sink, options.mirror)
  }

  async connect(): Promise<void> {
    this.close()
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
   * replies go to the sink as received: parsing 100k nodes is the writer's work, off this thread.
   */
  async refresh(): Promise<void> {
    const client = this.connected()
    const replies = await Promise.all(refreshCommands.map((c) => client.requestRaw(c.command)))
    // Updates that came before these answers go first, so the answers have the last word.
    this.mirror.flush()
    for (const [i, { payload }] of refreshCommands.entries()) {
      await this.sink.replaceQboReply(payload, replies[i] as Buffer)
    }
  }

  async version(): Promise<ConnectionReport> {
    return versionReport(await this.connected().request(versionCommand))
  }

  async kubeconfig(cluster: string): Promise<string> {
    const reply = await this.connected().request(kubeconfigCommand(cluster))
    const text = (reply.output ?? []).map((o) => o.kubeconfig ?? '').join('')
    if (!text) throw new ProviderError('protocol', `qbo sent no kubeconfig for ${cluster}`)
    return text
  }

  /** The cluster's state as the server has it now, or null if it does not exist. */
  async clusterState(cluster: string): Promise<string | null> {
    try {
      const reply = await this.connected().request(clusterCommand(cluster))
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
      return { first: await client.request(commandLine), stop }
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

  private connected(): QboClient {
    if (!this.client) {
      throw new ProviderError('network', 'Not connected to the qbo server', undefined, true)
    }
    return this.client
  }

  private applyPush(message: QboMessage): void {
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
