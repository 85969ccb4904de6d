import type { NewAccount } from './contract'
import type { QboAuth } from '../providers/qbo/auth'
import { parseCliFile } from '../providers/qbo/cli-file'

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

export const qboUrl = (host: string, port: number, tls: boolean): string =>
  `${tls ? 'wss' : 'ws'}://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}/`

/** Turns what the user entered (or the CLI file they picked) into an account; throws on a bad file. */
export function specFromInput(input: NewAccount): AccountSpec {
  const base = { name: input.name, origin: 'stored' as const }
  switch (input.kind) {
    case 'qbo':
      return {
        ...base,
        id: accountIdFor('qbo', input.name),
        kind: 'qbo',
        url: qboUrl(input.host, input.port, input.tls),
        auth: { kind: 'token', token: input.token }
      }
    case 'qbo-import': {
      const file = parseCliFile(input.file)
      return {
        ...base,
        id: accountIdFor('qbo', input.name),
        kind: 'qbo',
        url: qboUrl(file.host, file.port, input.tls ?? file.port === 443),
        auth: file.auth
      }
    }
    case 'cycle':
      return {
        ...base,
        id: accountIdFor('cycle', input.name),
        kind: 'cycle',
        url: input.url,
        apiKey: input.apiKey,
        hubId: input.hubId
      }
  }
}
