import { randomInt } from 'node:crypto'

/** Uniform in [0, 1), like Math.random, but injectable so that seeded hubs are reproducible. */
export type Random = () => number

/** mulberry32: tiny, fast, good enough for fake data; the same seed always gives the same hub. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** For objects created at run time, where reproducibility buys nothing and collisions would. */
export const cryptoRandom: Random = () => randomInt(2 ** 32) / 2 ** 32

export function intBelow(rand: Random, n: number): number {
  return Math.floor(rand() * n)
}

export function pick<T>(rand: Random, items: readonly T[]): T {
  const item = items[intBelow(rand, items.length)]
  if (item === undefined) throw new RangeError('pick from an empty list')
  return item
}

export function shuffled<T>(rand: Random, items: readonly T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = intBelow(rand, i + 1)
    const a = out[i] as T
    out[i] = out[j] as T
    out[j] = a
  }
  return out
}

/** `length` characters drawn from `alphabet`. */
export function chars(rand: Random, alphabet: string, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[intBelow(rand, alphabet.length)] ?? ''
  return out
}

export function hex(rand: Random, length: number): string {
  return chars(rand, '0123456789abcdef', length)
}

/** A version-4-shaped UUID drawn from `rand` (crypto.randomUUID would break seeded hubs). */
export function uuid(rand: Random): string {
  const variant = (8 + intBelow(rand, 4)).toString(16)
  const groups = [
    hex(rand, 8),
    hex(rand, 4),
    `4${hex(rand, 3)}`,
    variant + hex(rand, 3),
    hex(rand, 12)
  ]
  return groups.join('-')
}
