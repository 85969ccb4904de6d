import type {
  ClusterRow,
  CycleImageRow,
  CycleJobRow,
  CycleSourceRow,
  ImageRow,
  LoadBalancerRow,
  NetworkRow,
  NodeRow,
  PodRow,
  ResourceKind,
  ServiceRow
} from '@contract'

type Fresh<T> = Omit<T, 'accountId' | 'confirmedAt'> & { raw: unknown }
type Keyed<T> = Fresh<T> & { key: string }

/** What a provider hands the cache: validated fields plus the raw object the server sent. */
export type NodeRecord = Fresh<NodeRow>
export type ImageRecord = Fresh<ImageRow>
// A network's owner stays in its raw JSON (read from there by the list query).
export type NetworkRecord = Fresh<Omit<NetworkRow, 'nodeCount' | 'user'>>
export type ClusterRecord = Fresh<Omit<ClusterRow, 'nodeCount' | 'readyCount'>>
export type PodRecord = Keyed<PodRow>
export type ServiceRecord = Keyed<ServiceRow>
export type LoadBalancerRecord = Keyed<LoadBalancerRow>
export type CycleImageRecord = Keyed<Omit<CycleImageRow, 'sourceName'>>
export type CycleSourceRecord = Keyed<CycleSourceRow>
/** Tasks travel as JSON text: SQLite has no arrays, and they are only ever read whole. */
export type CycleJobRecord = Keyed<Omit<CycleJobRow, 'tasks'>> & { tasksJson: string }

export interface RecordsByKind {
  nodes: NodeRecord
  images: ImageRecord
  networks: NetworkRecord
  clusters: ClusterRecord
  pods: PodRecord
  services: ServiceRecord
  loadBalancers: LoadBalancerRecord
  cycleImages: CycleImageRecord
  cycleSources: CycleSourceRecord
  cycleJobs: CycleJobRecord
}

export type AnyRecord = RecordsByKind[ResourceKind]

interface TableSpec<R> {
  table: string
  /** The column that, with account_id, identifies a row. */
  key: 'name' | 'key'
  /** Record field → column, in insert order. */
  fields: ReadonlyArray<readonly [keyof R & string, string]>
  /**
   * The few fields that tell a person what a row is and how it is (what a notification says):
   * a write reports them before and after for the rows it changed or removed, so no one has to
   * keep whole sets in memory to see what changed.
   */
  brief?: ReadonlyArray<keyof R & string>
}

const same = <F extends string>(...names: F[]) => names.map((n) => [n, n] as const)

export const tables: { [K in ResourceKind]: TableSpec<RecordsByKind[K]> } = {
  nodes: {
    table: 'nodes',
    key: 'name',
    fields: [
      ...same('name', 'id', 'cluster'),
      ['clusterId', 'cluster_id'],
      ...same('state', 'address', 'image', 'os', 'kernel')
    ],
    brief: ['state', 'cluster']
  },
  images: {
    table: 'images',
    key: 'name',
    fields: same('name', 'registry', 'user', 'repository', 'image', 'tag')
  },
  networks: { table: 'networks', key: 'name', fields: same('name', 'id', 'subnet', 'state') },
  clusters: {
    table: 'clusters',
    key: 'name',
    fields: [...same('name', 'id', 'address'), ['controlPlane', 'control_plane'], ...same('state')],
    brief: ['state']
  },
  pods: {
    table: 'pods',
    key: 'key',
    fields: same(
      'key',
      'name',
      'id',
      'namespace',
      'address',
      'status',
      'ready',
      'started',
      'node',
      'cluster'
    )
  },
  services: {
    table: 'services',
    key: 'key',
    fields: [
      ...same('key', 'name', 'id', 'namespace', 'address'),
      ['externalAddress', 'external_address'],
      ...same('type'),
      ['portName', 'port_name'],
      ['portNumber', 'port_number'],
      ['targetPort', 'target_port'],
      ['nodePort', 'node_port'],
      ...same('protocol', 'cluster')
    ]
  },
  loadBalancers: {
    table: 'load_balancers',
    key: 'key',
    fields: [
      ...same('key', 'id', 'vip'),
      ['vipPort', 'vip_port'],
      ...same('rip'),
      ['ripPort', 'rip_port'],
      ...same('protocol', 'scheduler', 'forward', 'weight', 'state', 'node', 'cluster')
    ]
  },
  cycleImages: {
    table: 'cycle_images',
    key: 'key',
    fields: [
      ...same('key', 'id', 'name', 'state', 'size'),
      ['sourceId', 'source_id'],
      ['sourceType', 'source_type'],
      ...same('creator', 'containers'),
      ['createdAt', 'created_at'],
      ...same('error')
    ],
    brief: ['state', 'name', 'id']
  },
  cycleSources: {
    table: 'cycle_sources',
    key: 'key',
    fields: same('key', 'id', 'name', 'type', 'origin', 'state', 'images')
  },
  cycleJobs: {
    table: 'cycle_jobs',
    key: 'key',
    fields: [
      ...same('key', 'id', 'caption', 'queue', 'state', 'error'),
      ['queuedAt', 'queued_at'],
      ['completedAt', 'completed_at'],
      ...same('progress'),
      ['tasksJson', 'tasks']
    ]
  }
}

/** The identity of a record within its account, as the table's key column holds it. */
export const recordKey = <K extends ResourceKind>(kind: K, record: RecordsByKind[K]): string =>
  String((record as Record<string, unknown>)[tables[kind].key])

export function columnValues<K extends ResourceKind>(kind: K, record: RecordsByKind[K]): unknown[] {
  const fields = tables[kind].fields as ReadonlyArray<readonly [string, string]>
  return fields.map(([field]) => (record as Record<string, unknown>)[field])
}
