import type { QboAuth } from '../providers/qbo/auth'

interface SpecBase {
  id: string
  name: string
  /** Where it came from decides what the user may do with it (only `stored` can be removed). */
  origin: 'config' | 'stored' | 'sandbox'
}

/** Everything needed to connect one account; lives in the main process only. */
export interface QboAccountSpec extends SpecBase {
  kind: 'qbo'
  url: string
  protocol?: string | undefined
  auth: QboAuth
}

export interface CycleAccountSpec extends SpecBase {
  kind: 'cycle'
  /** The API base, e.g. https://api.cycle.io. */
  url: string
  apiKey: string
  hubId: string
}

export type AccountSpec = QboAccountSpec | CycleAccountSpec

/** What the vault seals for an account: everything but what identifies it. */
export type AccountSecrets =
  | Pick<QboAccountSpec, 'kind' | 'auth' | 'protocol'>
  | Pick<CycleAccountSpec, 'kind' | 'apiKey' | 'hubId'>

/** Stable across runs, so a restarted agent finds the account's cache again. */
export const accountIdFor = (kind: AccountSpec['kind'], name: string): string => `${kind}:${name}`
