import type { RecordsByKind } from '../../cache/records'
import { ProviderError } from '../errors'
import {
  clusterRecord,
  imageRecord,
  loadBalancerRecord,
  networkRecord,
  nodeRecord,
  podRecord,
  resourceOfPayload,
  serviceRecord
} from './mapping'
import { payload, type QboMessage } from './messages'
import { payloadSchemas, type QboPayloadKind } from './schemas'

type RecordOf<P extends QboPayloadKind> = RecordsByKind[(typeof resourceOfPayload)[P]]

/** Each payload's mapping from a validated item to a cache record. */
const mappers: { [P in QboPayloadKind]: (item: never) => RecordOf<P> } = {
  nodes: nodeRecord,
  images: imageRecord,
  networks: networkRecord,
  clusters: clusterRecord,
  pods: podRecord,
  services: serviceRecord,
  ipvs: loadBalancerRecord
}

/** Validates one payload array of a message and maps it to cache records (throws ProviderError). */
export function recordsOf<P extends QboPayloadKind>(message: QboMessage, kind: P): RecordOf<P>[] {
  return (payload(message, kind) as never[]).map(mappers[kind]) as RecordOf<P>[]
}

/**
 * Validates and maps a slice of a payload array: a large reply is taken a slice at a time, so
 * only one slice's validated copies and records are held at once. Refuses it as `recordsOf`
 * refuses the whole array (same ProviderError), naming the item by `positionOf` its index in the
 * slice: where it was in the reply.
 */
export function recordsOfSlice<P extends QboPayloadKind>(
  kind: P,
  items: unknown,
  positionOf: (index: number) => number = (i) => i
): RecordOf<P>[] {
  const parsed = payloadSchemas[kind].safeParse(items)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const path = issue?.path.map((p, i) => (i === 0 && typeof p === 'number' ? positionOf(p) : p))
    throw new ProviderError(
      'protocol',
      `The qbo server sent malformed ${kind}: ${issue ? `${(path ?? []).join('.')} ${issue.message}` : 'invalid'}`
    )
  }
  return (parsed.data as never[]).map(mappers[kind]) as RecordOf<P>[]
}
