import { z } from 'zod'
import {
  AccountView,
  ClusterRow,
  ClusterSummary,
  ConnectionReport,
  BuildLogView,
  CycleImageDetail,
  CycleImageRow,
  CycleJobRow,
  CycleSourceRow,
  ImageRow,
  LoadBalancerRow,
  NetworkRow,
  NodeDetail,
  NodeRow,
  PodRow,
  ServiceRow
} from './records'
import { JobLogLine, JobView, QueuedJob } from './jobs'
import { RecordDetail } from './record-detail'
import {
  ClusterQuery,
  CycleImageQuery,
  CycleJobQuery,
  CycleSourceQuery,
  ImageQuery,
  JobQuery,
  LoadBalancerQuery,
  NetworkQuery,
  NodeQuery,
  PodQuery,
  ServiceQuery,
  pageOf
} from './queries'
import {
  BuildArgs,
  BuildOverride,
  EntityId,
  idList,
  NameFilter,
  NewAccount,
  QboImageRef,
  QboName
} from './inputs'
import { NewSourceOrigin, SourceName } from './source-input'
import { NotificationList, NotificationView, ViewTarget } from './notifications'
import { AppInfo, Settings, SettingsPatch } from './settings'
import { Overview, OverviewQuery } from './overview'

export * from './result'
export * from './records'
export * from './jobs'
export * from './record-detail'
export * from './queries'
export * from './inputs'
export * from './source-input'
export * from './settings'
export * from './notifications'
export * from './node-ready'
export * from './cycle-image-look'
export * from './overview'

const none = z.object({}).strict().default({})
const accountRef = z.object({ accountId: EntityId }).strict()
const clusterRef = z.object({ accountId: EntityId, cluster: QboName }).strict()

/**
 * Every method the renderer may call. The shell's IPC router and the headless bridge both serve
 * exactly this map; inputs are validated against `input` at the boundary.
 */
