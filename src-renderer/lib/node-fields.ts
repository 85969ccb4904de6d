import { labelledFields, type RecordField } from './record-fields'

/** A field of a node as the server sent it, in words a person reads. */
export type NodeField = RecordField

// The fields qbo documents for a node, in the order a person looks for them. A field a server
// adds that is not here still shows, after these, under its own name.
const KNOWN: ReadonlyArray<readonly [string, string]> = [
  ['name', 'Name'],
  ['id', 'ID'],
  ['state', 'State'],
  ['cluster', 'Cluster'],
  ['cluster_id', 'Cluster ID'],
  ['address', 'Address'],
  ['image', 'Image'],
  ['os', 'OS'],
  ['kernel', 'Kernel'],
  ['user', 'User']
]
const NOT_COPIED = new Set(['state'])

/** Every field of `raw`, the ones qbo documents first, the rest by name. */
export function nodeFields(raw: Readonly<Record<string, unknown>>): NodeField[] {
  return labelledFields(raw, KNOWN, NOT_COPIED)
}
