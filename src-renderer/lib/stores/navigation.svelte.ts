/** The views in the navigation: qbo's, Cycle's, then Berth's own jobs. */
export type ViewId =
  | 'nodes'
  | 'clusters'
  | 'images'
  | 'networks'
  | 'cycle-images'
  | 'cycle-sources'
  | 'cycle-jobs'
  | 'jobs'

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

/** What the new-cluster dialog opens with (from the Images view: that image, on its account). */
export interface NewClusterPreset {
  accountId?: string
  image?: string
}

/**
 * Where the user is: the current view, the cluster open in the Clusters view, the image open in
 * the Cycle images view, the job selected in the Jobs view, and whether the new-cluster dialog is open. Selections are kept by id, so they
 * survive the lists underneath being re-read.
 */
export class Navigation {
  view = $state<ViewId>('nodes')
  cluster = $state.raw<ClusterRef | null>(null)
  image = $state.raw<CycleImageRef | null>(null)
  jobId = $state<string | null>(null)
  newCluster = $state.raw<NewClusterPreset | null>(null)

  /** From the navigation, which always lands on a view's list (Clusters: not a detail). */
  go(view: ViewId): void {
    if (view === 'clusters') this.cluster = null
    if (view === 'cycle-images') this.image = null
    this.view = view
  }

  openImage(ref: CycleImageRef): void {
    this.image = ref
    this.view = 'cycle-images'
  }

  closeImage(): void {
    this.image = null
  }

  openCluster(ref: ClusterRef): void {
    this.cluster = ref
    this.view = 'clusters'
  }

  closeCluster(): void {
    this.cluster = null
  }

  /** Show a job in the Jobs view, e.g. the one an action just started. */
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
}
