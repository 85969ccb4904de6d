import type { Route } from '../route'
import type { Scope } from './resource-list.svelte'

/**
 * The views in the navigation: the Overview (the start view), qbo's, Cycle's, then Berth's own
 * jobs (shown as "Activity"), notifications and settings.
 */
export type ViewId =
  | 'overview'
  | 'nodes'
  | 'clusters'
  | 'images'
  | 'networks'
  | 'cycle-images'
  | 'cycle-sources'
  | 'cycle-jobs'
  | 'jobs'
  | 'notifications'
  | 'settings'

/** The views that only mean something with a Cycle hub configured. */
export const CYCLE_VIEWS: readonly ViewId[] = ['cycle-images', 'cycle-sources', 'cycle-jobs']

/** A cluster is named per account: two accounts may each have a cluster "dev". */
export interface ClusterRef {
  accountId: string
  name: string
}

/** A Cycle image, by its hub account and Cycle id. */
export interface CycleImageRef {
  accountId: string
  imageId: string
}

/** A hub job, by its hub account and Cycle id: its panel beside the Hub jobs list. */
export interface HubJobRef {
  accountId: string
  jobId: string
}

/** What the new-cluster dialog opens with (from the Images view: that image, on its account). */
export interface NewClusterPreset {
  accountId?: string
  image?: string
}

/**
 * A request to bring an account forward in the sidebar. Each request is a new object, so asking
 * twice for the same account scrolls and focuses it twice.
 */
/** What a list opens with when a figure (the Overview's) leads to it: a search, some filters. */
export interface ListSeed {
  view: ViewId
  search?: string
  filters?: Record<string, string>
  /** One account's rows only. */
  accountId?: string
}

export interface AccountFocus {
  /** Null: the account list as a whole. */
  accountId: string | null
}

/**
 * Where the user is: the current view, the cluster open in the Clusters view, the image open in
 * the Cycle images view, the job selected in the Activity view, and whether the new-cluster dialog
 * is open. Selections are kept by id, so they survive the lists underneath being re-read. The
 * router (lib/router.svelte.ts) mirrors `route` in the address bar and hands back `show`.
 */
export class Navigation {
  view = $state<ViewId>('overview')
  cluster = $state.raw<ClusterRef | null>(null)
  image = $state.raw<CycleImageRef | null>(null)
  hubJob = $state.raw<HubJobRef | null>(null)
  jobId = $state<string | null>(null)
  newCluster = $state.raw<NewClusterPreset | null>(null)
  /** The cluster filter the Nodes view was asked to show (a notification about a cluster's nodes). */
  nodesScope = $state.raw<Scope | null>(null)
  /** The account the sidebar was last asked to bring forward. */
  accountFocus = $state.raw<AccountFocus | null>(null)
  /** The search or filters the next list opens with (see openList); any other move drops it. */
  seed = $state.raw<ListSeed | null>(null)

  /** From the navigation, which always lands on a view's list (Clusters: not a detail). */
  go(view: ViewId): void {
    this.seed = null
    if (view === 'clusters') this.cluster = null
    if (view === 'cycle-images') this.image = null
    if (view === 'cycle-jobs') this.hubJob = null
    if (view === 'nodes') this.nodesScope = null
    this.view = view
  }

  /** A list, opened with a search or filters (a figure of the Overview leads there). */
  openList(seed: ListSeed): void {
    this.go(seed.view)
    this.seed = seed
  }

  /** The seed for `view`'s list, if the last move asked for one there. */
  seedFor(view: ViewId): ListSeed | null {
    return this.seed?.view === view ? this.seed : null
  }

  /** The Nodes view, filtered to one cluster's nodes (or all of them). */
  showNodes(cluster?: string): void {
    this.nodesScope = cluster === undefined ? {} : { cluster }
    this.view = 'nodes'
  }

  /** Scroll the sidebar to an account (or the account list) and move the focus there. */
  focusAccount(accountId: string | null): void {
    this.accountFocus = { accountId }
  }

  openImage(ref: CycleImageRef): void {
    this.image = ref
    this.view = 'cycle-images'
  }

  closeImage(): void {
    this.image = null
  }

  openHubJob(ref: HubJobRef): void {
    this.hubJob = ref
    this.view = 'cycle-jobs'
  }

  closeHubJob(): void {
    this.hubJob = null
  }

  openCluster(ref: ClusterRef): void {
    this.cluster = ref
    this.view = 'clusters'
  }

  closeCluster(): void {
    this.cluster = null
  }

  /** Show a job in the Activity view, e.g. the one an action just started. */
  showJob(jobId: string): void {
    this.jobId = jobId
    this.view = 'jobs'
  }

  selectJob(jobId: string): void {
    this.jobId = jobId
  }

  openNewCluster(preset: NewClusterPreset = {}): void {
    this.newCluster = preset
  }

  closeNewCluster(): void {
    this.newCluster = null
  }

  /** Where the user is, as the address bar says it (the dialog and account focus are not places). */
  get route(): Route {
    switch (this.view) {
      case 'nodes': {
        const scope = this.nodesScope
        return {
          view: 'nodes',
          ...(scope?.cluster !== undefined && { cluster: scope.cluster }),
          ...(scope?.accountId !== undefined && { accountId: scope.accountId })
        }
      }
      case 'clusters':
        return this.cluster ? { view: 'cluster', ...this.cluster } : { view: 'clusters' }
      case 'cycle-images':
        return this.image ? { view: 'cycle-image', ...this.image } : { view: 'cycle-images' }
      case 'cycle-jobs':
        return this.hubJob ? { view: 'cycle-job', ...this.hubJob } : { view: 'cycle-jobs' }
      case 'jobs':
        return this.jobId === null ? { view: 'activity' } : { view: 'activity', jobId: this.jobId }
      default:
        return { view: this.view }
    }
  }

  /** Go to a place the address bar named (Back, Forward, a reload, a deep link). */
  show(route: Route): void {
    switch (route.view) {
      case 'nodes': {
        // An address without a filter means all nodes: it clears one an open Nodes view shows.
        this.nodesScope = {
          ...(route.cluster !== undefined && { cluster: route.cluster }),
          ...(route.accountId !== undefined && { accountId: route.accountId })
        }
        this.view = 'nodes'
        return
      }
      case 'cluster':
        this.openCluster({ accountId: route.accountId, name: route.name })
        return
      case 'cycle-image':
        this.openImage({ accountId: route.accountId, imageId: route.imageId })
        return
      case 'cycle-job':
        this.openHubJob({ accountId: route.accountId, jobId: route.jobId })
        return
      case 'activity':
        this.jobId = route.jobId ?? null
        this.view = 'jobs'
        return
      default:
        this.go(route.view)
    }
  }
}
