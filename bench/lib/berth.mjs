// Berth's side: the built headless agent syncing from the sandbox, watched from outside (the
// contract, the tap) and from inside (the probe).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAgent } from './processes.mjs'
import { contractClient } from './wire.mjs'

const POLL_MS = 20
const COUNT_EVERY = 10
const SYNC_TIMEOUT_MS = 150_000
/** How long RSS waits for the writer thread to end after a sync (it ends once idle). */
const WRITER_END_MS = 5_000

export function scratchDir(label) {
  return mkdtempSync(join(tmpdir(), `berth-bench-${label.replace(/[^a-z0-9]+/gi, '-')}-`))
}

/** A `--config` file listing these accounts (the sandbox reached through the tap). */
export function configFile(dir, { qbo, cycle }, tapPort) {
  const accounts = []
  if (qbo) {
    accounts.push({
      kind: 'qbo',
      name: 'Bench qbo',
      url: `ws://127.0.0.1:${tapPort}/`,
      token: qbo.token
    })
  }
  if (cycle) {
    accounts.push({
      kind: 'cycle',
      name: 'Bench hub',
      url: `http://127.0.0.1:${tapPort}`,
      apiKey: cycle.apiKey,
      hubId: cycle.hubId
    })
  }
  const file = join(dir, 'config.json')
  writeFileSync(file, JSON.stringify({ accounts }))
  return file
}

const p = (values, q) => {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
}
export const p95 = (values) => p(values, 0.95)
export const median = (values) => p(values, 0.5)

/** Whether every list holds at least what the floor stored. */
async function listsFilled(contract, expected) {
  for (const { method, total } of expected) {
    const page = await contract.call(method, { limit: 1 })
    if (page.total < total) return false
  }
  return true
}

/** The lists still short of what the floor stored, for the failure message. */
async function shortLists(contract, expected) {
  const short = []
  for (const { kind, method, total } of expected) {
    const page = await contract.call(method, { limit: 1 })
    if (page.total < total) short.push(`${kind} ${page.total}/${total}`)
  }
  return short.length > 0 ? `short: ${short.join(', ')}` : 'lists complete, lastSyncAt unset'
}

/**
 * RSS once the agent's worker threads (the sync writer) have ended, as the probe counts them:
 * right after a sync the writer is often still closing (search catch-up), so RSS read then lands
 * anywhere between what it holds at its height and what the agent keeps. Gives up after
 * WRITER_END_MS with the RSS of the moment.
 */
async function rssWriterEnded(agent, report) {
  const until = performance.now() + WRITER_END_MS
  while (report.workers > 0 && performance.now() < until) {
    await new Promise((r) => setTimeout(r, 50))
    report = await agent.probe()
  }
  return { rss: report.rss, writerEnded: report.workers === 0 }
}

/**
 * Starts the agent on `dataDir` and waits until every account has synced once: each says when it
 * last synced, or (whatever that field does) its lists hold what the floor stored (`expected`).
 * While it syncs, `accounts.list` is called back to back: the longest wait is what a page felt.
 */
export async function syncOnce({
  tap,
  dataDir,
  config,
  expected = [],
  timeoutMs = SYNC_TIMEOUT_MS
}) {
  tap.arm()
  const agent = await startAgent({
    dataDir,
    configFile: config,
    probeFile: join(dataDir, 'probe.json')
  })
  await agent.probe()
  const contract = await contractClient(agent.url)
  const accountCount = JSON.parse(readFileSync(config, 'utf8')).accounts.length
  // The moment the last account said it synced, as its event arrived: the polls below notice it
  // only at their next turn (up to POLL_MS later), which would count against Berth.
  let syncedAt = null
  const synced = new Map()
  contract.onEvent((event) => {
    if (event.type !== 'account') return
    synced.set(event.account.id, event.account.lastSyncAt !== null)
    if (syncedAt === null && [...synced.values()].every(Boolean) && synced.size >= accountCount) {
      syncedAt = performance.now()
    }
  })
  let longestCallMs = 0
  let accounts
  const deadline = performance.now() + timeoutMs
  let incomplete = null
  for (let round = 1; ; round++) {
    const before = performance.now()
    accounts = await contract.call('accounts.list')
    longestCallMs = Math.max(longestCallMs, performance.now() - before)
    if (accounts.length > 0 && accounts.every((a) => a.lastSyncAt !== null)) break
    if (
      expected.length > 0 &&
      round % COUNT_EVERY === 0 &&
      (await listsFilled(contract, expected))
    ) {
      break
    }
    if (performance.now() > deadline) {
      incomplete = await shortLists(contract, expected)
      break
    }
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
  const doneAt = Math.min(syncedAt ?? Infinity, performance.now())
  // An account may say it synced while a list is still short of what the floor stored.
  if (incomplete === null && expected.length > 0 && !(await listsFilled(contract, expected))) {
    incomplete = await shortLists(contract, expected)
  }
  const inside = await agent.probe()
  const after = await rssWriterEnded(agent, inside)
  const firstAt = tap.firstAt() ?? agent.startedAt
  return {
    agent,
    contract,
    /** Null when every account synced; otherwise why the wait gave up (the figures are partial). */
    incomplete:
      incomplete &&
      `incomplete sync after ${Math.round((doneAt - agent.startedAt) / 1000)} s (${incomplete})`,
    syncMs: doneAt - firstAt,
    firstRequestMs: firstAt - agent.startedAt,
    fromStartMs: doneAt - agent.startedAt,
    longestCallMs,
    maxBlockMs: inside.maxBlockMs,
    heapUsed: inside.heapUsed,
    peakHeap: inside.peakHeap,
    /** RSS once the writer thread has ended (`rssWriterEnded` false: it had not within 5 s). */
    rss: after.rss,
    rssWriterEnded: after.writerEnded,
    syncErrors: accounts.map((a) => a.syncError).filter(Boolean),
    async stop() {
      contract.close()
      await agent.stop()
    }
  }
}

/** The floor, timed the same way: from the first request the tap saw to the end of the insert. */
export async function floorOnce(tap, run) {
  tap.arm()
  const expected = await run()
  const rows = expected.reduce((sum, e) => sum + e.total, 0)
  return { syncMs: performance.now() - tap.firstAt(), rows, expected }
}

/** A directory name from a label. */
export const slug = (label) => label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()
