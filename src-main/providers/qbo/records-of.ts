import type { RecordsByKind } from '../../cache/records'
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
import type { QboPayloadKind } from './schemas'

type RecordOf<P extends QboPayloadKind> = RecordsByKind[(typeof resourceOfPayload)[P]]

/** Validates one payload array of a message and maps it to cache records (throws ProviderError). */
export function recordsOf<P extends QboPayloadKind>(message: QboMessage, kind: P): RecordOf<P>[] {
  switch (kind) {
    case 'nodes':
      return payload(message, 'nodes').map(nodeRecord) as RecordOf<P>[]
    case 'images':
      return payload(message, 'images').map(imageRecord) as RecordOf<P>[]
    case 'networks':
      return payload(message, 'networks').map(networkRecord) as RecordOf<P>[]
    case 'clusters':
      return payload(message, 'clusters').map(clusterRecord) as RecordOf<P>[]
    case 'pods':
      return payload(message, 'pods').map(podRecord) as RecordOf<P>[]
    case 'services':
      return payload(message, 'services').map(serviceRecord) as RecordOf<P>[]
    default:
      return payload(message, 'ipvs').map(loadBalancerRecord) as RecordOf<P>[]
  }
}
