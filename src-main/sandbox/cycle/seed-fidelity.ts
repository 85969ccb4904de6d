import { hex } from '../qbo/random'
import type { Random } from '../qbo/random'
import { events, iso, objectId } from './ids'
import { startImport } from './import-run'
import { newImage } from './model'
import { daysBefore, seedKey } from './seed-keys'
import type {
  CreatorScope,
  CycleState,
  Environment,
  Image,
  ImageOrigin,
  ImageSource,
  Integration,
  PublicAccount,
  SourceType,
  Stack,
  StackBuild,
  StateCount
} from './types'

/**
 * The rest of what the API documents, on top of the planned hub: a creator of every kind that
 * `include=creators` can return, a stack with a build, a build integration, image sources of
 * every origin an image source may hold, and images that use the optional fields (GPU, builder,
 * labels, overrides, `use_disk`, containers in several states). Everything here is older than the
 * planned images, so lists that show newest first still start with them.
 */

export interface FidelityOptions {
  /** The planned hub's account, which owns the stack and the keys. */
  account: CreatorScope
  importerSecret: string
  importerCapabilities: readonly string[]
  stateWithoutCurrent: boolean
}

const DAY_MS = 86_400_000

function person(rand: Random, first: string, last: string, email: string): PublicAccount {
  return {
    id: objectId(daysBefore(rand, 500, 60), rand),
    name: { first, last },
    email: { address: email },
    two_factor_auth: { verified: rand() < 0.5 }
  }
}

interface SourcePlan {
  name: string
  type: SourceType
  about: string
  origin: (ctx: { expires: string; token: string }) => ImageOrigin
  creator: 'account' | 'employee' | 'environment'
  /** Built by the Depot integration instead of Cycle's factory. */
  builder?: boolean
}

// Names sort after the planned ones, so a client listing sources by name still starts with them.
const SOURCES: SourcePlan[] = [
  {
    name: 'registry-ecr',
    type: 'direct',
    about: 'Inference server from the team’s private AWS ECR registry.',
    origin: () => ({
      type: 'oci-registry',
      details: {
        target: 'inference/server:3.1-cuda12',
        url: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com',
        auth: { type: 'provider', details: { flavor: 'ecr', credentials: { region: 'eu-west-1' } } }
      }
    }),
    creator: 'employee'
  },
  {
    name: 'site-bundle',
    type: 'bucket',
    about: 'Static site, built from a tarball the CI drops in object storage.',
    origin: () => ({
      type: 'docker-file',
      details: {
        targz_url: 'https://objects.berth-sandbox.invalid/site/site-2025.04.tar.gz',
        context_dir: 'site',
        build_file: 'Dockerfile'
      }
    }),
    creator: 'account'
  },
  {
    name: 'shop-web',
    type: 'stack-build',
    about: 'The web container of the shop stack.',
    origin: () => ({
      type: 'docker-file',
      details: {
        repo: { url: 'https://github.com/berth-sandbox/shop-stack.git', branch: 'main' },
        context_dir: 'web',
        build_file: 'Dockerfile'
      }
    }),
    creator: 'environment'
  },
  {
    name: 'payments-api',
    type: 'direct',
    about: 'Payments service, built by the Depot integration.',
    origin: () => ({
      type: 'docker-file',
      details: {
        repo: {
          url: 'https://github.com/berth-sandbox/payments-api.git',
          branch: 'release',
          ref: { type: 'tag', value: 'v4.2.0' }
        },
        context_dir: '.',
        build_file: 'deploy/Dockerfile',
        credentials: [{ url: 'https://ghcr.io', username: 'berth-bot' }]
      }
    }),
    creator: 'account',
    builder: true
  },
  {
    name: 'uploads',
    type: 'direct',
    about: 'Images pushed straight to the factory by a release script.',
    origin: ({ expires, token }) => ({ type: 'cycle-upload', details: { expires, token } }),
    creator: 'account'
  },
  {
    name: 'placeholder',
    type: 'direct',
    about: 'A source whose origin has not been chosen yet.',
    origin: () => ({ type: 'none' }),
    creator: 'account'
  }
]

type CreatorKind = 'account' | 'employee' | 'visitor' | 'environment' | 'platform-pipeline'

interface ImagePlan {
  source: string
  name: string
  about: string
  creator: CreatorKind
  /** Who ran the import (defaults to the creator): the CI importer's key imports some. */
  importer?: 'importer-key'
  override?: { target?: string; targz_url?: string }
  build?: { args: Record<string, string>; use_disk: boolean }
  gpu?: boolean
  labels?: Record<string, string>
  containers?: Record<string, number>
  /** Left `new` (never imported) instead of live. */
  fresh?: boolean
}

