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

export const ClusterRow = z.object({
  ...cached,
  name: z.string(),
  id: z.string(),
  address: z.string(),
  controlPlane: z.string(),
  state: z.string(),
  /** Nodes cached for this cluster, and how many of them are ready. */
  nodeCount: z.number(),
  readyCount: z.number()
})
export type ClusterRow = z.infer<typeof ClusterRow>

export const PodRow = z.object({
  ...cached,
  name: z.string(),
  id: z.string(),
  namespace: z.string(),
  address: z.string(),
  status: z.string(),
  ready: z.string(),
  started: z.string(),
  node: z.string(),
  cluster: z.string()
})
export type PodRow = z.infer<typeof PodRow>

export const ServiceRow = z.object({
  ...cached,
  name: z.string(),
  id: z.string(),
  namespace: z.string(),
  address: z.string(),
  externalAddress: z.string(),
  type: z.string(),
  portName: z.string(),
  portNumber: z.string(),
  targetPort: z.string(),
  nodePort: z.string(),
  protocol: z.string(),
  cluster: z.string()
})
export type ServiceRow = z.infer<typeof ServiceRow>

/** qbo's `ipvs` entries: one virtual → real server mapping of a load balancer. */
export const LoadBalancerRow = z.object({
  ...cached,
  id: z.string(),
  vip: z.string(),
  vipPort: z.string(),
  rip: z.string(),
  ripPort: z.string(),
  protocol: z.string(),
  scheduler: z.string(),
  forward: z.string(),
  weight: z.string(),
  state: z.string(),
  node: z.string(),
  cluster: z.string()
})
export type LoadBalancerRow = z.infer<typeof LoadBalancerRow>

export const ClusterAction = z.enum(['add', 'start', 'stop', 'delete'])
export type ClusterAction = z.infer<typeof ClusterAction>

/**
 * A user action's life: queued (durable, not yet sent) → running (sent, being followed) →
 * succeeded | failed; `unknown` when a connection was lost after sending and the outcome could
 * not be established.
 */
export const JobState = z.enum(['queued', 'running', 'succeeded', 'failed', 'unknown'])
export type JobState = z.infer<typeof JobState>

export const JobView = z.object({
  id: z.string(),
  accountId: z.string(),
  action: ClusterAction,
  cluster: z.string(),
  title: z.string(),
  state: JobState,
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** In plain words, when failed or unknown. */
  error: z.string().nullable(),
  logLines: z.number()
})
export type JobView = z.infer<typeof JobView>

export const JobLogLine = z.object({ seq: z.number(), at: z.number(), text: z.string() })
export type JobLogLine = z.infer<typeof JobLogLine>

export const ConnectionReport = z.object({
  version: z.string(),
  user: z.string(),
  host: z.string()
})
export type ConnectionReport = z.infer<typeof ConnectionReport>
