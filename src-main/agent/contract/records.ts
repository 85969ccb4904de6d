import { z } from 'zod'

/** What the agent knows about an account's connection. A disconnected account never looks healthy. */
export const AccountStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('connecting'), since: z.number() }),
  z.object({ state: z.literal('online'), since: z.number() }),
  z.object({
    state: z.literal('offline'),
    since: z.number(),
    reason: z.string(),
    retryAt: z.number().nullable()
  }),
  z.object({
    state: z.literal('auth-failed'),
    since: z.number(),
    reason: z.string(),
    retryAt: z.number().nullable()
  })
])
export type AccountStatus = z.infer<typeof AccountStatus>
export type AccountState = AccountStatus['state']

export const PlatformKind = z.enum(['qbo'])
export type PlatformKind = z.infer<typeof PlatformKind>

export const AccountView = z.object({
  id: z.string(),
  kind: PlatformKind,
  name: z.string(),
  endpoint: z.string(),
  status: AccountStatus,
  /** Last time every resource of the account was confirmed by the server (ms since epoch). */
  lastSyncAt: z.number().nullable(),
  /** The last sync problem that did not take the connection down (e.g. a malformed response). */
  syncError: z.string().nullable()
})
export type AccountView = z.infer<typeof AccountView>

const cached = { accountId: z.string(), confirmedAt: z.number() }

export const NodeRow = z.object({
  ...cached,
  name: z.string(),
  id: z.string(),
  cluster: z.string(),
  clusterId: z.string(),
  state: z.string(),
  address: z.string(),
  image: z.string(),
  os: z.string(),
  kernel: z.string()
})
export type NodeRow = z.infer<typeof NodeRow>

export const ImageRow = z.object({
  ...cached,
  name: z.string(),
  registry: z.string(),
  user: z.string(),
  repository: z.string(),
  image: z.string(),
  tag: z.string()
})
export type ImageRow = z.infer<typeof ImageRow>

export const NetworkRow = z.object({
  ...cached,
  name: z.string(),
  id: z.string(),
  subnet: z.string(),
  state: z.string(),
  /** Nodes cached for the cluster this network belongs to (qbo keeps one network per cluster). */
  nodeCount: z.number()
})
export type NetworkRow = z.infer<typeof NetworkRow>

export const ClusterSummary = z.object({
  accountId: z.string(),
  cluster: z.string(),
  nodes: z.number(),
  ready: z.number()
})
export type ClusterSummary = z.infer<typeof ClusterSummary>
