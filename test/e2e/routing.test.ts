import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openPage } from './support/browser'
import { useBrowser, useQboLab } from './support/lab'

/** What has the focus: its element's id, or its test id. */
const focused = (page: Page): Promise<string> =>
  page.evaluate("document.activeElement?.id || document.activeElement?.tagName || ''")

const title = (page: Page) => page.getByTestId('view-title').textContent()

describe('every view and detail has an address', () => {
  const browser = useBrowser()
  const lab = useQboLab()

  it('Back, Forward, reload, a deep link and Escape move between a cluster and its list', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    // The token is kept for the connection; the address shows the place instead.
    expect(new URL(page.url()).hash).toBe('#/nodes')
    const name = lab.sandbox.qbo.hub.clusters[0]!.name

    await page.getByTestId('nav-clusters').click()
    await expect.poll(() => new URL(page.url()).hash).toBe('#/clusters')
    await expect.poll(() => focused(page)).toBe('view-title')
    await page.getByTestId('row').filter({ hasText: name }).first().click()
    await expect.poll(() => title(page)).toBe(name)
    const detail = new URL(page.url()).hash
    expect(detail).toMatch(new RegExp(`^#/clusters/[^/]+/${encodeURIComponent(name)}$`))
    await expect.poll(() => focused(page)).toBe('view-title')
    expect(await page.title()).toBe(`${name} — Clusters — Berth`)

    // Back returns to the list, not out of the app; Forward reopens the cluster.
    await page.goBack()
    await expect.poll(() => title(page)).toBe('Clusters')
    expect(new URL(page.url()).hash).toBe('#/clusters')
    await expect.poll(() => focused(page)).toBe('view-title')
    expect(await page.title()).toBe('Clusters — Berth')
    await page.goForward()
    await expect.poll(() => title(page)).toBe(name)

    // A reload lands where it was.
    await page.reload()
    await expect.poll(() => title(page)).toBe(name)
    await expect.poll(() => page.getByTestId('cluster-state').count()).toBe(1)

    // Escape goes back to the list.
    await page.locator('body').press('Escape')
    await expect.poll(() => title(page)).toBe('Clusters')
    expect(new URL(page.url()).hash).toBe('#/clusters')

    // A deep link, loaded afresh in the tab, opens the cluster.
    await page.goto('about:blank')
    await page.goto(`${new URL(lab.run.url).origin}/${detail}`)
    await expect.poll(() => title(page)).toBe(name)
    await expect.poll(() => page.getByTestId('cluster-state').count()).toBe(1)

    // An address that names nothing keeps the place.
    await page.evaluate("location.hash = '#/no-such-view'")
    await expect.poll(() => new URL(page.url()).hash).toBe(detail)
    expect(await title(page)).toBe(name)
    expect(problems).toEqual([])
  })

  it('names Berth’s own job queue Activity, apart from Cycle’s Hub jobs', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await page.getByTestId('nav-jobs').click()
    await expect.poll(() => title(page)).toBe('Activity')
    expect(await page.getByTestId('nav-jobs').textContent()).toMatch(/^\s*Activity\s*$/)
    expect(new URL(page.url()).hash).toBe('#/activity')
    expect(await page.title()).toBe('Activity — Berth')
    expect(problems).toEqual([])
  })

  it('folds the sidebar at 800×600, and its toggle brings it out', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await page.setViewportSize({ width: 800, height: 600 })
    const toggle = page.getByRole('button', { name: 'Navigation' })
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await page.getByTestId('nav-clusters').isVisible()).toBe(false)
    // The view gets the room: the main area starts within the rail's width.
    const main = await page.locator('main').boundingBox()
    expect(main?.x).toBeLessThan(60)

    await toggle.click()
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true')
    await page.getByTestId('nav-clusters').click()
    await expect.poll(() => title(page)).toBe('Clusters')
    // Picking a place folds it away again.
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false')

    // A wide window shows it; folding it there is remembered across a reload.
    await page.setViewportSize({ width: 1280, height: 800 })
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true')
    await toggle.click()
    await expect.poll(() => page.getByTestId('nav-clusters').isVisible()).toBe(false)
    await page.reload()
    await expect.poll(() => title(page)).toBe('Clusters')
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(problems).toEqual([])
  })
})
