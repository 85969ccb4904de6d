// The Overview, the start view: its figures equal the lists they open, its charts are drawn with
// the same figures as text beside them, and it is axe-clean in both themes.
import { copyFileSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { tempDir } from '../support/temp-dir'
import { seriousViolations } from './support/axe'
import { startHeadless, type HeadlessRun } from './support/headless-process'
import { qboLab, SHOTS, useBrowser, writeConfig } from './support/lab'
import { settled } from './support/view-tour'

const SCREENSHOTS = `${SHOTS}/screenshots`
const README_SHOT = resolve(import.meta.dirname, '../../docs/screenshot-overview.png')

describe('the Overview', () => {
  const browser = useBrowser()
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let run: HeadlessRun
  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox({ stepMs: 5 })
    const config = writeConfig(dir.path, [
      qboLab(sandbox),
      { kind: 'cycle', name: 'Hub', ...sandbox.connection().cycle }
    ])
    run = await startHeadless(['--data', dir.path, '--config', config])
  })
  afterEach(async () => {
    await run?.stop()
    await sandbox?.close()
    dir?.remove()
  })

  async function open(
    theme: 'light' | 'dark' = 'light'
  ): Promise<{ page: Page; problems: string[] }> {
    const page = await browser().newPage({
      viewport: { width: 1400, height: 900 },
      colorScheme: theme,
      reducedMotion: 'reduce'
    })
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    await page.goto(run.url)
    await expect
      .poll(() => page.getByTestId('account').evaluateAll((a) => a.map((e) => e.dataset.state)))
      .toEqual(['online', 'online'])
    return { page, problems }
  }

  const text = (page: Page, testid: string) => page.getByTestId(testid).first().textContent()
  const title = (page: Page) => text(page, 'view-title')
  const listTotal = (page: Page) => page.locator('.count-pill').first().textContent()
  /** Every chart drawn, each a picture with its figures in words. */
  const charts = async (page: Page, n: number): Promise<void> => {
    const drawn = page.locator('[data-testid="overview-chart"][data-drawn="true"]')
    await expect.poll(() => drawn.count(), { timeout: 10_000 }).toBe(n)
    expect(await page.locator('[data-testid="overview-chart"] canvas').count()).toBe(n)
    const labels = await drawn.evaluateAll((all) => all.map((e) => e.getAttribute('aria-label')))
    for (const label of labels) expect(label).toMatch(/^[^:]+: \d/)
  }
  // Clusters, nodes, images by registry, Cycle images by source; the sandbox's hub jobs are all
  // older than the seven days the Overview counts, so that card says so instead of charting.
  const CHARTS = 4
  const back = async (page: Page): Promise<void> => {
    await page.getByTestId('nav-overview').click()
    await expect.poll(() => title(page)).toBe('Overview')
  }

  it('opens first, and each figure opens the list it counts, with as many rows', async () => {
    const { page, problems } = await open()
    expect(await title(page)).toBe('Overview')
    expect(await page.title()).toBe('Overview — Berth')
    expect(await page.evaluate('location.hash')).toBe('#/overview')
    await expect
      .poll(() => text(page, 'overview-nodes-total'))
      .toBe(String(sandbox.qbo.hub.nodes.length))
    await expect.poll(() => page.getByTestId('overview-sources').count()).toBe(1)
    await charts(page, CHARTS)

    // Clusters in a state: the Clusters list, searched for it.
    const clusterState = sandbox.qbo.hub.clusters[0]!.state
    const clusters = await text(page, `overview-clusters-${clusterState}-count`)
    await page.getByTestId(`overview-clusters-${clusterState}`).click()
    await expect.poll(() => title(page)).toBe('Clusters')
    await expect.poll(() => listTotal(page)).toBe(clusters)
    await back(page)

    // Nodes not ready (stopped): the Nodes list, searched for that state.
    const stopped = sandbox.qbo.hub.nodes.filter((n) => n.state === 'stopped').length
    expect(stopped).toBeGreaterThan(0)
    await expect.poll(() => text(page, 'overview-nodes-stopped-count')).toBe(String(stopped))
    await page.getByTestId('overview-nodes-stopped').click()
    await expect.poll(() => title(page)).toBe('Nodes')
    await expect.poll(() => listTotal(page)).toBe(String(stopped))
    await back(page)

    // A source's images: Cycle images, filtered to that source.
    const source = sandbox.cycle.state.sources.find((s) =>
      sandbox.cycle.state.images.some((i) => i.source.details.id === s.id)
    )!
    const images = sandbox.cycle.state.images.filter((i) => i.source.details.id === source.id)
    await expect
      .poll(() => text(page, `overview-sources-${source.id}-count`))
      .toBe(String(images.length))
    await page.getByTestId(`overview-sources-${source.id}`).click()
    await expect.poll(() => title(page)).toBe('Cycle images')
    // The source filter shows the source once the sources (its choices) have loaded.
    await expect.poll(() => page.getByTestId('filter-image-source').inputValue()).toBe(source.id)
    await expect.poll(() => listTotal(page)).toBe(String(images.length))
    await back(page)

    // Nodes as a whole: the total opens the whole list.
    await page.getByTestId('overview-nodes-total').click()
    await expect.poll(() => title(page)).toBe('Nodes')
    await expect.poll(() => listTotal(page)).toBe(String(sandbox.qbo.hub.nodes.length))
    // The Nodes list keeps its own address.
    expect(await page.evaluate('location.hash')).toBe('#/nodes')
    expect(problems).toEqual([])
  })

  /** A build now: a hub job inside the Overview's seven days, so that card charts too. */
  const buildOne = async (page: Page): Promise<void> => {
    await page.getByTestId('nav-cycle-images').click()
    await page.getByTestId('build-image').click()
    await page.getByTestId('build-name').fill('overview-build')
    // The dialog picks the first image source once the hub's sources are in the cache.
    await expect.poll(() => page.getByTestId('build-source').inputValue()).not.toBe('')
    await page.getByTestId('build-submit').click()
    await back(page)
    const bar = page.locator('button[data-testid^="overview-hub-jobs-"]')
    await expect.poll(() => bar.count(), { timeout: 20_000 }).toBeGreaterThan(0)
  }

  it('opens Hub jobs filtered to a state from a recent build', async () => {
    const { page } = await open()
    await buildOne(page)
    const bar = page.locator('button[data-testid^="overview-hub-jobs-"]')
    const testid = (await bar.first().getAttribute('data-testid'))!
    const state = testid.slice('overview-hub-jobs-'.length)
    await bar.first().click()
    await expect.poll(() => title(page)).toBe('Hub jobs')
    await expect.poll(() => page.getByTestId('filter-job-state').inputValue()).toBe(state)
  })

  it.each(['light', 'dark'] as const)('is axe-clean in the %s theme', async (theme) => {
    mkdirSync(SCREENSHOTS, { recursive: true })
    const { page, problems } = await open(theme)
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme)
    await buildOne(page)
    await charts(page, CHARTS + 1)
    // The build's "Done" toast, put away so the picture shows the Overview alone.
    const toast = page.getByTestId('toast-dismiss')
    await expect.poll(() => toast.count(), { timeout: 20_000 }).toBeGreaterThan(0)
    for (let n = await toast.count(); n > 0; n = await toast.count()) {
      await toast.first().click()
      await expect.poll(() => toast.count()).toBeLessThan(n)
    }
    await settled(page)
    expect(await seriousViolations(page, `${theme} overview`)).toEqual([])
    const shot = `${SCREENSHOTS}/overview-${theme}-1400x900.png`
    await page.screenshot({ path: shot })
    if (theme === 'dark') copyFileSync(shot, README_SHOT)
    expect(problems).toEqual([])
  })
})
