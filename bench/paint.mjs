// `node bench/paint.mjs [--data DIR] [--fresh] [--rounds N] [--idle] [--cpu] [--trace FILE]
//  [--compare ROOT] [--overview]`
// Only the cached first paint of `npm run bench`'s large part: the Nodes list's first row, or with
// --overview the start view with every chart drawn. The first run syncs the same
// sandbox (400 clusters × 250 nodes, 50k Cycle images) into one data dir, kept and reused by
// every later run (a few hundred MB in the temp folder, never one per run); --data DIR keeps it
// elsewhere, --fresh syncs it again. As in the large part, the sandbox keeps running while the
// page loads, so the agent refreshes every account in the background meanwhile.
//   --idle     stops the sandbox first: nothing to refresh, the page's own path alone on the clock
//   --cpu      adds traced loads and prints the page's main-thread CPU time up to the first row
//   --trace F  writes one load's Chromium trace and CPU profile (F.cpuprofile; both open in
//              DevTools) and prints its requests, socket frames and where its CPU went
//   --compare  alternates with another checkout's build (e.g. `git archive HEAD` built in
//              /tmp/base), load by load, so before and after share the same noise
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { configFile, median, syncOnce } from './lib/berth.mjs'
import {
  firstPaint,
  launch,
  mainThreadCpu,
  NODES_ROW,
  OVERVIEW_DRAWN,
  rawPage,
  tracedPaint
} from './lib/paint.mjs'
import { startAgent, startSandbox } from './lib/processes.mjs'
import { startTap } from './lib/wire.mjs'

/** A second agent needs its own data dir (each locks its own): a copy made once, kept after. */
function copyOf(data) {
  const copy = `${data}-compare`
  if (!existsSync(join(copy, 'cache.sqlite'))) {
    cpSync(data, copy, { recursive: true, filter: (path) => !path.endsWith('berth.lock') })
  }
  return copy
}

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: join(tmpdir(), 'berth-bench-paint') },
    fresh: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '5' },
    trace: { type: 'string' },
    compare: { type: 'string' },
    idle: { type: 'boolean', default: false },
    cpu: { type: 'boolean', default: false },
    overview: { type: 'boolean', default: false }
  }
})
const FLAGS = ['--clusters', '400', '--nodes-per-cluster', '250', '--cycle-images', '50000']
const SELECTOR = args.overview ? OVERVIEW_DRAWN : NODES_ROW
/** The Nodes list is loaded at its own address; the Overview is where the agent's address opens. */
const PLACE = args.overview ? null : '#/nodes'

const sandbox = await startSandbox(FLAGS)
const tap = await startTap(new URL(sandbox.connection.cycle.url).port)
const viaTap = {
  qbo: { url: `ws://127.0.0.1:${tap.port}/`, token: sandbox.connection.qbo.token },
  cycle: { ...sandbox.connection.cycle, url: `http://127.0.0.1:${tap.port}` }
}
try {
  const data = args.data
  if (args.fresh) {
    rmSync(data, { recursive: true, force: true })
    rmSync(`${data}-compare`, { recursive: true, force: true })
  }
  if (!existsSync(join(data, 'cache.sqlite'))) {
    mkdirSync(data, { recursive: true })
    console.log(`syncing 100k nodes + 100k pods + 50k images into ${data} (once)`)
    const run = await syncOnce({ tap, dataDir: data, config: configFile(data, viaTap, tap.port) })
    await run.stop()
    if (run.incomplete) throw new Error(run.incomplete)
    console.log(
      `synced in ${Math.round(run.syncMs)} ms; kept for the next run (rm -r ${data} frees it)`
    )
  }
  // The sandbox restarted with new tokens and port: the accounts must point at this one.
  const config = configFile(data, viaTap, tap.port)
  // --idle: no sandbox, so the agent has nothing to sync and only the page is measured.
  if (args.idle) await sandbox.stop()

  const browser = await launch()
  const raw = await rawPage()
  const otherData = args.compare ? copyOf(data) : null
  const agent = await startAgent({ dataDir: data, configFile: config })
  const other = args.compare
    ? await (
        await import(pathToFileURL(join(args.compare, 'bench/lib/processes.mjs')).href)
      ).startAgent({ dataDir: otherData, configFile: config })
    : null
  try {
    const times = { raw: [], Berth: [], compared: [] }
    for (let i = 0; i < Number(args.rounds); i++) {
      // The raw page is a plain 100-row table whatever Berth's page waits for.
      times.raw.push(await firstPaint(browser, raw.url, NODES_ROW))
      times.Berth.push(await firstPaint(browser, agent.url, SELECTOR, PLACE))
      if (other) times.compared.push(await firstPaint(browser, other.url, SELECTOR, PLACE))
    }
    if (args.cpu) {
      // Traced loads: the page's main-thread CPU up to the first row, steadier than wall time
      // on a busy machine.
      const cpu = { Berth: [], compared: [] }
      for (let i = 0; i < Number(args.rounds); i++) {
        for (const [label, target] of [
          ['Berth', agent],
          ['compared', other]
        ]) {
          if (!target) continue
          const load = await tracedPaint(browser, target.url, SELECTOR, {
            profile: false,
            place: PLACE
          })
          cpu[label].push(mainThreadCpu(load.trace, load.ms))
        }
      }
      for (const [label, values] of Object.entries(cpu)) {
        if (values.length === 0) continue
        const all = values.map((v) => Math.round(v)).join(', ')
        console.log(
          `${label.padEnd(8)} page CPU to first row, median ${Math.round(median(values))} ms  (${all})`
        )
      }
    }
    for (const [label, values] of Object.entries(times)) {
      if (values.length === 0) continue
      const all = values.map((v) => Math.round(v)).join(', ')
      console.log(`${label.padEnd(8)} median ${Math.round(median(values))} ms  (${all})`)
    }
    if (args.trace) {
      const { ms, trace, cpuProfile, ...seen } = await tracedPaint(browser, agent.url, SELECTOR, {
        place: PLACE
      })
      writeFileSync(args.trace, trace)
      writeFileSync(`${args.trace}.cpuprofile`, JSON.stringify(cpuProfile))
      writeFileSync(`${args.trace}.seen.json`, JSON.stringify(seen, null, 1))
      console.log(`traced load: ${Math.round(ms)} ms, trace in ${args.trace}`)
      console.log(JSON.stringify(seen, null, 1))
    }
  } finally {
    await agent.stop()
    await other?.stop()
    await raw.close()
    await browser.close()
  }
} finally {
  await tap.close()
  await sandbox.stop()
}
