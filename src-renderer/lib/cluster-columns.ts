import type { LoadBalancerRow, NodeRow, PodRow, ServiceRow } from '@contract'
import type { Column } from './columns'
import { loadBalancerTone, podTone } from './state-tone'
import type { SortFieldOf } from './stores/resource-list.svelte'

/** Columns of a cluster's tabs. The cluster itself is implied, so no column names it. */

export const NODE_COLUMNS: Column<NodeRow, SortFieldOf<'nodes.list'>>[] = [
  { id: 'name', label: 'Name', value: (n) => n.name, sortField: 'name' },
  { id: 'state', label: 'State', value: (n) => n.state, sortField: 'state', kind: 'badge' },
  { id: 'address', label: 'Address', value: (n) => n.address, sortField: 'address', kind: 'mono' },
  { id: 'image', label: 'Image', value: (n) => n.image, sortField: 'image' },
  { id: 'kernel', label: 'Kernel', value: (n) => n.kernel, kind: 'mono' }
]

export const POD_COLUMNS: Column<PodRow, SortFieldOf<'pods.list'>>[] = [
  { id: 'name', label: 'Name', value: (p) => p.name, sortField: 'name' },
  { id: 'namespace', label: 'Namespace', value: (p) => p.namespace, sortField: 'namespace' },
  {
    id: 'status',
    label: 'Status',
    value: (p) => p.status,
    sortField: 'status',
    kind: 'badge',
    tone: podTone
  },
  { id: 'ready', label: 'Ready', value: (p) => p.ready, kind: 'number' },
  { id: 'node', label: 'Node', value: (p) => p.node, sortField: 'node' },
  { id: 'address', label: 'Address', value: (p) => p.address, kind: 'mono' },
  {
    id: 'started',
    label: 'Started',
    value: (p) => p.started,
    kind: 'time'
  }
]

const port = (s: ServiceRow): string =>
  [s.portName, s.portNumber && `${s.portNumber}→${s.targetPort || s.portNumber}`]
    .filter(Boolean)
    .join(' ') + (s.protocol ? `/${s.protocol}` : '')

export const SERVICE_COLUMNS: Column<ServiceRow, SortFieldOf<'services.list'>>[] = [
  { id: 'name', label: 'Name', value: (s) => s.name, sortField: 'name' },
  { id: 'namespace', label: 'Namespace', value: (s) => s.namespace, sortField: 'namespace' },
  { id: 'type', label: 'Type', value: (s) => s.type, sortField: 'type' },
  { id: 'address', label: 'Cluster IP', value: (s) => s.address, kind: 'mono' },
  { id: 'external', label: 'External IP', value: (s) => s.externalAddress, kind: 'mono' },
  { id: 'port', label: 'Port', value: port, kind: 'mono' },
  { id: 'nodePort', label: 'Node port', value: (s) => s.nodePort, kind: 'mono' }
]

const hostPort = (host: string, p: string): string => (p ? `${host}:${p}` : host)

export const LOAD_BALANCER_COLUMNS: Column<LoadBalancerRow, SortFieldOf<'loadBalancers.list'>>[] = [
  {
    id: 'vip',
    label: 'Virtual address',
    value: (l) => hostPort(l.vip, l.vipPort),
    sortField: 'vip',
    kind: 'mono'
  },
  {
    id: 'rip',
    label: 'Real server',
    value: (l) => hostPort(l.rip, l.ripPort),
    sortField: 'rip',
    kind: 'mono'
  },
  { id: 'protocol', label: 'Protocol', value: (l) => l.protocol },
  { id: 'scheduler', label: 'Scheduler', value: (l) => l.scheduler },
  { id: 'forward', label: 'Forward', value: (l) => l.forward },
  { id: 'weight', label: 'Weight', value: (l) => l.weight, kind: 'number' },
  {
    id: 'state',
    label: 'State',
    value: (l) => l.state,
    sortField: 'state',
    kind: 'badge',
    tone: loadBalancerTone
  },
  { id: 'node', label: 'Node', value: (l) => l.node, sortField: 'node' }
]
