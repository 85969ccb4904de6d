import type { ClusterRow, CycleImageRow } from '@contract'
import { MAX_PAGE } from './page-limit'
import type { BerthApi } from './api/client'
import { planClusters, type BulkAction } from './bulk-plan'
import type { KeyPage } from './selection.svelte'
import type { ListMethod, ResourceList, RowOf } from './stores/resource-list.svelte'

/** Stop, Start and Delete on every picked cluster: each its own job (`clusters.act`). */
export function clusterBulkActions(api: BerthApi): BulkAction<ClusterRow>[] {
  const act = (action: 'stop' | 'start' | 'delete') => (c: ClusterRow) =>
    api.call('clusters.act', { accountId: c.accountId, cluster: c.name, action })
  return [
    { id: 'stop', label: 'Stop', plan: (rows) => planClusters('stop', rows), run: act('stop') },
    { id: 'start', label: 'Start', plan: (rows) => planClusters('start', rows), run: act('start') },
    {
      id: 'delete',
      label: 'Delete',
      danger: true,
      warning:
        'Each cluster goes with its nodes and everything running in it. It cannot be undone.',
      plan: (rows) => planClusters('delete', rows),
      run: act('delete')
    }
  ]
}

/** Delete on every picked image: each its own job (`cycleImages.delete`). */
export function imageBulkActions(api: BerthApi): BulkAction<CycleImageRow>[] {
  return [
    {
      id: 'delete',
      label: 'Delete',
      danger: true,
      warning: 'Cycle refuses to delete an image a container uses. It cannot be undone.',
      plan: (rows) => ({ act: [...rows], skipped: [] }),
      run: (i) => api.call('cycleImages.delete', { accountId: i.accountId, imageId: i.id })
    }
  ]
}

/** The list's query, a page at a time, as "select all matching" reads it; a refusal throws. */
export function pagesOf<M extends ListMethod>(
  list: ResourceList<M>
): (offset: number) => Promise<KeyPage<RowOf<M>>> {
  return async (offset) => {
    const result = await list.page(offset, MAX_PAGE)
    if (!result.ok) throw new Error(result.error.message)
    return result.value
  }
}
