import { z } from 'zod'
import { EntityId, INPUT_LIMITS, NameFilter } from './inputs'

export const MAX_PAGE = 500

/** Paging, search and sort always run in the agent's SQL, never over arrays in the renderer. */
function listQuery<S extends readonly [string, ...string[]]>(sortFields: S) {
  return z
    .object({
      accountId: EntityId.optional(),
      search: z.string().max(200).optional(),
      sort: z.object({ field: z.enum(sortFields), dir: z.enum(['asc', 'desc']) }).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(MAX_PAGE).default(100)
    })
    .strict()
}

export const NodeSortField = ['name', 'cluster', 'state', 'address', 'image'] as const
export type NodeSortField = (typeof NodeSortField)[number]
export const NodeQuery = listQuery(NodeSortField)
  .extend({ cluster: NameFilter.optional() })
  .strict()
export type NodeQuery = z.input<typeof NodeQuery>

export const ImageSortField = ['name', 'registry', 'user', 'image', 'tag'] as const
export type ImageSortField = (typeof ImageSortField)[number]
export const ImageQuery = listQuery(ImageSortField)
export type ImageQuery = z.input<typeof ImageQuery>

export const NetworkSortField = ['name', 'subnet', 'state', 'nodeCount'] as const
export type NetworkSortField = (typeof NetworkSortField)[number]
export const NetworkQuery = listQuery(NetworkSortField)
export type NetworkQuery = z.input<typeof NetworkQuery>

export const ClusterSortField = ['name', 'state', 'address', 'nodeCount'] as const
export type ClusterSortField = (typeof ClusterSortField)[number]
export const ClusterQuery = listQuery(ClusterSortField)
export type ClusterQuery = z.input<typeof ClusterQuery>

const inCluster = { cluster: NameFilter.optional() }

export const PodSortField = ['name', 'namespace', 'status', 'node', 'cluster'] as const
export type PodSortField = (typeof PodSortField)[number]
export const PodQuery = listQuery(PodSortField).extend(inCluster).strict()
export type PodQuery = z.input<typeof PodQuery>

export const ServiceSortField = ['name', 'namespace', 'type', 'cluster'] as const
export type ServiceSortField = (typeof ServiceSortField)[number]
export const ServiceQuery = listQuery(ServiceSortField).extend(inCluster).strict()
export type ServiceQuery = z.input<typeof ServiceQuery>

export const LoadBalancerSortField = ['vip', 'rip', 'state', 'node', 'cluster'] as const
export type LoadBalancerSortField = (typeof LoadBalancerSortField)[number]
export const LoadBalancerQuery = listQuery(LoadBalancerSortField).extend(inCluster).strict()
export type LoadBalancerQuery = z.input<typeof LoadBalancerQuery>

export const CycleImageSortField = ['name', 'state', 'size', 'createdAt', 'containers'] as const
export type CycleImageSortField = (typeof CycleImageSortField)[number]
export const CycleImageQuery = listQuery(CycleImageSortField)
  .extend({
    sourceId: z.string().max(INPUT_LIMITS.id).optional(),
    /** Cycle's state word, or FAILED_IMAGE_STATE for the images Berth reads as failed. */
    state: NameFilter.optional()
  })
  .strict()
export type CycleImageQuery = z.input<typeof CycleImageQuery>

export const CycleSourceSortField = ['name', 'type', 'state', 'images'] as const
export type CycleSourceSortField = (typeof CycleSourceSortField)[number]
export const CycleSourceQuery = listQuery(CycleSourceSortField)
  // The API has no origin filter on sources: the agent answers it from the cache.
  .extend({ origin: NameFilter.optional() })
  .strict()
export type CycleSourceQuery = z.input<typeof CycleSourceQuery>

export const CycleJobSortField = ['queuedAt', 'caption', 'state'] as const
export type CycleJobSortField = (typeof CycleJobSortField)[number]
export const CycleJobQuery = listQuery(CycleJobSortField)
  .extend({ state: NameFilter.optional() })
  .strict()
export type CycleJobQuery = z.input<typeof CycleJobQuery>

export const JobQuery = z
  .object({
    accountId: EntityId.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(MAX_PAGE).default(100)
  })
  .strict()
export type JobQuery = z.input<typeof JobQuery>

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    offset: z.number().int(),
    /** Oldest confirmation time among the accounts the page draws from; null if never synced. */
    asOf: z.number().nullable()
  })
}
export type Page<T> = { items: T[]; total: number; offset: number; asOf: number | null }