// Names sort after the planned ones too: clients that list by name still meet those first.
const IMAGES: ImagePlan[] = [
  {
    source: 'registry-ecr',
    name: 'vision-inference 3.1 (CUDA 12)',
    about: 'GPU inference server; needs a node with an NVIDIA GPU.',
    creator: 'employee',
    gpu: true,
    labels: {
      'org.opencontainers.image.vendor': 'Berth Sandbox',
      'org.opencontainers.image.version': '3.1.0',
      'com.nvidia.volumes.needed': 'nvidia_driver'
    },
    containers: { running: 1, starting: 1 }
  },
  {
    source: 'site-bundle',
    name: 'site 2025.04.2',
    about: 'Static site from the tarball of release 2025.04.2.',
    creator: 'visitor',
    importer: 'importer-key',
    override: { targz_url: 'https://objects.berth-sandbox.invalid/site/site-2025.04.2.tar.gz' },
    build: { args: { SITE_ENV: 'production' }, use_disk: true },
    labels: { 'org.opencontainers.image.version': '2025.04.2' },
    containers: { running: 2, stopping: 1 }
  },
  {
    source: 'shop-web',
    name: 'shop web (build v12)',
    about: 'Built by stack build v12 of the shop stack.',
    creator: 'environment',
    labels: { 'io.cycle.stack': 'shop', 'io.cycle.stack.container': 'web' },
    containers: { running: 3, stopped: 1, function: 1 }
  },
  {
    source: 'payments-api',
    name: 'payments-api v4.2.0',
    about: 'Payments service at tag v4.2.0.',
    creator: 'platform-pipeline',
    build: { args: { GO_VERSION: '1.23' }, use_disk: false },
    labels: { 'org.opencontainers.image.revision': 'v4.2.0' }
  },
  {
    source: 'uploads',
    name: 'release-2025-05-01',
    about: 'Uploaded by the release script; not imported yet.',
    creator: 'account',
    fresh: true
  }
]

function environmentOf(rand: Random, hubId: string, owner: CreatorScope): Environment {
  const created = daysBefore(rand, 197, 2)
  return {
    id: objectId(created, rand),
    identifier: 'shop-production',
    name: 'Shop (production)',
    cluster: 'production',
    about: { description: 'Production environment of the shop stack.', favorite: true },
    creator: owner,
    hub_id: hubId,
    state: { current: 'live', changed: iso(created) },
    events: events(created, created + 2 * DAY_MS),
    features: { legacy_networking: false, monitoring: null },
    services: { loadbalancer: null, discovery: null, vpn: null, scheduler: null, gateway: null },
    acl: null,
    private_network: null,
    deployments: null
  }
}

function integrationOf(rand: Random, hubId: string, owner: CreatorScope): Integration {
  const created = daysBefore(rand, 195, 2)
  return {
    id: objectId(created, rand),
    identifier: 'depot-builds',
    name: 'Depot builds',
    vendor: 'depot',
    auth: null,
    extra: { project: 'berth-sandbox' },
    creator: owner,
    hub_id: hubId,
    state: { current: 'live', changed: iso(created) },
    events: events(created)
  }
}

function stackOf(rand: Random, hubId: string, owner: CreatorScope): [Stack, StackBuild] {
  const created = daysBefore(rand, 193, 2)
  const built = created + 9 * DAY_MS
  const stack: Stack = {
    id: objectId(created, rand),
    identifier: 'shop',
    name: 'Shop',
    hub_id: hubId,
    creator: owner,
    source: {
      type: 'git-repo',
      details: {
        url: 'https://github.com/berth-sandbox/shop-stack.git',
        branch: 'main',
        stack_file: 'cycle.json'
      }
    },
    state: { current: 'live', changed: iso(created) },
    variables: { REPLICAS: '3' },
    acl: null,
    events: { ...events(created, built), last_build: iso(built) }
  }
  const build: StackBuild = {
    id: objectId(built, rand),
    hub_id: hubId,
    stack_id: stack.id,
    spec: null,
    about: {
      version: 'v12',
      description: 'Web and worker at main.',
      git_commit: {
        hash: hex(rand, 40),
        message: 'web: cache product images for a day',
        time: iso(built - 3_600_000),
        author: { name: 'Robin Sandbox', email: 'robin@sandbox.berth.invalid' }
      }
    },
    instructions: { git: { type: 'branch', value: 'main' } },
    events: events(built, built + 600_000),
    state: { current: 'live', changed: iso(built + 600_000) }
  }
  return [stack, build]
}

