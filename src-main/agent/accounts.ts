import type { NewAccount } from '@contract'
import { parseCliFile } from '../providers/qbo/cli-file'
import { accountIdFor, type AccountSpec } from '../store/account-spec'

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
