import { existsSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser'
].filter((p): p is string => Boolean(p))

/** Debian's Chromium, headless. A missing browser is a failure, never a silent skip. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = candidates.find((p) => existsSync(p))
  if (!executablePath) {
    throw new Error('e2e tests need Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)')
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
}

/**
 * A page that records console errors and CSP violations, which every test asserts are absent,
 * opened on the Nodes list, where most tests start (the app itself starts on the Overview:
 * test/e2e/overview.test.ts).
 */
export async function openPage(
  browser: Browser,
  url: string
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  await page.goto(url)
  await page.getByTestId('nav-nodes').click()
  return { page, problems }
}
