import type { NewAccount } from './contract'
import type { QboAuth } from '../providers/qbo/auth'
import { parseCliFile } from '../providers/qbo/cli-file'

/** Everything needed to connect one account; lives in the main process only. */
export interface QboAccountSpec {
  id: string
  kind: 'qbo'
  name: string
  url: string
  protocol?: string | undefined
  auth: QboAuth
  /** Where it came from decides what the user may do with it (only `stored` can be removed). */
  origin: 'config' | 'stored' | 'sandbox'
}

/** Stable across runs, so a restarted agent finds the account's cache again. */
export const accountIdFor = (name: string): string => `qbo:${name}`

export const qboUrl = (host: string, port: number, tls: boolean): string =>
  `${tls ? 'wss' : 'ws'}://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}/`

/** Turns what the user entered (or the CLI file they picked) into an account; throws on a bad file. */
export function specFromInput(input: NewAccount): QboAccountSpec {
  const base = {
    id: accountIdFor(input.name),
    kind: 'qbo' as const,
    name: input.name,
    origin: 'stored' as const
  }
  if (input.kind === 'qbo') {
    return {
      ...base,
      url: qboUrl(input.host, input.port, input.tls),
      auth: { kind: 'token', token: input.token }
    }
  }
  const file = parseCliFile(input.file)
  return {
    ...base,
    url: qboUrl(file.host, file.port, input.tls ?? file.port === 443),
    auth: file.auth
  }
}
