import type { ClusterRow, CycleImageRow, JobView, NodeRow } from '@contract'
import type { MenuItem } from './row-menu'
import { clusterCan } from './state-tone'

/** What a view's menu entries do; the view wires them to its navigation, dialogs and actions. */
export interface ClusterMenuDeeds {
  open: () => void
  ask: (action: 'start' | 'stop' | 'delete' | 'kubeconfig' | 'copy-kubeconfig') => void
  copy: (text: string, what: string) => void
  showNodes: () => void
}

/** Open, Start or Stop (whichever applies), Delete…, copies, and the cluster's nodes. */
export function clusterMenu(c: ClusterRow, deeds: ClusterMenuDeeds): MenuItem[] {
  const can = clusterCan(c.state)
  const items: MenuItem[] = [{ id: 'open', label: 'Open', run: deeds.open }]
  if (can.stop) items.push({ id: 'stop', label: 'Stop', run: () => deeds.ask('stop') })
  if (can.start) items.push({ id: 'start', label: 'Start', run: () => deeds.ask('start') })
  items.push(
    { id: 'delete', label: 'Delete…', danger: true, run: () => deeds.ask('delete') },
    { id: 'copy-name', label: 'Copy name', run: () => deeds.copy(c.name, 'name') },
    // The kubeconfig comes from the server (the contract's clusters.kubeconfig): saved as a file
    // or copied.
    { id: 'kubeconfig', label: 'Save kubeconfig…', run: () => deeds.ask('kubeconfig') },
    {
      id: 'copy-kubeconfig',
      label: 'Copy kubeconfig',
      run: () => deeds.ask('copy-kubeconfig')
    },
    { id: 'show-nodes', label: 'Show nodes', run: deeds.showNodes }
  )
  return items
}

export interface ImageMenuDeeds {
  open: () => void
  ask: (action: 'import' | 'rename' | 'delete') => void
  build: () => void
  buildLog: () => void
  retry: (job: JobView) => void
}

/**
 * Open, Import (only an image in `new`), Build from its source…, Rename…, Delete…, its build log,
 * and Retry when its newest job failed.
 */
export function imageMenu(
  image: CycleImageRow,
  lastJob: JobView | undefined,
  deeds: ImageMenuDeeds
): MenuItem[] {
  const items: MenuItem[] = [{ id: 'open', label: 'Open', run: deeds.open }]
  if (image.state === 'new')
    items.push({ id: 'import', label: 'Import…', run: () => deeds.ask('import') })
  items.push(
    { id: 'build', label: 'Build from this source…', run: deeds.build },
    { id: 'rename', label: 'Rename…', run: () => deeds.ask('rename') },
    { id: 'delete', label: 'Delete…', danger: true, run: () => deeds.ask('delete') },
    { id: 'build-log', label: 'Open build log', run: deeds.buildLog }
  )
  if (lastJob && (lastJob.state === 'failed' || lastJob.state === 'unknown')) {
    items.push({ id: 'retry', label: `Retry: ${lastJob.title}`, run: () => deeds.retry(lastJob) })
  }
  return items
}

export interface NodeMenuDeeds {
  open: () => void
  copy: (text: string, what: string) => void
}

export function nodeMenu(node: NodeRow, deeds: NodeMenuDeeds): MenuItem[] {
  const items: MenuItem[] = [
    { id: 'open', label: 'Open detail', run: deeds.open },
    { id: 'copy-name', label: 'Copy name', run: () => deeds.copy(node.name, 'name') }
  ]
  if (node.address) {
    items.push({
      id: 'copy-address',
      label: 'Copy address',
      run: () => deeds.copy(node.address, 'address')
    })
  }
  return items
}
