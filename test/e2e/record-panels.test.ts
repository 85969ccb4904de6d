import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe'
import { openPage } from './support/browser'
import { SHOTS, useBothLab, useBrowser, useQboLab } from './support/lab'

/** The row at `index` of the list scrolled by `by` pixels, and the list's scroller. */
async function scrolledRow(page: Page, scope: Locator, by: number, index: number) {
  const scroller = scope.getByTestId('table-scroll').first()
  await expect.poll(() => scroller.locator('tr[data-index]').count()).toBeGreaterThan(index / 2)
  await scroller.evaluate((el, top) => el.scrollTo(0, top), by)
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(by)
  const row = scroller.locator(`tr[data-index="${index}"]`)
  await expect.poll(() => row.count()).toBe(1)
  return { scroller, row }
}

// A string: this runs in the page, and the test project has no DOM types.
const focusedIndex = (page: Page) =>
  page.evaluate("document.activeElement?.getAttribute('data-index') ?? null")

/** Opens the row's panel, checks it beside the unmoved list, then closes it with Escape. */
async function openAndClose(
  page: Page,
  scope: Locator,
  index: number,
  idOf: (name: string) => string,
  shot: string
): Promise<void> {
  const { scroller, row } = await scrolledRow(page, scope, 300, index)
  const name = (await row.locator('td').first().textContent())?.trim() ?? ''
  await row.click()
  const panel = page.getByTestId('record-panel')
  await expect.poll(() => panel.getByTestId('record-field-name').textContent()).toBe(name)
  expect(await panel.getByTestId('record-field-id').textContent()).toBe(idOf(name))
  expect(await panel.getByTestId('record-copy-id').count()).toBe(1)
  expect(await panel.getByTestId('record-copy-name').count()).toBe(1)
  // The list stayed where it was scrolled, its row still in view.
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(300)
  expect(await row.isVisible()).toBe(true)
  expect(await seriousViolations(page, shot)).toEqual([])
  await page.screenshot({ path: `${SHOTS}/e2e-${shot}.png` })

  await page.keyboard.press('Escape')
  await expect.poll(() => panel.count()).toBe(0)
  await expect.poll(() => focusedIndex(page)).toBe(String(index))
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(300)
}

describe('a detail panel beside every list', () => {
  const browser = useBrowser()
  const lab = useQboLab({ clusters: 40, nodesPerCluster: 30 })

  it('opens a network’s every field beside the scrolled list, and Escape gives the row back its focus', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    await page.getByTestId('nav-networks').click()
    const networks = lab.sandbox.qbo.hub.networks
    await openAndClose(
      page,
      page.locator('body'),
      15,
      (name) => networks.find((n) => n.name === name)?.id ?? '?',
      'network-panel'
    )
    expect(problems).toEqual([])
  })

  it('opens a pod’s every field from a cluster’s pods tab the same way', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    const cluster = lab.sandbox.qbo.hub.clusters[0]!
    await page.getByTestId('nav-clusters').click()
    await page.getByTestId('row').filter({ hasText: cluster.name }).first().click()
    await expect.poll(() => page.getByTestId('cluster-detail').count()).toBe(1)
    await page.getByTestId('tab-pods').click()
    const pods = lab.sandbox.qbo.hub.pods.filter((p) => p.cluster === cluster.name)
    expect(pods.length).toBeGreaterThan(25)
    await openAndClose(
      page,
      page.getByTestId('cluster-detail'),
      15,
      (name) => pods.find((p) => p.name === name)?.id ?? '?',
      'pod-panel'
    )
    expect(problems).toEqual([])
  })
})

describe('an image source’s panel', () => {
  const browser = useBrowser()
  const lab = useBothLab()

  it('shows the source’s every field and leads to its Cycle images', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    const { sources, images } = lab.sandbox.cycle.state
    const source = sources.find((s) => images.some((i) => i.source.details.id === s.id))!
    const mine = images.filter((i) => i.source.details.id === source.id)
    await page.getByTestId('nav-cycle-sources').click()
    const row = page.getByTestId('row').filter({ hasText: source.name }).first()
    await expect.poll(() => row.count()).toBe(1)
    await row.click()
    const panel = page.getByTestId('record-panel')
    await expect.poll(() => panel.getByTestId('record-field-id').textContent()).toBe(source.id)
    expect(await panel.getByTestId('record-copy-id').count()).toBe(1)
    expect(await seriousViolations(page, 'source-panel')).toEqual([])

    await panel.getByTestId('source-images').click()
    await expect.poll(() => page.getByTestId('view-title').textContent()).toBe('Cycle images')
    await expect.poll(() => page.getByTestId('filter-image-source').inputValue()).toBe(source.id)
    await expect
      .poll(() => page.locator('.count-pill').first().textContent())
      .toBe(String(mine.length))
    expect(problems).toEqual([])
  })
})
