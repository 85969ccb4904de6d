import { z } from 'zod'

/**
 * Every string, list and map a request carries has a ceiling, so a pasted novel or a runaway
 * page gets a clear invalid-request answer instead of being stored, sent on or choked on.
 */
export const INPUT_LIMITS = {
  /** An id of an account, job, image or source (ours are UUIDs, Cycle's 24 hex digits). */
  id: 256,
  /** A DNS name: 253 characters at most. */
  name: 253,
  url: 2048,
  buildArgs: 100,
  buildArgKey: 256,
  /** 64 KiB: room for a certificate or a small config file passed as an argument. */
  buildArgValue: 65_536,
  idList: 1000,
  /** An image reference with its tag (registry/repo:tag or @digest). */
  imageTarget: 512
} as const

/** An id the renderer got from the agent and hands back. */
export const EntityId = z.string().min(1).max(INPUT_LIMITS.id)

/** Ids to act on at once (images to prune, notifications to mark read). */
export const idList = <T extends z.ZodType>(item: T) =>
  z.array(item).max(INPUT_LIMITS.idList, `at most ${INPUT_LIMITS.idList} at once`)

/** A free-text name the agent matches against (a cluster, an image state), never sent on raw. */
export const NameFilter = z.string().max(INPUT_LIMITS.name)

/** Docker build arguments: shell-variable names, values of at most 64 KiB, at most 100 of them. */
export const BuildArgs = z
  .record(
    z
      .string()
      .max(
        INPUT_LIMITS.buildArgKey,
        `a build argument name is at most ${INPUT_LIMITS.buildArgKey} characters`
      )
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
    z.string().max(INPUT_LIMITS.buildArgValue, 'a build argument value is at most 64 KiB')
  )
  .refine(
    (args) => Object.keys(args).length <= INPUT_LIMITS.buildArgs,
    `at most ${INPUT_LIMITS.buildArgs} build arguments`
  )

/**
 * A build's one-off replacement of what its source fetches (Cycle's `override`): another image
 * and tag for a docker-hub or registry source, or a .tar.gz of a repository with a Dockerfile for
 * a docker-file source. The hub decides which fits the source; the shapes are checked here.
 */
export const BuildOverride = z
  .object({
    target: z
      .string()
      .trim()
      .min(1)
      .max(INPUT_LIMITS.imageTarget, `a target is at most ${INPUT_LIMITS.imageTarget} characters`)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/, 'a target looks like library/nginx:1.27')
      .optional(),
    targz_url: z
      .string()
      .trim()
      .max(INPUT_LIMITS.url, `the tarball address is at most ${INPUT_LIMITS.url} characters`)
      .url('the tarball address is a URL')
      .refine((u) => /^https?:\/\//.test(u), 'the tarball address starts with https://')
      .optional()
  })
  .strict()
export type BuildOverride = z.infer<typeof BuildOverride>

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
  .max(INPUT_LIMITS.name, `a host name is at most ${INPUT_LIMITS.name} characters`)
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
      .max(INPUT_LIMITS.url, `the API address is at most ${INPUT_LIMITS.url} characters`)
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
