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

/** Milliseconds from navigation start until `selector` is in the page (the page's own clock). */
export async function firstPaint(browser, url, selector) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  try {
    await page.goto(url, { waitUntil: 'commit' })
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
