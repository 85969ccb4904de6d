/**
 * Cycle platform resources exactly as the API returns them (see the OpenAPI document in
 * shared/specs/cycle). Only the fields the sandbox emulates; every required one is present.
 */

/** RFC 3339 date-time; unset ones are the Go zero time, never null. */
export type DateTime = string

export type CreatorType =
  'account' | 'environment' | 'platform' | 'platform-pipeline' | 'employee' | 'api-key' | 'visitor'

export interface CreatorScope {
  id: string
  type: CreatorType
}

export interface Events {
  created: DateTime
  updated: DateTime
  deleted: DateTime
}

export interface ErrorState {
  message: string
  time: DateTime
}

export interface Hub {
  id: string
  identifier: string
  name: string
  creator: CreatorScope
  events: Events
  state: { current: 'live'; changed: DateTime }
  security: { force_2fa: boolean }
  integrations: Record<string, never>
  webhooks: { server_deployed: string | null; server_deleted: string | null }
  billing: null
}

export type ImageState =
  | 'new'
  | 'uploading'
  | 'downloading'
  | 'building'
  | 'verifying'
  | 'saving'
  | 'live'
  | 'deleting'
  | 'deleted'

export type ImageOrigin =
  | { type: 'docker-hub'; details: { target: string; username?: string; token?: string } }
  | {
      type: 'docker-registry'
      details: { target: string; url: string; username?: string; token?: string; password?: string }
    }
  | {
      type: 'docker-file'
      details: {
        repo?: { url: string; branch?: string; ref?: { type: string; value: string } | null } | null
        targz_url?: string | null
        context_dir?: string | null
        build_file?: string | null
        credentials?: { url?: string; username?: string; token?: string }[] | null
      }
    }
  | {
      type: 'oci-registry'
      details: {
        target: string
        url: string
        auth?:
          | { type: 'user'; details: { username?: string; token?: string } }
          | {
              type: 'provider'
              details: { flavor: 'ecr'; credentials: { region?: string; api_key?: string } }
            }
          | null
      }
    }
  | { type: 'cycle-upload'; details: { expires: DateTime; token: string } }
  | { type: 'none' }

export type OriginType = ImageOrigin['type']

export type SourceType = 'direct' | 'bucket' | 'stack-build'

export interface ImageSourceRef {
  type: SourceType
  /** `stack_id` and `containers` only (and always) on `stack-build` sources. */
  details: { id: string; origin: ImageOrigin; stack_id?: string; containers?: string[] }
  override?: { target?: string; targz_url?: string }
}

export interface StateCount {
  state: Record<string, number>
  total: number
  available: number
}

export interface ImageConfig {
  user: string
  ports: { host: number; container: number; type: string }[]
  env: Record<string, string>
  labels: Record<string, string>
  command: string[]
  entrypoint: string[]
  volumes: { path: string; mode: 'ro' | 'rw' }[]
  workdir: string
  signal_stop: string
}

export interface Image {
  id: string
  hub_id: string
  name: string
  size: number
  about: { description: string | null }
  backend: { provider: string; size: number; file_name: string; file_id: string }
  requires: { nvidia_gpu: boolean }
  build: { args: Record<string, string>; use_disk: boolean } | null
  builder: { integration_id: string } | null
  config: ImageConfig
  source: ImageSourceRef
  creator: CreatorScope
  factory: { node_id: string; cached: DateTime; acknowledged: DateTime } | null
  state: { current: ImageState; changed: DateTime; error?: ErrorState }
  events: Events
  meta?: { containers_count?: StateCount }
}

export type SourceState = 'live' | 'deleting' | 'deleted'

export interface ImagesCount {
  total: number
  state: Record<
    'new' | 'downloading' | 'building' | 'verifying' | 'saving' | 'live' | 'deleting',
    number
  >
}

export interface ImageSource {
  id: string
  identifier: string
  type: SourceType
  hub_id: string
  name: string
  about: { description: string | null }
  origin: ImageOrigin
  /** The integration (id or identifier) that builds this source's images, if not Cycle's factory. */
  builder: { integration_id: string | null } | null
  creator: CreatorScope
  acl: null
  state: { current: SourceState; changed: DateTime }
  events: Events
  meta?: { images_count?: ImagesCount }
}

export interface BuildLog {
  id: string
  hub_id: string
  image_id: string
  log: string
  events: Events
}

export interface TaskStep {
  caption: string
  description: string
  started: DateTime
  completed: DateTime
}

export type JobState =
  'new' | 'queued' | 'error' | 'scheduled' | 'expired' | 'running' | 'completed'
export type TaskState = 'pending' | 'error' | 'running' | 'completed'

export interface JobTask {
  id: string
  caption: string
  header: string
  events: { queued: DateTime; started: DateTime; completed: DateTime }
  steps: TaskStep[] | null
  state: { current: TaskState; changed: DateTime }
  input: Record<string, unknown>
  output: Record<string, string> | null
  error: { message: string } | null
}