function count(states: Record<string, number> | undefined): StateCount | undefined {
  if (states === undefined) return undefined
  const total = Object.values(states).reduce((a, b) => a + b, 0)
  return { state: { ...states }, total, available: states.running ?? 0 }
}

const byCreated = (a: { events: { created: string } }, b: { events: { created: string } }) =>
  Date.parse(a.events.created) - Date.parse(b.events.created)

export function seedFidelity(state: CycleState, rand: Random, options: FidelityOptions): void {
  const hubId = state.hub.id
  const owner = options.account
  const ownerAccount = state.accounts.find((a) => a.id === owner.id)
  if (ownerAccount === undefined) throw new Error('fidelity seed needs the planned account')
  const importerKey = seedKey(rand, hubId, ownerAccount, {
    secret: options.importerSecret,
    name: 'CI importer',
    capabilities: options.importerCapabilities
  })
  state.keys.push(importerKey)

  const employee = person(rand, 'Morgan', 'Reyes', 'morgan.reyes@cycle.invalid')
  const visitor = person(rand, 'Sam', 'Okafor', 'sam.okafor@partner.invalid')
  state.employees.push(employee)
  state.visitors.push(visitor)
  const environment = environmentOf(rand, hubId, owner)
  state.environments.push(environment)
  const integration = integrationOf(rand, hubId, owner)
  state.integrations.push(integration)
  const [stack, build] = stackOf(rand, hubId, owner)
  state.stacks.push(stack)
  state.stackBuilds.push(build)

  const creators: Record<CreatorKind | 'importer-key', CreatorScope> = {
    account: owner,
    employee: { id: employee.id, type: 'employee' },
    visitor: { id: visitor.id, type: 'visitor' },
    environment: { id: environment.id, type: 'environment' },
    // Pipelines are not includable; the id names the pipeline run's trigger.
    'platform-pipeline': {
      id: objectId(daysBefore(rand, 160, 5), rand),
      type: 'platform-pipeline'
    },
    'importer-key': { id: importerKey.resource.id, type: 'api-key' }
  }

  const sources = new Map<string, ImageSource>()
  SOURCES.forEach((plan, i) => {
    // After the hub (200+ days before the epoch), before the planned sources (130 and less).
    const created = daysBefore(rand, 190 - i * 8, 3)
    const source: ImageSource = {
      id: objectId(created, rand),
      identifier: plan.name,
      type: plan.type,
      hub_id: hubId,
      name: plan.name,
      about: { description: plan.about },
      origin: plan.origin({ expires: iso(created + 30 * DAY_MS), token: hex(rand, 32) }),
      builder: plan.builder === true ? { integration_id: integration.identifier } : null,
      creator: creators[plan.creator],
      acl: null,
      state: { current: 'live', changed: iso(created) },
      events: events(created)
    }
    state.sources.push(source)
    sources.set(plan.name, source)
  })

  const made: Image[] = []
  for (const plan of IMAGES) {
    const source = sources.get(plan.source)
    if (source === undefined) throw new Error(`fidelity image ${plan.name} names a missing source`)
    let now = Date.parse(source.events.created) + 3 * DAY_MS + Math.floor(rand() * DAY_MS)
    const creator = creators[plan.creator]
    const image = newImage(state, {
      id: objectId(now, rand),
      name: plan.name,
      source,
      ...(plan.override === undefined ? {} : { override: plan.override }),
      ...(plan.build === undefined ? {} : { build: plan.build }),
      ...(source.type === 'stack-build'
        ? { stack: { stack_id: stack.id, containers: ['web'] } }
        : {}),
      creator,
      now
    })
    image.about = { description: plan.about }
    image.requires = { nvidia_gpu: plan.gpu ?? false }
    state.images.push(image)
    made.push(image)
    const containers = count(plan.containers)
    if (containers !== undefined) state.containers.set(image.id, containers)
    if (plan.fresh === true) continue
    now += 60_000 + Math.floor(rand() * 600_000)
    const run = startImport(state, image, {
      creator: creators[plan.importer ?? plan.creator],
      now,
      rand
    })
    while (!run.done) {
      now += 3_000 + Math.floor(rand() * 20_000)
      run.tick(now)
    }
    image.config.labels = { ...image.config.labels, ...plan.labels }
  }
  if (options.stateWithoutCurrent) {
    const shown = made.find((image) => image.state.current === 'live')
    if (shown !== undefined) state.stateWithoutCurrent.add(shown.id)
  }
  // Stored oldest first, as the planned hub is (scale seeding and fast sorting rely on it).
  state.images.sort(byCreated)
  state.jobs.sort((a, b) => Date.parse(a.events.queued) - Date.parse(b.events.queued))
}
