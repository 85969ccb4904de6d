import type {
  AccountView,
  AppInfo,
  ClusterRow,
  ClusterSummary,
  CycleImageRow,
  CycleJobRow,
  CycleSourceRow,
  ImageRow,
  JobView,
  LoadBalancerRow,
  NetworkRow,
  NodeRow,
  NotificationView,
  Page,
  PodRow,
  ServiceRow,
  Settings
} from '@contract'

/** Rows as the agent returns them, with overridable fields. */

export const SYNCED_AT = new Date(2025, 0, 15, 9, 30, 5).getTime()

/** An account the agent cannot reach (the server refused the connection). */
export const OFFLINE: AccountView['status'] = {
  state: 'offline',
  since: 0,
  reason: 'ECONNREFUSED',
  retryAt: null
}

export function account(overrides: Partial<AccountView> = {}): AccountView {
  return {
    id: 'acc-1',
    kind: 'qbo',
    name: 'sandbox',
    endpoint: 'ws://127.0.0.1:7000',
    status: { state: 'online', since: SYNCED_AT },
    lastSyncAt: SYNCED_AT,
    syncError: null,
    ...overrides
  }
}

export function node(i: number, overrides: Partial<NodeRow> = {}): NodeRow {
  return {
    accountId: 'acc-1',
    confirmedAt: SYNCED_AT,
    name: `node-${i}.alpha`,
    id: `n${i}`,
    cluster: 'alpha',
    clusterId: 'c-alpha',
    state: 'ready',
    address: `172.18.0.${i}`,
    image: 'kindest/node:v1.31.0',
    os: 'linux',
    kernel: '6.8.0',
    ...overrides
  }
}

export function image(i: number, overrides: Partial<ImageRow> = {}): ImageRow {
  return {
    accountId: 'acc-1',
    confirmedAt: SYNCED_AT,
    name: `docker.io/library/img${i}:latest`,
    registry: 'docker.io',
    user: 'library',
    repository: `library/img${i}`,
    image: `img${i}`,
    tag: 'latest',
    ...overrides
  }
}

export function network(i: number, overrides: Partial<NetworkRow> = {}): NetworkRow {
  return {
    accountId: 'acc-1',
    confirmedAt: SYNCED_AT,
    name: `net-${i}`,
    id: `net${i}`,
    subnet: `10.${i}.0.0/16`,
    user: 'admin@example.com',
    state: 'running',
    nodeCount: 3,
    ...overrides
  }
}

export function cluster(i: number, overrides: Partial<ClusterRow> = {}): ClusterRow {
  return {
    accountId: 'acc-1',
    confirmedAt: SYNCED_AT,
    name: `cluster-${i}`,
    id: `c${i}`,
    address: `172.18.${i}.2`,
    controlPlane: `https://172.18.${i}.2:6443`,
    state: 'running',
    nodeCount: 3,
    readyCount: 3,
    ...overrides
  }
}

export function job(id: string, overrides: Partial<JobView> = {}): JobView {
  return {
    id,
    accountId: 'acc-1',
    action: 'add',
    target: 'dev',
    title: 'Create cluster dev',
    state: 'queued',
    createdAt: SYNCED_AT,
    startedAt: null,
    finishedAt: null,
    error: null,
    logLines: 0,
    progress: null,
    remoteJobId: null,
    ...overrides
  }
}

/** A stored job the agent cannot read, as it lists it: never run, its error saying why. */
export function damagedJob(id: string, overrides: Partial<JobView> = {}): JobView {
  return job(id, {
    action: null,
    target: 'odd',
    title: 'Create cluster odd',
    state: 'damaged',
    error:
      'its saved arguments are not valid JSON, so it will never run; discard it and ask again if it is still needed',
    ...overrides
  })
}

export function pod(i: number, overrides: Partial<PodRow> = {}): PodRow {
  return {
    accountId: 'acc-1',
    confirmedAt: SYNCED_AT,
    name: `pod-${i}`,
    id: `p${i}`,
    namespace: 'default',
    address: `10.244.0.${i}`,
    status: 'Running',
    ready: '1/1',
    started: '2025-01-15T09:00:00Z',
    node: 'node-1.alpha',
    cluster: 'cluster-1',
    ...overrides
  }
}

export function service(i: number, overrides: Partial<ServiceRow> = {}): ServiceRow {
  return {
    accountId: 'acc-1',
    confirmedAt: SYNCED_AT,
    name: `svc-${i}`,
    id: `s${i}`,
    namespace: 'default',
    address: `10.96.0.${i}`,
    externalAddress: '',
    type: 'ClusterIP',
    portName: 'http',
    portNumber: '80',
    targetPort: '8080',
    nodePort: '',
    protocol: 'TCP',
    cluster: 'cluster-1',
    ...overrides
  }
}

