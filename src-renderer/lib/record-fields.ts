import type { RecordDetail } from '@contract'
import { naturalCompare } from './natural-order'

export type RecordKind = RecordDetail['kind']

/** A field of a cached row as the server sent it, in words a person reads. */
export interface RecordField {
  key: string
  label: string
  text: string
  /** Ids, names and addresses: things pasted elsewhere. */
  copyable: boolean
}

// The fields a person looks for first, in that order; any other field the server sent still
// shows, after these, under its own name.
const KNOWN: ReadonlyArray<readonly [string, string]> = [
  ['name', 'Name'],
  ['id', 'ID'],
  ['state', 'State'],
  ['status', 'Status'],
  ['namespace', 'Namespace'],
  ['cluster', 'Cluster'],
  ['cluster_id', 'Cluster ID'],
  ['address', 'Address'],
  ['subnet', 'Subnet'],
  ['node', 'Node']
]
const NOT_COPIED = new Set(['state', 'status', 'ready'])

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/**
 * Every field of `values` in words: the `known` ones first, in their order and under their
 * labels, the rest by name; copyable unless empty or in `notCopied`.
 */
export function labelledFields(
  values: Readonly<Record<string, unknown>>,
  known: ReadonlyArray<readonly [string, string]>,
  notCopied: ReadonlySet<string>
): RecordField[] {
  const labels = new Map(known)
  const keys = [
    ...known.map(([key]) => key).filter((key) => Object.hasOwn(values, key)),
    ...Object.keys(values)
      .filter((key) => !labels.has(key))
      .sort(naturalCompare)
  ]
  return keys.map((key) => {
    const text = asText(values[key])
    return {
      key,
      label: labels.get(key) ?? key,
      text,
      copyable: text !== '' && !notCopied.has(key)
    }
  })
}

/**
 * Every field of `raw`, the known ones first, the rest by name; then the row's own columns the
 * raw object lacks (a field the cache worked out, such as a network's owner).
 */
export function recordFields(
  raw: Readonly<Record<string, unknown>>,
  row: Readonly<Record<string, unknown>> = {}
): RecordField[] {
  const merged: Record<string, unknown> = { ...raw }
  for (const [key, value] of Object.entries(row)) {
    if (!Object.hasOwn(raw, key) && !Object.hasOwn(raw, snake(key))) merged[key] = value
  }
  return labelledFields(merged, KNOWN, NOT_COPIED)
}

/** What a list row carries that names it: every kind's rows have these, or some of them. */
interface RowIds {
  id?: string
  name?: string
  namespace?: string
  cluster?: string
  portName?: string
  portNumber?: string
  vip?: string
  vipPort?: string
  rip?: string
  ripPort?: string
}

/** The key the cache stores a row of `kind` under, as the agent's mapping builds it. */
export function recordKey(kind: RecordKind, row: RowIds): string {
  const { id = '', name = '', namespace = '', cluster = '' } = row
  switch (kind) {
    case 'pods':
      return `${cluster}/${namespace}/${name}`
    case 'services':
      return `${cluster}/${namespace}/${name}/${row.portName ?? ''}/${row.portNumber ?? ''}`
    case 'loadBalancers':
      return (
        id ||
        `${cluster}/${row.vip ?? ''}:${row.vipPort ?? ''}/${row.rip ?? ''}:${row.ripPort ?? ''}`
      )
    case 'cycleImages':
    case 'cycleSources':
    case 'cycleJobs':
      return id
    default:
      return name
  }
}

/** One row of a kind, as a person calls it: "pod", "load balancer entry". */
export const RECORD_NOUN: Readonly<Record<RecordKind, string>> = {
  nodes: 'node',
  images: 'image',
  networks: 'network',
  clusters: 'cluster',
  pods: 'pod',
  services: 'service',
  loadBalancers: 'load balancer entry',
  cycleImages: 'Cycle image',
  cycleSources: 'image source',
  cycleJobs: 'hub job'
}
