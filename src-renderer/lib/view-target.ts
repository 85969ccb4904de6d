import type { ViewTarget } from '@contract'
import type { Navigation } from './stores/navigation.svelte'

/**
 * Shows the place a notification, a toast or a tray item points at. Every target lands on a view
 * the user can leave with the navigation as usual; nothing here opens a dialog.
 */
export function showTarget(nav: Navigation, target: ViewTarget): void {
  switch (target.view) {
    case 'jobs':
      if (target.jobId === undefined) nav.go('jobs')
      else nav.showJob(target.jobId)
      return
    case 'cluster':
      nav.openCluster({ accountId: target.accountId, name: target.cluster })
      return
    case 'nodes':
      nav.showNodes(target.cluster)
      return
    case 'cycle-image':
      nav.openImage({ accountId: target.accountId, imageId: target.imageId })
      return
    case 'cycle-images':
    case 'cycle-sources':
      nav.go(target.view)
      return
    case 'accounts':
      nav.focusAccount(target.accountId ?? null)
      return
    case 'notifications':
    case 'settings':
      nav.go(target.view)
      return
  }
}
