// Cached first paint in Chromium: navigation to the first row on screen, against a raw static
// page that holds the same 100 rows in its HTML.
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import { chromium } from 'playwright-core'

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']

export async function launch() {
  const executablePath = CHROMIUM.filter(Boolean).find((p) => existsSync(p))
  if (!executablePath)
    throw new Error('no Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)')
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
  })
}

/** What a page waits for: the Nodes list's first row; the Overview with every chart drawn. */
export const NODES_ROW = '[data-testid="row"]'
export const OVERVIEW_DRAWN =
  '[data-testid="overview"]:not(:has([data-testid="overview-chart"][data-drawn="false"])) [data-testid="overview-chart"][data-drawn="true"]'

/**
 * ms from navigation until `selector` is in the page. The agent's printed address (`#token=…`)
 * opens the start view, the Overview; with `place` (`#/nodes`) the page is a tab reloading that
 * address instead, the token already kept in the tab as the app keeps it after its first load.
 */
/** The address `page` loads for `place` (null: the agent's own, the start view). */
async function addressOf(page, url, place) {
  if (!place) return url
  const { hash, origin } = new URL(url)
  const token = new URLSearchParams(hash.slice(1)).get('token')
  if (token) await page.addInitScript((t) => sessionStorage.setItem('berth.token', t), token)
  return `${origin}/${place}`
}

export async function firstPaint(browser, url, selector, place = null) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  try {
    await page.goto(await addressOf(page, url, place), { waitUntil: 'commit' })
    const handle = await page.waitForFunction(
      (sel) => (document.querySelector(sel) ? performance.now() : false),
      selector,
      { polling: 'raf', timeout: 60_000 }
    )
    return await handle.jsonValue()
  } finally {
    await page.close()
  }
}

/** A static page with a 100-row table, served from memory. */
export async function rawPage() {
  const rows = Array.from(
    { length: 100 },
    (_, i) =>
      `<tr data-testid="row"><td>node-${i}.localhost</td><td>cluster-${i % 4}</td><td>ready</td></tr>`
  ).join('')
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>raw</title></head><body><table>${rows}</table></body></html>`
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(html)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => server.close(resolve))
  }
}

/**
 * One page load watched from inside, for finding where the time goes (bench/paint.mjs): the
 * first-row time, every request and WebSocket frame relative to navigation (ms), the renderer's
 * CPU profile summed by script and function, and a Chromium trace for DevTools.
 */
export async function tracedPaint(browser, url, selector, { profile = true, place = null } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const cdp = await page.context().newCDPSession(page)
  const events = []
  let t0 = null
  const at = (seconds) => (t0 === null ? NaN : Math.round((seconds - t0) * 10000) / 10)
  await cdp.send('Network.enable')
  cdp.on('Network.requestWillBeSent', (e) => {
    t0 ??= e.timestamp
    events.push([at(e.timestamp), 'request', e.request.url.replace(/#.*/, '').slice(-60)])
  })
  cdp.on('Network.loadingFinished', (e) =>
    events.push([at(e.timestamp), 'loaded', e.requestId, `${e.encodedDataLength} B`])
  )
  cdp.on('Network.webSocketCreated', () => events.push([NaN, 'ws created']))
  cdp.on('Network.webSocketWillSendHandshakeRequest', (e) =>
    events.push([at(e.timestamp), 'ws handshake sent'])
  )
  cdp.on('Network.webSocketHandshakeResponseReceived', (e) =>
    events.push([at(e.timestamp), 'ws open'])
  )
  cdp.on('Network.webSocketFrameSent', (e) =>
    events.push([at(e.timestamp), 'ws sent', e.response.payloadData.slice(0, 80)])
  )
  cdp.on('Network.webSocketFrameReceived', (e) =>
    events.push([
      at(e.timestamp),
      'ws received',
      `${e.response.payloadData.length} B`,
      e.response.payloadData.slice(0, 40)
    ])
  )
  if (profile) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
    await cdp.send('Profiler.start')
  }
  await browser.startTracing(page, { screenshots: false })
  try {
    await page.goto(await addressOf(page, url, place), { waitUntil: 'commit' })
    const handle = await page.waitForFunction(
      (sel) => (document.querySelector(sel) ? performance.now() : false),
      selector,
      { polling: 'raf', timeout: 60_000 }
    )
    const ms = await handle.jsonValue()
    const trace = await browser.stopTracing()
    const cpuProfile = profile ? (await cdp.send('Profiler.stop')).profile : null
    const marks = await page.evaluate(() =>
      performance
        .getEntries()
        .map((e) => [
          Math.round(e.startTime),
          Math.round(e.startTime + e.duration),
          e.entryType,
          e.name.replace(/#.*/, '').slice(-60)
        ])
    )
    return { ms, trace, cpuProfile, events, marks, cpu: cpuProfile && summarize(cpuProfile) }
  } finally {
    await page.close()
  }
}

/**
 * CPU time (ms) the page's main thread spent between navigation and `untilMs` after it, from a
 * Chromium trace: what the page itself costs, which other processes' load barely changes.
 */
export function mainThreadCpu(traceBuffer, untilMs) {
  const data = JSON.parse(String(traceBuffer))
  const events = Array.isArray(data) ? data : data.traceEvents
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`)
  )
  const parse = events.find((e) => e.name === 'ParseHTML' && mains.has(`${e.pid}:${e.tid}`))
  const start = events.find(
    (e) => e.name === 'navigationStart' && parse && e.pid === parse.pid && e.tid === parse.tid
  )
  if (!parse || !start) return NaN
  const end = start.ts + untilMs * 1000
  let cpu = 0
  for (const e of events) {
    if (e.pid !== parse.pid || e.tid !== parse.tid || e.ph !== 'X') continue
    if (e.name !== 'ThreadControllerImpl::RunTask' || e.ts < start.ts || e.ts > end) continue
    cpu += (e.tdur ?? e.dur) / 1000
  }
  return cpu
}

/** Self time of a CPU profile by script and by function, largest first (ms). */
function summarize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map()
  const dt = profile.timeDeltas
  for (let i = 0; i < profile.samples.length; i++) {
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0) / 1000)
  }
  const byScript = new Map()
  const byFunction = new Map()
  for (const [id, time] of self) {
    const { callFrame: f } = byId.get(id)
    const script = f.url.split('/').pop() || `(${f.functionName || 'native'})`
    byScript.set(script, (byScript.get(script) ?? 0) + time)
    const name = `${f.functionName || '(anonymous)'} ${script}:${f.lineNumber}:${f.columnNumber}`
    byFunction.set(name, (byFunction.get(name) ?? 0) + time)
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => [k, Math.round(v * 10) / 10])
  return { byScript: top(byScript, 12), byFunction: top(byFunction, 25) }
}
