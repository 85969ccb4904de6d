import type { ResourceKind } from '@contract'
import type { RecordsByKind } from '../cache/records'

/** Where a provider session delivers what it learns; the agent writes it to the cache. */
export interface SessionSink {
  replace<K extends ResourceKind>(kind: K, records: RecordsByKind[K][]): void
  patch<K extends ResourceKind>(kind: K, records: RecordsByKind[K][]): void
  /** Objects the server announced as gone, by their key (see cache/records `recordKey`). */
  remove(kind: ResourceKind, keys: string[]): void
  /** The live connection went away. */
  dropped(reason: string): void
  /** Something arrived that could not be used; the cache was left as it was. */
  problem(message: string): void
}

/** A sink for sessions whose findings nobody keeps (a connection test, an account on hold). */
export const ignoringSink: SessionSink = {
  replace: () => {},
  patch: () => {},
  remove: () => {},
  dropped: () => {},
  problem: () => {}
}

/** One platform account's connection, as the account runner drives it. */
export interface ProviderSession {
  readonly resources: readonly ResourceKind[]
  /** Opens the connection; throws ProviderError ('auth' | 'network' | …). */
  connect(): Promise<void>
  /** A full refresh of every resource; throws ProviderError. */
  refresh(): Promise<void>
  close(): void
}
