import { z } from 'zod'

/**
 * Names reach the qbo command line, so they are checked, never quoted or escaped: letters, digits,
 * dot, dash and underscore, starting with a letter or digit (so never a flag), at most 64.
 */
export const QboName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'use 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit'
  )

/** An image reference such as hub.docker.com/kindest/node:v1.27.2 — no spaces, quotes or flags. */
export const QboImageRef = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,255}$/,
    'an image looks like hub.docker.com/kindest/node:v1.27.2'
  )

export const AccountName = z.string().trim().min(1).max(64)

const Host = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/,
    'a host name or IP address, without scheme or port'
  )

/** A qbo account typed in by hand: where it listens and a temporary web token. */
export const ManualQboAccount = z
  .object({
    kind: z.literal('qbo'),
    name: AccountName,
    host: Host,
    port: z.number().int().min(1).max(65535),
    tls: z.boolean(),
    token: z.string().trim().min(1).max(4096)
  })
  .strict()

/** A qbo account imported from the CLI's ~/.qbo/cli.json (temporary token or service account). */
export const ImportedQboAccount = z
  .object({
    kind: z.literal('qbo-import'),
    name: AccountName,
    /** The file's text, as the user picked it. */
    file: z.string().min(2).max(65_536),
    /** Defaults to TLS on port 443, plain WebSocket otherwise (qbo CE listens on 9601). */
    tls: z.boolean().optional()
  })
  .strict()

/** A Cycle hub: the API base (custom cores and the sandbox override the default), a key and a hub. */
export const CycleAccount = z
  .object({
    kind: z.literal('cycle'),
    name: AccountName,
    url: z
      .string()
      .trim()
      .url()
      .refine(
        (u) => /^https?:\/\//.test(u),
        'the API address starts with https:// (or http:// for a local core)'
      )
      .default('https://api.cycle.io'),
    apiKey: z.string().trim().min(1).max(4096),
    hubId: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{24}$/, 'a hub id is 24 hexadecimal characters')
  })
  .strict()

export const NewAccount = z.discriminatedUnion('kind', [
  ManualQboAccount,
  ImportedQboAccount,
  CycleAccount
])
export type NewAccount = z.infer<typeof NewAccount>
