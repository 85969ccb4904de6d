import type { ResourceKind } from '../../agent/contract'
import type { RecordsByKind } from '../../cache/records'
import type { ProviderSession, SessionSink } from '../session'
import { QboClient, type QboClientOptions, type QboCredentials } from './client'
import { imageRecord, networkRecord, nodeRecord } from './mapping'
import { payload, payloadKinds, type QboMessage } from './messages'

/** The commands a full refresh sends, and which payload each answers with. */
const refreshCommands: ReadonlyArray<{ kind: ResourceKind; command: string }> = [
  { kind: 'nodes', command: 'get nodes -A' },
  { kind: 'images', command: 'get images' },
  { kind: 'networks', command: 'get networks -A' }
]

function records<K extends ResourceKind>(message: QboMessage, kind: K): RecordsByKind[K][] {
  switch (kind) {
    case 'nodes':
      return payload(message, 'nodes').map(nodeRecord) as RecordsByKind[K][]
    case 'images':
      return payload(message, 'images').map(imageRecord) as RecordsByKind[K][]
    default:
      return payload(message, 'networks').map(networkRecord) as RecordsByKind[K][]
  }
}

/** A qbo account's live session: one socket, full refreshes, and mirror updates. */
export class QboSession implements ProviderSession {
  readonly resources = refreshCommands.map((c) => c.kind)
  private client: QboClient | null = null

  constructor(
    private readonly credentials: QboCredentials,
    private readonly sink: SessionSink,
    private readonly options: QboClientOptions = {}
  ) {}

  async connect(): Promise<void> {
    this.client?.close()
    const client = new QboClient(this.credentials, this.options)
    this.client = client
    client.on('push', (message) => this.applyPush(message))
    client.on('malformed', (error) => this.sink.problem(error.message))
    client.on('closed', (reason) => {
      if (this.client === client) this.sink.dropped(reason)
    })
    await client.connect()
  }

  /** Fetches every resource; each set is validated whole before it replaces the cached one. */
  async refresh(): Promise<void> {
    const client = this.client
    if (!client) return
    const replies = await Promise.all(refreshCommands.map((c) => client.request(c.command)))
    refreshCommands.forEach(({ kind }, i) => {
      this.sink.replace(kind, records(replies[i] as QboMessage, kind))
    })
  }

  close(): void {
    const client = this.client
    this.client = null
    client?.close()
  }

  private applyPush(message: QboMessage): void {
    try {
      for (const kind of payloadKinds(message)) this.sink.patch(kind, records(message, kind))
    } catch (error) {
      this.sink.problem((error as Error).message)
    }
  }
}
