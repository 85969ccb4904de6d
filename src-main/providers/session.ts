import type { ResourceKind } from '@contract'
import type { RecordsByKind } from '../cache/records'
import type { QboPayloadKind } from './qbo/schemas'

/** One page of a list as it came off the wire: its body unread, and where it came from. */
export interface RawPage {
  bytes: Uint8Array
  /** The page's address without its query (what an error about it names). */
  url: string
}

/** What the writer found in a raw page: what paging needs to go on, and names to remember. */
export interface PageTaken {
  /** Entries the page held. */
  items: number
  /** Entries no earlier page of this list had. */
  fresh: number
  /** Entries kept (fresh ones, up to the room the list had left). */
  taken: number
  /** Creators the page named better than by kind and id, as [scope words, name]. */
  names: Array<[string, string]>
}

/** A set delivered in parts (a list read page by page); the cache takes it whole at `commit`. */
export interface PartSet<K extends ResourceKind> {
  /**
   * Hands over one part. A promise means the writer is behind: the next part should wait for it,
   * so that parts do not pile up in memory faster than they are written.
   */
  add(records: RecordsByKind[K][]): void | Promise<void>
  /**
   * Hands over one page unread (its buffer moves to the writer, not copied): the writer parses,
   * checks and maps it off the serving thread, keeping at most `room` entries no earlier page
   * had. Rejects with the error the page deserves (not JSON, unexpected shape). Absent where the
   * writer takes only records: the caller then reads the pages itself.
   */
  addPage?(page: RawPage, room: number): Promise<PageTaken>
  commit(): Promise<void>
  abort(): void
}

/**
 * Where a provider session delivers what it learns; the agent writes it to the cache (off the
 * serving thread). Set replacements resolve once written, and reject if the set could not be.
 */
export interface SessionSink {
  replace<K extends ResourceKind>(kind: K, records: RecordsByKind[K][]): Promise<void>
  replaceInParts<K extends ResourceKind>(kind: K): PartSet<K>
  /** A qbo reply as received, never parsed on the serving thread: the writer validates it. */
  replaceQboReply(payload: QboPayloadKind, reply: Uint8Array): Promise<void>
  /** Written after everything delivered before it; failures are reported, not thrown. */
  patch<K extends ResourceKind>(kind: K, records: RecordsByKind[K][]): void
  /** Objects the server announced as gone, by their key (see cache/records `recordKey`). */
  remove(kind: ResourceKind, keys: string[]): void
  /** The live connection went away. */
  dropped(reason: string): void
  /** Something arrived that could not be used; the cache was left as it was. */
  problem(message: string): void
  /**
   * The kinds whose lists the server refused (it does not have the command), each time that set
   * changes; empty once it answers them all again.
   */
  unsupported?(kinds: readonly ResourceKind[]): void
  /**
   * The server refused the clusters list but answered the nodes: rebuild the account's cluster
   * rows from its cached nodes (named, state unknown). Resolves once written.
   */
  deriveClusters?(): Promise<void>
}

/** A sink for sessions whose findings nobody keeps (a connection test, an account on hold). */
export const ignoringSink: SessionSink = {
  replace: () => Promise.resolve(),
  replaceInParts: () => ({ add: () => {}, commit: () => Promise.resolve(), abort: () => {} }),
  replaceQboReply: () => Promise.resolve(),
  patch: () => {},
  remove: () => {},
  dropped: () => {},
  problem: () => {}
}

export interface ConnectOptions {
  /** A refresh follows at once: the session may ask for what it will read beside connecting. */
  refreshNext?: boolean
}

/** One platform account's connection, as the account runner drives it. */
export interface ProviderSession {
  readonly resources: readonly ResourceKind[]
  /** Opens the connection; throws ProviderError ('auth' | 'network' | …). */
  connect(options?: ConnectOptions): Promise<void>
  /** A full refresh of every resource; throws ProviderError. */
  refresh(): Promise<void>
  /** The next refresh asks again for what the server refused before (the user asked). */
  askAgain?(): void
  close(): void
}
