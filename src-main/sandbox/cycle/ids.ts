import { hex } from '../qbo/random'
import type { Random } from '../qbo/random'
import type { Events } from './types'

/** Cycle (a Go service) writes unset timestamps as Go's zero time, not null. */
export const ZERO_TIME = '0001-01-01T00:00:00Z'

/**
 * RFC 3339 in UTC as Go's RFC3339Nano writes it: fractional seconds only when non-zero, with
 * trailing zeros trimmed (`…:00Z`, `…:00.25Z`). Milliseconds keep step order visible.
 */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0*Z$/, 'Z')
}

/**
 * A Mongo ObjectId as Cycle uses for every id: 4 bytes of creation time then 8 random bytes,
 * so ids sort roughly by age just like the real ones do.
 */
export function objectId(ms: number, rand: Random): string {
  const seconds = Math.floor(ms / 1000) >>> 0
  return seconds.toString(16).padStart(8, '0') + hex(rand, 16)
}

export function events(created: number, updated = created): Events {
  return { created: iso(created), updated: iso(updated), deleted: ZERO_TIME }
}
