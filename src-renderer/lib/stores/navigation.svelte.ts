import { formatRoute, isListRoute, listRoute, type Route } from '../route'
import { cleanListQuery, isListView, type ListQuery, type ListView } from '../route-query'
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
 * What a list shows: a search, some filters, an account, a sort. As a seed it is what the list
 * opens with (a figure of the Overview, an address); as `Navigation.query`, what it shows now.
 */
export interface ListSeed extends ListQuery {
  view: ListView
}

/**
 * A request to bring an account forward in the sidebar. Each request is a new object, so asking
 * twice for the same account scrolls and focuses it twice.
 */
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
  /**
   * What the list is asked to show: it applies each new seed, when it mounts and while it is on
   * screen (Back to the same list with other filters), and reports its own changes in `query`.
   */
  seed = $state.raw<ListSeed | null>(null)
  /** What the list shows (its search, filters, sort): the query of the address. */
  query = $state.raw<ListSeed | null>(null)
  /**
   * The address a list's own change (a filter, the search) led to: the router replaces the
   * history entry instead of adding one. The router clears it.
   */
  refinedTo: string | null = null

  /** From the navigation, which always lands on a view's list as it opens (Clusters: not a detail). */
  go(view: ViewId): void {
    if (view === 'clusters') this.cluster = null
    if (view === 'cycle-images') this.image = null
    if (view === 'cycle-jobs') this.hubJob = null
    if (view === 'nodes') this.nodesScope = null
    this.view = view
    // A new seed object: a list already on screen drops its filters too.
    const plain = isListView(view) ? { view } : null
    this.seed = plain
    this.query = plain
  }

  /** A list, opened with a search or filters (a figure of the Overview or an address leads there). */
  openList(seed: ListSeed): void {
    this.go(seed.view)
    const asked: ListSeed = { view: seed.view, ...cleanListQuery(seed.view, seed) }
    this.seed = asked
    this.query = asked
  }

  /** The list on screen changed its own search, filters or sort. */
  refine(view: ListView, query: ListQuery): void {
    // An effect of a list being taken off the screen may still report.
    if (this.view !== view) return
    const before = formatRoute(this.route)
    this.query = { view, ...cleanListQuery(view, query) }
    const after = formatRoute(this.route)
    if (after !== before) this.refinedTo = after
  }

  /** A detail's list, as it was when the detail opened (Escape and Back to list lead there). */
  closeDetail(): void {
    if (this.view === 'clusters') this.closeCluster()
    else if (this.view === 'cycle-images') this.closeImage()
    else if (this.view === 'cycle-jobs') this.closeHubJob()
  }

  /** The seed for `view`'s list, if the last move asked for one there. */
  seedFor(view: ViewId): ListSeed | null {
    return this.seed?.view === view ? this.seed : null
  }

  /** The Nodes view, filtered to one cluster's nodes (or all of them). */
  showNodes(cluster?: string): void {
    this.nodesScope = cluster === undefined ? {} : { cluster }
    this.view = 'nodes'
    const seed: ListSeed = { view: 'nodes', ...(cluster !== undefined && { cluster }) }
    this.seed = seed
    this.query = seed
  }

  /** Scroll the sidebar to an account (or the account list) and move the focus there. */
  focusAccount(accountId: string | null): void {
    this.accountFocus = { accountId }
  }

  openImage(ref: CycleImageRef): void {
    this.image = ref
    this.#enter('cycle-images')
  }

  closeImage(): void {
    this.image = null
    this.#reopen('cycle-images')
  }

  /** The panel opens beside its list, which stays as it is. */
  openHubJob(ref: HubJobRef): void {
    this.hubJob = ref
    this.#enter('cycle-jobs')
  }

  closeHubJob(): void {
    this.hubJob = null
  }

  openCluster(ref: ClusterRef): void {
    this.cluster = ref
    this.#enter('clusters')
  }

  closeCluster(): void {
    this.cluster = null
    this.#reopen('clusters')
  }

  /** Show a job in the Activity view, e.g. the one an action just started. */
  showJob(jobId: string): void {
    this.jobId = jobId
    this.#enter('jobs')
  }

  /** Another view's list state means nothing here; the same view's is its detail's way back. */
  #enter(view: ViewId): void {
    if (view !== this.view) {
      this.seed = null
      this.query = null
    }
    this.view = view
  }

  /** The list a detail replaced mounts again with what it showed before. */
  #reopen(view: ListView): void {
    const kept: ListSeed = this.query?.view === view ? { ...this.query } : { view }
    this.seed = kept
    this.query = kept
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
        return this.query?.view === 'nodes'
          ? this.#list('nodes')
          : listRoute('nodes', { cluster: scope?.cluster, accountId: scope?.accountId })
      }
      case 'clusters':
        return this.cluster ? { view: 'cluster', ...this.cluster } : this.#list('clusters')
      case 'cycle-images':
        return this.image ? { view: 'cycle-image', ...this.image } : this.#list('cycle-images')
      case 'cycle-jobs':
        return this.hubJob ? { view: 'cycle-job', ...this.hubJob } : this.#list('cycle-jobs')
      case 'images':
      case 'networks':
      case 'cycle-sources':
        return this.#list(this.view)
      case 'jobs':
        return this.jobId === null ? { view: 'activity' } : { view: 'activity', jobId: this.jobId }
      default:
        return { view: this.view }
    }
  }

  #list(view: ListView): Route {
    return listRoute(view, this.query?.view === view ? this.query : {})
  }

  /** Go to a place the address bar named (Back, Forward, a reload, a deep link). */
  show(route: Route): void {
    if (isListRoute(route)) {
      // An address without filters means the whole list: it clears those an open list shows.
      this.openList(route)
      if (route.view === 'nodes') {
        this.nodesScope = {
          ...(route.cluster !== undefined && { cluster: route.cluster }),
          ...(route.accountId !== undefined && { accountId: route.accountId })
        }
      }
      return
    }
    switch (route.view) {
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
        this.#enter('jobs')
        return
      default:
        this.go(route.view)
    }
  }
}
