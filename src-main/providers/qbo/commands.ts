import { ClusterAction, QboImageRef, QboName } from '@contract'
import type { QboPayloadKind } from './schemas'

// Every command line is assembled here from validated parts; user text is never spliced in raw.
// The contract validates too: this is the last line of defence before the wire.

export const DEFAULT_CLUSTER_IMAGE = 'hub.docker.com/kindest/node:v1.27.2'

/** The full refresh: one `get … -A` per payload. */
export const refreshCommands: ReadonlyArray<{ payload: QboPayloadKind; command: string }> = [
  { payload: 'clusters', command: 'get clusters -A' },
  { payload: 'nodes', command: 'get nodes -A' },
  { payload: 'images', command: 'get images' },
  { payload: 'networks', command: 'get networks -A' },
  { payload: 'pods', command: 'get pods -A' },
  { payload: 'services', command: 'get services -A' },
  { payload: 'ipvs', command: 'get ipvs -A' }
]

export const versionCommand = 'version'

export const clusterCommand = (name: string): string => `get clusters ${QboName.parse(name)}`

export const kubeconfigCommand = (name: string): string => `get cluster ${QboName.parse(name)} -k`

export interface AddCluster {
  name: string
  image?: string | undefined
  nodes?: number | undefined
}

export function actionCommand(
  action: ClusterAction,
  cluster: string,
  add: AddCluster = { name: cluster }
): string {
  const name = QboName.parse(cluster)
  switch (ClusterAction.parse(action)) {
    case 'add': {
      const image = QboImageRef.parse(add.image ?? DEFAULT_CLUSTER_IMAGE)
      const nodes = add.nodes ?? 1
      if (!Number.isInteger(nodes) || nodes < 1 || nodes > 50)
        throw new RangeError('nodes must be 1–50')
      return `add cluster ${name} -i ${image} -n ${nodes}`
    }
    case 'start':
      return `start clusters ${name}`
    case 'stop':
      return `stop clusters ${name}`
    case 'delete':
      return `delete cluster ${name}`
  }
}
