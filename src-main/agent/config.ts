import { readFileSync } from 'node:fs'
import { z } from 'zod'

const QboAccountConfig = z
  .object({
    kind: z.literal('qbo'),
    name: z.string().trim().min(1).max(64),
    url: z
      .string()
      .url()
      .refine((u) => /^wss?:\/\//.test(u), 'a qbo url starts with ws:// or wss://'),
    token: z.string().min(1),
    aux: z.string().optional(),
    protocol: z.string().optional()
  })
  .strict()

export const BerthConfig = z
  .object({
    accounts: z
      .array(QboAccountConfig)
      .refine(
        (a) => new Set(a.map((x) => x.name)).size === a.length,
        'account names must be unique'
      )
  })
  .strict()
export type BerthConfig = z.infer<typeof BerthConfig>
export type AccountConfig = BerthConfig['accounts'][number]

/** Stable across runs, so a restarted agent finds the account's cache again. */
export const accountId = (account: Pick<AccountConfig, 'kind' | 'name'>): string =>
  `${account.kind}:${account.name}`

export class ConfigError extends Error {}

export function readConfig(file: string): BerthConfig {
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
  return parsed.data
}
