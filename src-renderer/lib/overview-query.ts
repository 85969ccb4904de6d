/**
 * The Overview's one query, as the view sends it and start-up primes it (lib/first-queries.ts):
 * the two must match key for key. The hub jobs' window is the agent's default (seven days).
 */
export const OVERVIEW_INPUT = {} as const