export function loadBalancer(i: number, overrides: Partial<LoadBalancerRow> = {}): LoadBalancerRow {
  return {
    accountId: 'acc-1',
    confirmedAt: SYNCED_AT,
    id: `lb${i}`,
    vip: '172.18.1.100',
    vipPort: '80',
    rip: `10.244.0.${i}`,
    ripPort: '8080',
    protocol: 'TCP',
    scheduler: 'rr',
    forward: 'masq',
    weight: '1',
    state: 'ready',
    node: 'node-1.alpha',
    cluster: 'cluster-1',
    ...overrides
  }
}

export function page<T>(items: T[], total = items.length, offset = 0): Page<T> {
  return { items, total, offset, asOf: SYNCED_AT }
}

export const CLUSTERS: ClusterSummary[] = [
  { accountId: 'acc-1', cluster: 'alpha', nodes: 3, ready: 3 },
  { accountId: 'acc-1', cluster: 'beta', nodes: 2, ready: 1 }
]

/** A Cycle hub account (qbo's fixtures use acc-1). */
export function cycleAccount(overrides: Partial<AccountView> = {}): AccountView {
  return account({
    id: 'hub-1',
    kind: 'cycle',
    name: 'hub',
    endpoint: 'https://api.cycle.io',
    ...overrides
  })
}

/** Local 2025-01-15 at the given time, as the RFC 3339 text Cycle sends. */
export const cycleTime = (h: number, m: number, s = 0, day = 15): string =>
  new Date(2025, 0, day, h, m, s).toISOString()

export function cycleImage(i: number, overrides: Partial<CycleImageRow> = {}): CycleImageRow {
  return {
    accountId: 'hub-1',
    confirmedAt: SYNCED_AT,
    id: `img${i}`.padEnd(24, '0'),
    name: `web-${i}`,
    state: 'live',
    size: 12_300_000 * i,
    sourceId: 'src1',
    sourceName: 'web',
    sourceType: 'direct',
    creator: 'alex@example.com',
    containers: i - 1,
    createdAt: cycleTime(9, i),
    error: null,
    ...overrides
  }
}

export function cycleSource(i: number, overrides: Partial<CycleSourceRow> = {}): CycleSourceRow {
  return {
    accountId: 'hub-1',
    confirmedAt: SYNCED_AT,
    id: `src${i}`,
    name: i === 1 ? 'web' : `source-${i}`,
    type: i === 1 ? 'direct' : 'stack-build',
    origin: `docker-hub:library/app${i}`,
    state: 'live',
    images: i,
    ...overrides
  }
}

type CycleTask = CycleJobRow['tasks'][number]

/** A task with `done` of `total` steps completed (the next one started). */
export function cycleTask(caption: string, done: number, total: number): CycleTask {
  return {
    caption,
    header: `${caption} header`,
    state: done === total ? 'completed' : done > 0 ? 'running' : 'pending',
    error: null,
    steps: Array.from({ length: total }, (_, s) => ({
      caption: `${caption} step ${s + 1}`,
      description: '',
      started: s <= done && s < total ? cycleTime(9, 20, s) : null,
      completed: s < done ? cycleTime(9, 20, s + 1) : null
    }))
  }
}

export function cycleJob(id: string, overrides: Partial<CycleJobRow> = {}): CycleJobRow {
  return {
    accountId: 'hub-1',
    confirmedAt: SYNCED_AT,
    id,
    caption: `Job ${id}`,
    queue: 'images',
    state: 'running',
    error: null,
    queuedAt: cycleTime(9, 20),
    completedAt: null,
    progress: 4 / 6,
    tasks: [cycleTask('import', 3, 3), cycleTask('build', 1, 3)],
    ...overrides
  }
}

/** The settings a fresh installation starts with, with overridable fields. */
export function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    theme: 'system',
    closeToTray: true,
    refreshIntervalSec: 300,
    notifications: {
      paused: false,
      kinds: { job: true, resource: true, account: true, outbox: true }
    },
    columns: {},
    favourites: [],
    ...overrides
  }
}

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: '0.9.0',
    mode: 'desktop',
    dataDir: '/home/alex/.config/Berth',
    logDir: '/home/alex/.config/Berth/logs',
    secrets: 'os-keyring',
    ...overrides
  }
}

/** A history entry, unread, about a finished job. */
export function notification(
  id: number,
  overrides: Partial<NotificationView> = {}
): NotificationView {
  return {
    id,
    at: SYNCED_AT + id * 1000,
    kind: 'job',
    level: 'success',
    title: `Job ${id} finished`,
    body: `Create cluster dev-${id}`,
    count: 1,
    target: { view: 'jobs', jobId: `j${id}` },
    read: false,
    ...overrides
  }
}
