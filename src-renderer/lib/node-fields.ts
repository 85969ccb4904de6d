import { naturalCompare } from './natural-order'

/** A field of a node as the server sent it, in words a person reads. */
export interface NodeField {
  key: string
  label: string
  text: string
  /** Ids, names and addresses: things pasted elsewhere. */
  copyable: boolean
}

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

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)

/** Every field of `raw`, documented ones first, the rest by name. */
export function nodeFields(raw: Readonly<Record<string, unknown>>): NodeField[] {
  const known = new Map(KNOWN)
  const keys = [
    ...KNOWN.map(([key]) => key).filter((key) => Object.hasOwn(raw, key)),
    ...Object.keys(raw)
      .filter((key) => !known.has(key))
      .sort(naturalCompare)
  ]
  return keys.map((key) => {
    const text = asText(raw[key])
    return {
      key,
      label: known.get(key) ?? key,
      text,
      copyable: text !== '' && !NOT_COPIED.has(key)
    }
  })
}
