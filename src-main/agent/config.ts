import { readFileSync, statSync } from 'node:fs'
import { z } from 'zod'
import { ServiceAccountKey } from '../providers/qbo/auth'
import { accountIdFor, type AccountSpec, type QboAccountSpec } from '../store/account-spec'
import { StartupError } from './startup-error'

/**
 * Each account holds a connection and timers: a config listing hundreds of thousands would run
 * the process out of file handles long before it was useful. Far above any real fleet.
 */
export const MAX_CONFIG_ACCOUNTS = 500
/** 500 accounts with service-account keys take well under a megabyte. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024

const name = z.string().trim().min(1).max(64)

const qbo = {
  kind: z.literal('qbo'),
  name,
  url: z
    .string()
    .url()
    .refine((u) => /^wss?:\/\//.test(u), 'a qbo url starts with ws:// or wss://'),
  protocol: z.string().optional()
}

const TokenAccount = z.object({ ...qbo, token: z.string().min(1) }).strict()

/** `serviceAccount` is the CLI's service-account cli.json, as the sandbox prints it. */
const ServiceAccount = z
  .object({
    ...qbo,
    serviceAccount: z
      .object({ qbo_uid: ServiceAccountKey, qbo_aux: z.string().min(1) })
      .passthrough()
  })
  .strict()

/** A Cycle hub: `url` is the base the /v1/… paths hang off (https://api.cycle.io by default). */
const CycleConfig = z
  .object({
    kind: z.literal('cycle'),
    name,
    url: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'a Cycle url starts with https:// or http://')
      .default('https://api.cycle.io'),
    apiKey: z.string().min(1),
    hubId: z.string().regex(/^[0-9a-f]{24}$/, 'a hub id is 24 hexadecimal characters')
  })
  .strict()

export const BerthConfig = z
  .object({
    accounts: z
      .array(z.union([TokenAccount, ServiceAccount, CycleConfig]))
      .max(MAX_CONFIG_ACCOUNTS)
      .refine(
        (a) => new Set(a.map((x) => x.name)).size === a.length,
        'account names must be unique'
      )
  })
  .strict()
export type BerthConfig = z.infer<typeof BerthConfig>
export type AccountConfig = BerthConfig['accounts'][number]
type QboConfig = z.infer<typeof TokenAccount> | z.infer<typeof ServiceAccount>

export class ConfigError extends StartupError {}

export function specFromConfig(account: QboConfig, origin?: AccountSpec['origin']): QboAccountSpec
export function specFromConfig(account: AccountConfig, origin?: AccountSpec['origin']): AccountSpec
export function specFromConfig(
  account: AccountConfig,
  origin: AccountSpec['origin'] = 'config'
): AccountSpec {
  if (account.kind === 'cycle')
    return { ...account, id: accountIdFor('cycle', account.name), origin }
  return {
    id: accountIdFor('qbo', account.name),
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

export function readConfig(file: string): AccountSpec[] {
  let json: unknown
  try {
    const size = statSync(file).size
    if (size > MAX_CONFIG_BYTES) {
      throw new Error(`it is ${size} bytes; a Berth config is at most ${MAX_CONFIG_BYTES} bytes`)
    }
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError(`Cannot read ${file}: ${(error as Error).message}`)
  }
  // Counted before anything else is checked, so a huge list fails at once.
  const listed = (json as { accounts?: unknown } | null)?.accounts
  if (Array.isArray(listed) && listed.length > MAX_CONFIG_ACCOUNTS) {
    throw new ConfigError(
      `${file} lists ${listed.length} accounts; Berth takes at most ${MAX_CONFIG_ACCOUNTS} in a config file: list only the accounts this Berth should watch.`
    )
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