export interface Job {
  id: string
  hub_id: string
  queue: string
  caption: string
  events: { queued: DateTime; started: DateTime; completed: DateTime }
  schedule: DateTime
  expires: DateTime
  tasks: JobTask[]
  hash: string
  limit_duplicates: boolean
  creator: CreatorScope
  state: { current: JobState; changed: DateTime; error: { message: string } | null }
}

export interface JobDescriptor {
  action: string
  job: {
    id: string
    accepted: boolean
    queue: string
    schedule: DateTime
    parallel: { tasks: boolean; sub_queue: string | null }
    tasks: {
      caption: string
      header: string
      input: Record<string, unknown>
      steps: TaskStep[] | null
    }[]
  }
}

export interface PublicAccount {
  id: string
  name: { first: string; last: string }
  email: { address: string }
  two_factor_auth: { verified: boolean }
}

export interface ApiKeyResource {
  id: string
  name: string
  hub_id: string
  creator: CreatorScope
  permissions: { all_environments: boolean; environments: never[] }
  capabilities: { all: boolean; specific: string[] }
  ips: string[] | null
  state: { current: 'live'; changed: DateTime }
  events: Events
}

/** An environment, as `include=creators` lists those that created something. */
export interface Environment {
  id: string
  identifier: string
  name: string
  cluster: string
  about: { description: string; favorite: boolean }
  creator: CreatorScope
  hub_id: string
  state: { current: 'new' | 'live' | 'cloning' | 'deleting' | 'deleted'; changed: DateTime }
  events: Events
  features: { legacy_networking: boolean; monitoring: null }
  services: { loadbalancer: null; discovery: null; vpn: null; scheduler: null; gateway: null }
  acl: null
  private_network: null
  deployments: null
}

export interface Stack {
  id: string
  identifier: string
  name: string
  hub_id: string
  creator: CreatorScope
  source: {
    type: 'git-repo'
    details: { url: string; branch?: string; stack_file?: string | null }
  }
  state: { current: 'live' | 'deleting' | 'deleted'; changed: DateTime }
  variables: Record<string, string>
  acl: null
  events: Events & { last_build: DateTime }
}

export interface StackBuild {
  id: string
  hub_id: string
  stack_id: string
  spec: null
  about: {
    version: string
    description: string
    git_commit?: {
      hash: string
      message: string
      time: DateTime
      author: { name: string; email: string }
    }
  }
  instructions: { git?: { type: 'hash' | 'tag' | 'branch'; value: string } }
  events: Events
  state: { current: 'new' | 'importing' | 'building' | 'live' | 'deploying'; changed: DateTime }
}

export interface Integration {
  id: string
  identifier: string
  name: string
  vendor: string
  auth: null
  extra: Record<string, string> | null
  creator: CreatorScope
  hub_id: string
  state: { current: 'new' | 'verifying' | 'live' | 'deleting' | 'deleted'; changed: DateTime }
  events: Events
}

/** A key the sandbox accepts: its secret, what it may do and how it shows up as a creator. */
export interface ApiKey {
  secret: string
  capabilities: ReadonlySet<string>
  resource: ApiKeyResource
}

export type Topic =
  | 'image.created'
  | 'image.state.changed'
  | 'image.updated'
  | 'image.error'
  | 'image.source.created'
  | 'image.source.state.changed'
  | 'image.source.updated'
  | 'job.created'
  | 'job.state.changed'

/** One thing that happened, as the notification pipeline announces it (basic info only). */
export interface Change {
  topic: Topic
  id: string
  state?: string
  error?: string
}

/** A job's work, moved along one tick (`stepMs`) at a time; the seed runs them to the end. */
export interface JobRun {
  readonly job: Job
  done: boolean
  tick(now: number): Change[]
}

/** Everything the emulator knows; mutated in place by requests and running jobs. */
export interface CycleState {
  hub: Hub
  /** Creators by kind, as `include=creators` splits them. */
  accounts: PublicAccount[]
  employees: PublicAccount[]
  visitors: PublicAccount[]
  environments: Environment[]
  stacks: Stack[]
  stackBuilds: StackBuild[]
  integrations: Integration[]
  keys: ApiKey[]
  sources: ImageSource[]
  images: Image[]
  jobs: Job[]
  buildLogs: Map<string, BuildLog>
  /** Containers running each image; drives `meta.containers_count` and what prune may delete. */
  containers: Map<string, StateCount>
  /** When each job becomes readable (Cycle answers `404.job` just after creating one). */
  jobVisibleAt: Map<string, number>
  /**
   * Images whose `state` goes out without `current`, as some documented examples show it. The
   * spec's ImageState requires `current`, so this stays empty unless a sandbox option asks.
   */
  stateWithoutCurrent: Set<string>
}