export const methods = {
  'accounts.list': { input: none, output: z.array(AccountView) },
  /** Reconnect now: resets backoff (also after an authentication failure) and resyncs. */
  'accounts.reconnect': { input: accountRef, output: z.null() },
  /** Refresh now (one account or all); resolves when the refresh has ended. */
  'accounts.refresh': {
    input: z.object({ accountId: EntityId.optional() }).strict().default({}),
    output: z.null()
  },
  'nodes.list': { input: NodeQuery, output: pageOf(NodeRow) },
  /** One node with every field the server sent, from the cache (answers offline too). */
  'nodes.get': {
    // Only looked up in the cache, never sent to a server: any name the server gave is fine.
    input: z.object({ accountId: EntityId, name: NameFilter.min(1) }).strict(),
    output: NodeDetail
  },
  /**
   * One row of any kind with every field the server sent, from the cache (answers offline too).
   * `key` is what the cache keys that kind by: the name, or pods' cluster/namespace/name etc.
   */
  'records.get': {
    input: z
      .object({ kind: RecordDetail.shape.kind, accountId: EntityId, key: NameFilter.min(1) })
      .strict(),
    output: RecordDetail
  },
  'nodes.clusters': {
    input: z.object({ accountId: EntityId.optional() }).strict().default({}),
    output: z.array(ClusterSummary)
  },
  /** The start view's figures per account: counts by state, source and outcome, from the cache. */
  'overview.get': { input: OverviewQuery, output: Overview },
  'images.list': { input: ImageQuery, output: pageOf(ImageRow) },
  'networks.list': { input: NetworkQuery, output: pageOf(NetworkRow) },

  /** Saves a new account (its secret stays in the main process) and connects it. */
  'accounts.add': { input: NewAccount, output: AccountView },
  /** Connects once without saving and reports what answered. */
  'accounts.test': {
    input: z.union([NewAccount, accountRef]),
    output: ConnectionReport
  },
  'accounts.remove': { input: accountRef, output: z.null() },

  'clusters.list': { input: ClusterQuery, output: pageOf(ClusterRow) },
  'clusters.get': {
    input: clusterRef,
    output: z.object({ cluster: ClusterRow, network: NetworkRow.nullable() })
  },
  'pods.list': { input: PodQuery, output: pageOf(PodRow) },
  'services.list': { input: ServiceQuery, output: pageOf(ServiceRow) },
  'loadBalancers.list': { input: LoadBalancerQuery, output: pageOf(LoadBalancerRow) },
  /** Asks the server (`get cluster NAME -k`); needs the account online. */
  'clusters.kubeconfig': { input: clusterRef, output: z.object({ kubeconfig: z.string() }) },

  /** Cluster actions are jobs: queued durably, sent when online, followed to the end. */
  'clusters.add': {
    input: z
      .object({
        accountId: EntityId,
        name: QboName,
        image: QboImageRef.optional(),
        nodes: z.number().int().min(1).max(50).optional()
      })
      .strict(),
    output: QueuedJob
  },
  'clusters.act': {
    input: clusterRef.extend({ action: z.enum(['start', 'stop', 'delete']) }).strict(),
    output: QueuedJob
  },
  'cycleImages.list': { input: CycleImageQuery, output: pageOf(CycleImageRow) },
  'cycleImages.get': {
    input: z.object({ accountId: EntityId, imageId: EntityId }).strict(),
    output: CycleImageDetail
  },
  /** The cached build log; `refresh` asks the server first when the account is online. */
  'cycleImages.buildLog': {
    input: z
      .object({
        accountId: EntityId,
        imageId: EntityId,
        refresh: z.boolean().default(true)
      })
      .strict(),
    output: BuildLogView
  },
  'cycleSources.list': { input: CycleSourceQuery, output: pageOf(CycleSourceRow) },
  'cycleJobs.list': { input: CycleJobQuery, output: pageOf(CycleJobRow) },
  /** Creates an image source (a public image on Docker Hub or a registry); needs `images-sources-manage`. */
  'cycleSources.create': {
    input: z.object({ accountId: EntityId, name: SourceName, origin: NewSourceOrigin }).strict(),
    output: QueuedJob
  },
  'cycleImages.build': {
    input: z
      .object({
        accountId: EntityId,
        sourceId: EntityId,
        name: z.string().trim().min(1).max(256).optional(),
        buildArgs: BuildArgs.optional(),
        override: BuildOverride.optional(),
        useDisk: z.boolean().optional()
      })
      .strict(),
    output: QueuedJob
  },
  /** Imports an existing image again (one left in `new`, or a re-import); needs `images-import`. */
  'cycleImages.import': {
    input: z.object({ accountId: EntityId, imageId: EntityId }).strict(),
    output: QueuedJob
  },
  'cycleImages.prune': {
    input: z.object({ accountId: EntityId, sourceIds: idList(EntityId).min(1) }).strict(),
    output: QueuedJob
  },
  'cycleImages.rename': {
    input: z
      .object({
        accountId: EntityId,
        imageId: EntityId,
        name: z.string().trim().min(1).max(256)
      })
      .strict(),
    output: QueuedJob
  },
  'cycleImages.delete': {
    input: z.object({ accountId: EntityId, imageId: EntityId }).strict(),
    output: QueuedJob
  },
  'jobs.list': { input: JobQuery, output: pageOf(JobView) },
  /** Withdraws a job that has not been sent yet. */
  'jobs.cancel': { input: z.object({ jobId: EntityId }).strict(), output: JobView },
  /** Queues a failed, unknown or cancelled job again, as a new job (the old one stays as history). */
  'jobs.retry': { input: z.object({ jobId: EntityId }).strict(), output: QueuedJob },
  /** Removes a damaged or ended job and its log; every window hears a `jobs` event. */
  'jobs.discard': { input: z.object({ jobId: EntityId }).strict(), output: z.null() },
  'jobs.log': {
    input: z.object({ jobId: EntityId, afterSeq: z.number().int().min(0).default(0) }).strict(),
    output: z.array(JobLogLine)
  },

  'settings.get': { input: none, output: Settings },
  /** Changes some settings and returns them all; every window hears a `settings` event. */
  'settings.update': { input: SettingsPatch, output: Settings },
  'app.info': { input: none, output: AppInfo },
  /**
   * Empties the cache of server data and refreshes every account. Accounts and queued actions
   * live in the state file and are never touched.
   */
  'cache.clear': { input: none, output: z.null() },
  /** The notification history, newest first. */
  'notifications.list': {
    input: z
      .object({ limit: z.number().int().min(1).max(1000).default(200) })
      .strict()
      .default({ limit: 200 }),
    output: NotificationList
  },
  /** Marks some entries read, or all of them when `ids` is left out. */
  'notifications.markRead': {
    input: z
      .object({ ids: idList(z.number().int()).optional() })
      .strict()
      .default({}),
    output: z.null()
  },
  'notifications.clear': { input: none, output: z.null() }
} as const

export type Methods = typeof methods
export type MethodName = keyof Methods
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>

export const ResourceKind = z.enum([
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
export type ResourceKind = z.infer<typeof ResourceKind>

/** Everything the agent pushes to the renderer. */
export const AgentEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('account'), account: AccountView }),
  z.object({ type: z.literal('changed'), accountId: z.string(), kind: ResourceKind }),
  /**
   * An account was added or removed: re-read the account list. `removed` names the accounts that
   * left, with every row, job and count of theirs: lists drop them at once rather than after a
   * re-query. Optional so that older senders still parse.
   */
  z.object({ type: z.literal('accounts'), removed: z.array(z.string()).optional() }),
  z.object({ type: z.literal('job'), job: JobView }),
  z.object({ type: z.literal('job-log'), jobId: z.string(), lines: z.array(JobLogLine) }),
  /** A job was discarded: re-read the job list. */
  z.object({ type: z.literal('jobs') }),
  z.object({ type: z.literal('settings'), settings: Settings }),
  /** A new history entry; `toast` says whether the desktop shows it (settings and pause allowing). */
  z.object({ type: z.literal('notification'), notification: NotificationView, toast: z.boolean() }),
  /** Entries were read or cleared: re-read the history. */
  z.object({ type: z.literal('notifications'), unread: z.number() }),
  /** The shell asks the window to show a place (a clicked notification or tray item). */
  z.object({ type: z.literal('navigate'), target: ViewTarget })
])
export type AgentEvent = z.infer<typeof AgentEvent>

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.hasOwn(methods, name)
