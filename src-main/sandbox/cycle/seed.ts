import { mulberry32 } from '../qbo/random'
import type { Random } from '../qbo/random'
import { CAPABILITIES, IMPORT_CAPABILITY, KEY_CAPABILITIES, NEEDS } from './capabilities'
import { events, iso, objectId } from './ids'
import { seedFidelity } from './seed-fidelity'
import { daysBefore, seedKey } from './seed-keys'
import { seedImages } from './seed-images'
import { MAX_SCALE_IMAGES, MAX_SCALE_JOBS, seedScale } from './seed-scale'
import type {
  CreatorScope,
  CycleState,
  Hub,
  ImageOrigin,
  ImageSource,
  PublicAccount
} from './types'

/** Fixed, so that a restarted sandbox accepts the key a client saved last time. */
export const DEFAULT_CYCLE_API_KEY = 'cycle-sandbox-key-3f9c2a7e41d84b6a9e0c5d17'
/**
 * Every capability of the document's enum except `images-manage`: for clients' permission-error
 * paths. It lacks `images-import` too (not in the enum), so it cannot import either.
 */
export const CYCLE_NO_MANAGE_KEY = 'cycle-sandbox-key-viewer-8b21e6f09c3d4a57b1e2'
/** A CI importer's key: `images-view` and `images-import`, nothing else. */
export const CYCLE_IMPORTER_KEY = 'cycle-sandbox-key-importer-5d0e93b7a2c64f18'
export const IMPORTER_CAPABILITIES = [NEEDS.imagesView, IMPORT_CAPABILITY] as const

export { CYCLE_SEED_EPOCH_MS } from './seed-keys'
const DAY_MS = 86_400_000

export interface CycleSeedOptions {
  seed?: number
  apiKey?: string
  /** Generated images beyond the eight planned ones (see seed-scale.ts). */
  images?: number
  /** Generated finished import jobs beyond the planned ones. */
  jobs?: number
  /**
   * One seeded image's `state` goes out without `current`, as some documented examples show it
   * (the schema requires it, and Berth's client refuses such an image today). Default off.
   */
  stateWithoutCurrent?: boolean
}

function checkCount(label: string, value: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${label} must be an integer from 0 to ${max}, got ${value}`)
  }
  return value
}

function seedAccount(rand: Random): PublicAccount {
  return {
    id: objectId(daysBefore(rand, 400, 30), rand),
    name: { first: 'Robin', last: 'Sandbox' },
    email: { address: 'robin@sandbox.berth.invalid' },
    two_factor_auth: { verified: true }
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
  if (apiKey === CYCLE_NO_MANAGE_KEY || apiKey === CYCLE_IMPORTER_KEY) {
    throw new RangeError('cycleApiKey must differ from the sandbox no-manage and importer keys')
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
    seedKey(rand, hubId, account, {
      secret: apiKey,
      name: 'Berth',
      capabilities: KEY_CAPABILITIES
    }),
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
    employees: [],
    visitors: [],
    environments: [],
    stacks: [],
    stackBuilds: [],
    integrations: [],
    keys,
    sources,
    images: [],
    jobs: [],
    buildLogs: new Map(),
    containers: new Map(),
    jobVisibleAt: new Map(),
    stateWithoutCurrent: new Set()
  }
  seedImages(state, rand, { account: accountCreator, key: keyCreator })
  // Its own stream, so that the planned hub keeps every id it had before these were added.
  const fidelityRand = mulberry32((seed ^ 0xf1de_1117) >>> 0)
  seedFidelity(state, fidelityRand, {
    account: accountCreator,
    importerSecret: CYCLE_IMPORTER_KEY,
    importerCapabilities: IMPORTER_CAPABILITIES,
    stateWithoutCurrent: options.stateWithoutCurrent ?? false
  })
  // Its own stream again, so that a scaled hub keeps every planned id and timestamp.
  const scaleRand = mulberry32((seed ^ 0x5ca1_ab1e) >>> 0)
  const firstPlanned = Math.min(...state.images.map((image) => Date.parse(image.events.created)))
  seedScale(state, scaleRand, keyCreator, counts, { from: hubCreated, to: firstPlanned - DAY_MS })
  return state
}
