import { hex } from '../qbo/random'
import type { Random } from '../qbo/random'
import { objectId } from './ids'
import { startImport } from './import-run'
import { newImage } from './model'
import type { CreatorScope, CycleState, StateCount } from './types'

interface ImagePlan {
  source: number
  name: string
  override?: string
  /** Build args for Dockerfile builds; GIT_SHA is drawn from the seed. */
  args?: Record<string, string>
  creator: 'account' | 'key'
  /** `live`: imported; `failed`: the import ended in error; `new`: never imported. */
  outcome: 'live' | 'failed' | 'new'
  containers?: Record<string, number>
}

const PLANS: ImagePlan[] = [
  { source: 0, name: 'nginx:1.25', override: 'nginx:1.25', creator: 'account', outcome: 'live' },
  {
    source: 0,
    name: 'nginx:1.26',
    override: 'nginx:1.26',
    creator: 'account',
    outcome: 'live',
    containers: { stopped: 1 }
  },
  { source: 0, name: 'nginx:1.27', creator: 'key', outcome: 'live', containers: { running: 3 } },
  {
    source: 1,
    name: 'storefront #41',
    args: { NODE_ENV: 'production' },
    creator: 'key',
    outcome: 'live',
    containers: { running: 2, stopped: 1 }
  },
  {
    source: 1,
    name: 'storefront #42',
    args: { NODE_ENV: 'production' },
    creator: 'key',
    outcome: 'live'
  },
  {
    source: 1,
    name: 'storefront #43',
    args: { NODE_ENV: 'production' },
    creator: 'key',
    outcome: 'failed'
  },
  {
    source: 2,
    name: 'worker 2.3',
    creator: 'account',
    outcome: 'live',
    containers: { running: 4 }
  },
  {
    source: 2,
    name: 'worker 2.4',
    override: 'berth-sandbox/worker:2.4',
    creator: 'account',
    outcome: 'new'
  }
]

export const SEED_BUILD_FAILURE =
  "RUN npm run build exited with code 1: Cannot find module '@storefront/ui'"

function count(states: Record<string, number> | undefined): StateCount | undefined {
  if (states === undefined) return undefined
  const total = Object.values(states).reduce((a, b) => a + b, 0)
  return { state: { ...states }, total, available: states.running ?? 0 }
}

/**
 * Creates the seeded images and runs their imports to the end on a made-up clock, so that
 * their jobs, logs and timestamps look exactly like ones the sandbox produces live.
 */
export function seedImages(
  state: CycleState,
  rand: Random,
  creators: { account: CreatorScope; key: CreatorScope }
): void {
  PLANS.forEach((plan, i) => {
    const source = state.sources[plan.source]
    if (source === undefined) throw new Error(`seed plan ${i} names a missing source`)
    const sourceCreated = Date.parse(source.events.created)
    // Later plans are newer, and each is some hours to days after its source appeared.
    let now = sourceCreated + (i + 1) * 7 * 3_600_000 + Math.floor(rand() * 3_600_000)
    const creator = plan.creator === 'key' ? creators.key : creators.account
    const image = newImage(state, {
      id: objectId(now, rand),
      name: plan.name,
      source,
      ...(plan.override === undefined ? {} : { override: { target: plan.override } }),
      ...(plan.args === undefined
        ? {}
        : { build: { args: { ...plan.args, GIT_SHA: hex(rand, 40) }, use_disk: false } }),
      creator,
      now
    })
    state.images.push(image)
    const containers = count(plan.containers)
    if (containers !== undefined) state.containers.set(image.id, containers)
    if (plan.outcome === 'new') return
    now += 2_000 + Math.floor(rand() * 5_000)
    const run = startImport(state, image, {
      creator,
      now,
      rand,
      ...(plan.outcome === 'failed' ? { failure: SEED_BUILD_FAILURE } : {})
    })
    while (!run.done) {
      now += 3_000 + Math.floor(rand() * 20_000)
      run.tick(now)
    }
  })
}
