import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { ServiceAccountKey } from '../providers/qbo/auth'
import { accountIdFor, type QboAccountSpec } from './accounts'

const base = {
  kind: z.literal('qbo'),
  name: z.string().trim().min(1).max(64),
  url: z
    .string()
    .url()
    .refine((u) => /^wss?:\/\//.test(u), 'a qbo url starts with ws:// or wss://'),
  protocol: z.string().optional()
}

const TokenAccount = z
  .object({ ...base, token: z.string().min(1), aux: z.string().optional() })
  .strict()

/** `serviceAccount` is the CLI's service-account cli.json, as the sandbox prints it. */
const ServiceAccount = z
  .object({
    ...base,
    serviceAccount: z
      .object({ qbo_uid: ServiceAccountKey, qbo_aux: z.string().min(1) })
      .passthrough()
  })
  .strict()

export const BerthConfig = z
  .object({
    accounts: z
      .array(z.union([TokenAccount, ServiceAccount]))
      .refine(
        (a) => new Set(a.map((x) => x.name)).size === a.length,
        'account names must be unique'
      )
  })
  .strict()
export type BerthConfig = z.infer<typeof BerthConfig>
export type AccountConfig = BerthConfig['accounts'][number]

export class ConfigError extends Error {}

export function specFromConfig(
  account: AccountConfig,
  origin: QboAccountSpec['origin'] = 'config'
): QboAccountSpec {
  return {
    id: accountIdFor(account.name),
    kind: 'qbo',
    name: account.name,
    url: account.url,
    protocol: account.protocol,
    origin,
    auth:
      'token' in account
        ? { kind: 'token', token: account.token }
        : {
            kind: 'service-account',
            aux: account.serviceAccount.qbo_aux,
            key: account.serviceAccount.qbo_uid
          }
  }
}

export function readConfig(file: string): QboAccountSpec[] {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError(`Cannot read ${file}: ${(error as Error).message}`)
  }
  const parsed = BerthConfig.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ConfigError(
      `${file} is not a valid Berth config: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`
    )
  }
  return parsed.data.accounts.map((a) => specFromConfig(a))
}
