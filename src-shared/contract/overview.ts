import { z } from 'zod'

const count = z.number().int().min(0)

/** How many of something are in one state (a cluster's, a hub job's). */
export const StateCount = z.object({ state: z.string(), count })
export type StateCount = z.infer<typeof StateCount>

/** One account's figures for the Overview, all read from the cache (so they answer offline). */
export const OverviewAccount = z.object({
  accountId: z.string(),
  clusters: z.array(StateCount),
  /** Ready by the one rule (isNodeReady); every other state is not ready. */
  nodes: z.object({ ready: count, notReady: count, byState: z.array(StateCount) }),
  /** qbo images by the registry they come from ('' for none named). */
  images: z.array(z.object({ registry: z.string(), count })),
  /** Cycle images by image source, with the bytes they take. */
  cycleImages: z.array(
    z.object({ sourceId: z.string(), sourceName: z.string(), count, bytes: count })
  ),
  /** Cycle's own jobs queued within the window, by state. */
  hubJobs: z.array(StateCount),
  /** Berth's own jobs still to finish (the Activity view). */
  jobs: z.object({ queued: count, running: count })
})
export type OverviewAccount = z.infer<typeof OverviewAccount>

export const OVERVIEW_DAYS = 7

export const OverviewQuery = z
  .object({ days: z.number().int().min(1).max(90).default(OVERVIEW_DAYS) })
  .strict()
  .default({ days: OVERVIEW_DAYS })

export const Overview = z.object({
  accounts: z.array(OverviewAccount),
  /** Start of the hub jobs' window (ms since epoch). */
  since: z.number()
})
export type Overview = z.infer<typeof Overview>
