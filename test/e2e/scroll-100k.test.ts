import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertAccount } from '../../src-main/cache/accounts'
import { openDatabase } from '../../src-main/cache/db'
import type { NodeRecord } from '../../src-main/cache/records'
import { replaceSet } from '../../src-main/cache/writes'
import { tempDir } from '../support/temp-dir'
import { startHeadless, type HeadlessRun } from './support/headless-process'
import { SHOTS, useBrowser, writeConfig } from './support/lab'

const TOTAL = 100_000
const MOUNTED_MAX = 100
/** Never reachable: the list is the cache's, and no sync replaces it during the test. */
const AWAY = 'ws://127.0.0.1:1/'

const name = (i: number): string => `node-${String(i).padStart(6, '0')}.big`

function nodes(): NodeRecord[] {
  return Array.from({ length: TOTAL }, (_, i) => ({
    name: name(i),
    id: `n${i}`,
    cluster: `c${Math.floor(i / 250)}`,
    clusterId: `cid${Math.floor(i / 250)}`,
    state: i % 97 === 0 ? 'notready' : 'ready',
    address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    image: 'kindest/node:v1.31.0',
    os: 'linux',
    kernel: '6.8.0',
    raw: {}
  }))
}

/** Rows in the DOM, loaded or still loading (the spacers carry no row index). */
const mounted = (page: Page): Promise<number> =>
  page.locator('table tbody tr[aria-rowindex]').count()

/** Whether a row is inside the scroll box's visible area, below the sticky header. */
async function visible(page: Page, rowIndex: number): Promise<boolean> {
  const row = await page.locator(`tr[aria-rowindex="${rowIndex}"]`).boundingBox()
  const head = await page.locator('thead').boundingBox()
  const box = await page.locator('table').locator('xpath=..').boundingBox()
  if (!row || !head || !box) return false
  return row.y >= head.y + head.height - 1 && row.y + row.height <= box.y + box.height + 1
}

const focusedRow = (page: Page): Promise<string | null> =>
  page.evaluate<string | null>('document.activeElement?.getAttribute("aria-rowindex") ?? null')

/** Like openPage, also recording each contract call the page sends (method and input). */
async function openRecorded(
  browser: Browser,
  url: string
): Promise<{ page: Page; problems: string[]; sent: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const problems: string[] = []
  const sent: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const { method, input } = JSON.parse(String(payload)) as { method: string; input: unknown }
      sent.push(`${method} ${JSON.stringify(input)}`)
    })
  )
  await page.goto(url)
  await page.getByTestId('nav-nodes').click()
  return { page, problems, sent }
}

describe('a 100k-row list in Chromium', () => {
  const browser = useBrowser()
  let dir: ReturnType<typeof tempDir>
  let run: HeadlessRun

  beforeAll(async () => {
    dir = tempDir()
    const db = openDatabase(`${dir.path}/cache.sqlite`)
    upsertAccount(db, { id: 'qbo:Big', kind: 'qbo', name: 'Big', endpoint: AWAY })
    replaceSet(db, 'qbo:Big', 'nodes', nodes())
    db.close()
    const config = writeConfig(dir.path, [{ kind: 'qbo', name: 'Big', url: AWAY, token: 't' }])
    run = await startHeadless(['--data', dir.path, '--config', config])
  })
  afterAll(async () => {
    await run?.stop()
    dir?.remove()
  })

  it(`scrolls to the end and back with at most ${MOUNTED_MAX} rows mounted`, async () => {
    const { page, problems, sent } = await openRecorded(browser(), run.url)
    const table = page.getByRole('table', { name: 'Nodes' })
    await expect.poll(() => table.getAttribute('aria-rowcount')).toBe(String(TOTAL + 1))
    await expect.poll(() => page.locator('tr[aria-rowindex="2"]').textContent()).toContain(name(0))
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('offline')
    // Start-up asked each question once, though the socket opened after the views had asked.
    const startup = sent.slice()
    expect(startup.length).toBeGreaterThan(5)
    expect(startup.filter((call, i) => startup.indexOf(call) !== i)).toEqual([])
    expect(await mounted(page)).toBeLessThanOrEqual(MOUNTED_MAX)
    await expect(page.getByTestId('pager').count()).resolves.toBe(0)

    // A few wheel turns, as a person scrolls: rows keep coming, and few are ever mounted.
    await page.locator('tr[aria-rowindex="2"]').hover()
    for (let turn = 0; turn < 5; turn++) {
      await page.mouse.wheel(0, 4000)
      await expect.poll(() => mounted(page)).toBeGreaterThan(10)
      expect(await mounted(page)).toBeLessThanOrEqual(MOUNTED_MAX)
    }
    await expect
      .poll(() => page.locator('tbody tr[data-testid="row"]').first().textContent())
      .not.toContain(name(0))

    // To the end: the last node is there and in view.
    await table.evaluate((el) => {
      const box = el.parentElement!
      box.scrollTop = box.scrollHeight
    })
    const last = page.locator(`tr[aria-rowindex="${TOTAL + 1}"]`)
    await expect.poll(() => last.textContent()).toContain(name(TOTAL - 1))
    // The row scrolls into view after it takes the focus or its text.
    await expect.poll(() => visible(page, TOTAL + 1)).toBe(true)
    expect(await mounted(page)).toBeLessThanOrEqual(MOUNTED_MAX)
    await page.screenshot({ path: `${SHOTS}/e2e-scroll-100k-end.png` })

    // And back to the top.
    await table.evaluate((el) => (el.parentElement!.scrollTop = 0))
    await expect.poll(() => page.locator('tr[aria-rowindex="2"]').textContent()).toContain(name(0))
    // The row scrolls into view after it takes the focus or its text.
    await expect.poll(() => visible(page, 2)).toBe(true)
    expect(await mounted(page)).toBeLessThanOrEqual(MOUNTED_MAX)

    // The keyboard goes there too: End from a focused row, then Home.
    await page.locator('tr[aria-rowindex="2"]').focus()
    await page.keyboard.press('End')
    await expect.poll(() => focusedRow(page)).toBe(String(TOTAL + 1))
    // The row scrolls into view after it takes the focus or its text.
    await expect.poll(() => visible(page, TOTAL + 1)).toBe(true)
    await page.keyboard.press('Home')
    await expect.poll(() => focusedRow(page)).toBe('2')
    expect(await mounted(page)).toBeLessThanOrEqual(MOUNTED_MAX)
    await page.screenshot({ path: `${SHOTS}/e2e-scroll-100k-top.png` })
    expect(problems).toEqual([])
    await page.close()
  })
})
