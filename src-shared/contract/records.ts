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
    retryAt: z.number().nullable(),
    /**
     * The stored credential cannot be opened (the key that sealed it is missing or was
     * replaced): reconnecting cannot help; removing the account and adding it again does.
     */
    needsReentry: z.literal(true).optional()
  })
])
export type AccountStatus = z.infer<typeof AccountStatus>
export type AccountState = AccountStatus['state']

export const PlatformKind = z.enum(['qbo', 'cycle'])
export type PlatformKind = z.infer<typeof PlatformKind>

/**
 * Who and what answered, as the qbo server's last message said it (its envelope): the user the
 * server took the credential for, its host, its version string (`agent`) and when it stamped it.
 */
export const ServerReport = z.object({
  user: z.string().nullable(),
  host: z.string().nullable(),
  agent: z.string().nullable(),
  /** The server's stamp on its last answer, in ms since epoch (qbo stamps in µs). */
  timestamp: z.number().nullable(),
  /** When Berth received that answer (ms since epoch). */
  receivedAt: z.number()
})
export type ServerReport = z.infer<typeof ServerReport>

/**
 * The kinds an account syncs: the same names as index.ts's ResourceKind (which cannot be imported
 * here without a circle); the agent's view assigns ResourceKind values to it, so a kind added
 * there and not here fails to compile.
 */
const SyncedKind = z.enum([
  'nodes',
  'images',
  'networks',
  'clusters',
  'pods',
  'services',
  'loadBalancers',
  'cycleImages',
  'cycleSources',
  'cycleJobs'
])

export const AccountSource = z.enum(['config', 'sandbox', 'user'])
export type AccountSource = z.infer<typeof AccountSource>

export const AccountView = z.object({
  id: z.string(),
  kind: PlatformKind,
  name: z.string(),
  endpoint: z.string(),
  status: AccountStatus,
  /** Last time every resource of the account was confirmed by the server (ms since epoch). */
  lastSyncAt: z.number().nullable(),
  /** The last sync problem that did not take the connection down (e.g. a malformed response). */
  syncError: z.string().nullable(),
  /** What the server said of itself in its last answer (qbo); null until one came, or on Cycle. */
  server: ServerReport.nullable().optional(),
  /**
   * Kinds whose lists this account's server refused (an older or narrower server without the
   * command): left out of refreshes, asked about again now and then. Rows cached earlier are
   * kept as last known; `clusters` rows are built from the nodes instead (state "unknown").
   * The agent always fills it; optional only so that older senders still parse.
   */
  unsupported: z.array(SyncedKind).optional(),
  /**
   * Where the account comes from: the `--config` file (removed only by editing that file), the
   * built-in sandbox, or the user (added in Berth). The agent always fills it; optional only so
   * that older senders still parse (absent: the user's).
   */
  source: AccountSource.optional()
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

/** One node with every field the server sent for it, as it sent them. */
export const NodeDetail = z.object({
  node: NodeRow,
  raw: z.record(z.string(), z.unknown())
})
export type NodeDetail = z.infer<typeof NodeDetail>

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
  /** Who the server says owns it. */
  user: z.string(),
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

export const ConnectionReport = z.object({
  version: z.string(),
  user: z.string(),
  host: z.string()
})
export type ConnectionReport = z.infer<typeof ConnectionReport>

export const CycleImageRow = z.object({
  ...cached,
  id: z.string(),
  name: z.string(),
  state: z.string(),
  /** Bytes. */
  size: z.number(),
  sourceId: z.string(),
  sourceName: z.string(),
  sourceType: z.string(),
  creator: z.string(),
  containers: z.number(),
  createdAt: z.string(),
  error: z.string().nullable()
})
export type CycleImageRow = z.infer<typeof CycleImageRow>

export const CycleSourceRow = z.object({
  ...cached,
  id: z.string(),
  name: z.string(),
  type: z.string(),
  origin: z.string(),
  state: z.string(),
  images: z.number(),
  /** Who created it, by name where the hub said (`include=creators`). */
  creator: z.string().optional()
})
export type CycleSourceRow = z.infer<typeof CycleSourceRow>

export const CycleStep = z.object({
  caption: z.string(),
  description: z.string(),
  started: z.string().nullable(),
  completed: z.string().nullable()
})
export const CycleTaskView = z.object({
  caption: z.string(),
  header: z.string(),
  state: z.string(),
  error: z.string().nullable(),
  steps: z.array(CycleStep),
  /** What the task was asked to do (its `input`), as the hub sent it. */
  input: z.record(z.string(), z.unknown()).optional()
})
export const CycleJobRow = z.object({
  ...cached,
  id: z.string(),
  caption: z.string(),
  queue: z.string(),
  state: z.string(),
  error: z.string().nullable(),
  queuedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** Finished steps over all steps, 0–1 (a task without steps counts as one). */
  progress: z.number(),
  tasks: z.array(CycleTaskView),
  creator: z.string().optional(),
  /** When the job is (or was) to run. */
  schedule: z.string().nullable().optional(),
  /** From the descriptor the hub answered the action with; null when Berth did not start it. */
  accepted: z.boolean().nullable().optional(),
  parallel: z
    .object({ tasks: z.boolean().nullable(), subQueue: z.string().nullable() })
    .nullable()
    .optional()
})
export type CycleJobRow = z.infer<typeof CycleJobRow>

/** What the image document says beyond its list row. */
export const CycleImageFacts = z.object({
  description: z.string().nullable(),
  nvidiaGpu: z.boolean(),
  /** Where the image is stored: provider and file. */
  backend: z.string().nullable(),
  /** The integration that builds it; null for Cycle's own factory. */
  builder: z.string().nullable(),
  creatorKind: z.string().nullable(),
  creatorId: z.string().nullable(),
  originType: z.string().nullable(),
  /** What the image is made of: registry image, repository, tarball (an override wins). */
  originTarget: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  factoryNode: z.string().nullable(),
  stateChanged: z.string().nullable(),
  created: z.string().nullable(),
  updated: z.string().nullable(),
  deleted: z.string().nullable(),
  /** Containers using the image, by their state. */
  containersByState: z.record(z.string(), z.number())
})
export type CycleImageFacts = z.infer<typeof CycleImageFacts>

/** One state the agent saw an image in; `changed` is the hub's time, `seenAt` the agent's. */
export const CycleImageStateEntry = z.object({
  state: z.string(),
  changed: z.string().nullable(),
  seenAt: z.number()
})
export type CycleImageStateEntry = z.infer<typeof CycleImageStateEntry>

/** An image with what its detail view shows beyond the list row. */
export const CycleImageDetail = z.object({
  image: CycleImageRow,
  config: z.record(z.string(), z.unknown()).nullable(),
  buildArgs: z.record(z.string(), z.string()),
  raw: z.unknown(),
  facts: CycleImageFacts.optional(),
  /** Newest first, at most 20. */
  history: z.array(CycleImageStateEntry).optional()
})
export type CycleImageDetail = z.infer<typeof CycleImageDetail>

export const BuildLogView = z.object({
  imageId: z.string(),
  log: z.string(),
  /** When the cached copy was fetched; null if never. */
  fetchedAt: z.number().nullable(),
  /** The log's own events (created, updated, deleted), as the hub sent them. */
  events: z.record(z.string(), z.string()).optional()
})
export type BuildLogView = z.infer<typeof BuildLogView>
