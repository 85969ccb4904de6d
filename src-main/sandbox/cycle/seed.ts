import { mulberry32 } from '../qbo/random'
import type { Random } from '../qbo/random'
import { CAPABILITIES, NEEDS } from './capabilities'
import { events, iso, objectId } from './ids'
import { seedImages } from './seed-images'
import { MAX_SCALE_IMAGES, MAX_SCALE_JOBS, seedScale } from './seed-scale'
import type {
  ApiKey,
  CreatorScope,
  CycleState,
  Hub,
  ImageOrigin,
  ImageSource,
  PublicAccount
} from './types'

/** Fixed, so that a restarted sandbox accepts the key a client saved last time. */
export const DEFAULT_CYCLE_API_KEY = 'cycle-sandbox-key-3f9c2a7e41d84b6a9e0c5d17'
/** Every capability except `images-manage`: for clients' permission-error paths. */
export const CYCLE_NO_MANAGE_KEY = 'cycle-sandbox-key-viewer-8b21e6f09c3d4a57b1e2'

/** Seeded timestamps are days before this instant (2025-05-12), so they are "old" to prune. */
export const CYCLE_SEED_EPOCH_MS = Date.UTC(2025, 4, 12, 9, 30, 0)
const DAY_MS = 86_400_000

export interface CycleSeedOptions {
  seed?: number
  apiKey?: string
  /** Generated images beyond the eight planned ones (see seed-scale.ts). */
  images?: number
  /** Generated finished import jobs beyond the planned ones. */
  jobs?: number
}

function checkCount(label: string, value: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${label} must be an integer from 0 to ${max}, got ${value}`)
  }
  return value
}

function daysBefore(rand: Random, min: number, spread: number): number {
  return CYCLE_SEED_EPOCH_MS - (min + rand() * spread) * DAY_MS
}

function seedAccount(rand: Random): PublicAccount {
  return {
    id: objectId(daysBefore(rand, 400, 30), rand),
    name: { first: 'Robin', last: 'Sandbox' },
    email: { address: 'robin@sandbox.berth.invalid' },
    two_factor_auth: { verified: true }
  }
}

function seedKey(
  rand: Random,
  hubId: string,
  account: PublicAccount,
  key: { secret: string; name: string; capabilities: readonly string[] }
): ApiKey {
  const created = daysBefore(rand, 150, 20)
  const all = key.capabilities.length === CAPABILITIES.length
  return {
    secret: key.secret,
    capabilities: new Set(key.capabilities),
    resource: {
      id: objectId(created, rand),
      name: key.name,
      hub_id: hubId,
      creator: { id: account.id, type: 'account' },
      permissions: { all_environments: true, environments: [] },
      capabilities: { all, specific: all ? [] : [...key.capabilities] },
      ips: null,
      state: { current: 'live', changed: iso(created) },
      events: events(created)
    }
  }
}

interface SourcePlan {
  name: string
  about: string
  origin: ImageOrigin
  byKey: boolean
}

const SOURCES: SourcePlan[] = [
  {
    name: 'nginx',
    about: 'Public NGINX web server from Docker Hub.',
    origin: { type: 'docker-hub', details: { target: 'nginx:1.27' } },
    byKey: false
  },
  {
    name: 'storefront',
    about: 'The shop front end, built from its Dockerfile on every merge.',
    origin: {
      type: 'docker-file',
      details: {
        repo: { url: 'https://github.com/berth-sandbox/storefront.git', branch: 'main' },
        context_dir: '.',
        build_file: 'Dockerfile'
      }
    },
    byKey: true
  },
  {
    name: 'worker',
    about: 'Background job worker from the GitHub container registry.',
    origin: {
      type: 'docker-registry',
      details: { target: 'berth-sandbox/worker:2.3', url: 'https://ghcr.io', username: 'berth-bot' }
    },
    byKey: false
  }
]

/**
 * A hub that looks lived in: three image sources, eight images in varied states and the
 * finished jobs that imported them. Same seed, same hub (ids included).
 */
export function seedCycle(options: CycleSeedOptions = {}): CycleState {
  const seed = options.seed ?? 1
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`)
  const apiKey = options.apiKey ?? DEFAULT_CYCLE_API_KEY
  if (apiKey === '') throw new RangeError('cycleApiKey must not be empty')
  if (apiKey === CYCLE_NO_MANAGE_KEY) {
    throw new RangeError('cycleApiKey must differ from the sandbox no-manage key')
  }
  const counts = {
    images: checkCount('cycleImages', options.images ?? 0, MAX_SCALE_IMAGES),
    jobs: checkCount('cycleJobs', options.jobs ?? 0, MAX_SCALE_JOBS)
  }
  // Its own stream, offset from qbo's, so that each emulator's seed data stays independent.
  const rand = mulberry32((seed ^ 0x5eed_c1c1) >>> 0)
  const account = seedAccount(rand)
  const hubCreated = daysBefore(rand, 200, 20)
  const hubId = objectId(hubCreated, rand)
  const hub: Hub = {
    id: hubId,
    identifier: 'berth-sandbox',
    name: 'Berth Sandbox',
    creator: { id: account.id, type: 'account' },
    events: events(hubCreated, hubCreated + 3 * DAY_MS),
    state: { current: 'live', changed: iso(hubCreated) },
    security: { force_2fa: false },
    integrations: {},
    webhooks: { server_deployed: null, server_deleted: null },
    billing: null
  }
  const keys = [
    seedKey(rand, hubId, account, { secret: apiKey, name: 'Berth', capabilities: CAPABILITIES }),
    seedKey(rand, hubId, account, {
      secret: CYCLE_NO_MANAGE_KEY,
      name: 'Berth (view only)',
      capabilities: CAPABILITIES.filter((c) => c !== NEEDS.imagesManage)
    })
  ]
  const keyCreator: CreatorScope = { id: keys[0]?.resource.id ?? '', type: 'api-key' }
  const accountCreator: CreatorScope = { id: account.id, type: 'account' }

  const sources: ImageSource[] = SOURCES.map((plan, i) => {
    const created = daysBefore(rand, 120 - i * 30, 10)
    return {
      id: objectId(created, rand),
      identifier: plan.name,
      type: 'direct',
      hub_id: hubId,
      name: plan.name,
      about: { description: plan.about },
      origin: plan.origin,
      builder: null,
      creator: plan.byKey ? keyCreator : accountCreator,
      acl: null,
      state: { current: 'live', changed: iso(created) },
      events: events(created)
    }
  })
  const state: CycleState = {
    hub,
    accounts: [account],
    keys,
    sources,
    images: [],
    jobs: [],
    buildLogs: new Map(),
    containers: new Map(),
    jobVisibleAt: new Map()
  }
  seedImages(state, rand, { account: accountCreator, key: keyCreator })
  // Its own stream again, so that a scaled hub keeps every planned id and timestamp.
  const scaleRand = mulberry32((seed ^ 0x5ca1_ab1e) >>> 0)
  const firstPlanned = Math.min(...state.images.map((image) => Date.parse(image.events.created)))
  seedScale(state, scaleRand, keyCreator, counts, { from: hubCreated, to: firstPlanned - DAY_MS })
  return state
}
