import type { Random } from '../qbo/random'
import { CAPABILITIES } from './capabilities'
import { events, iso, objectId } from './ids'
import type { ApiKey, PublicAccount } from './types'

/** Seeded timestamps are days before this instant (2025-05-12), so they are "old" to prune. */
export const CYCLE_SEED_EPOCH_MS = Date.UTC(2025, 4, 12, 9, 30, 0)
const DAY_MS = 86_400_000

export function daysBefore(rand: Random, min: number, spread: number): number {
  return CYCLE_SEED_EPOCH_MS - (min + rand() * spread) * DAY_MS
}

/** An API key of the hub, made by `account`; `all` when it holds the whole capability enum. */
export function seedKey(
  rand: Random,
  hubId: string,
  account: PublicAccount,
  key: { secret: string; name: string; capabilities: readonly string[] }
): ApiKey {
  const created = daysBefore(rand, 150, 20)
  const all = CAPABILITIES.every((c) => key.capabilities.includes(c))
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
