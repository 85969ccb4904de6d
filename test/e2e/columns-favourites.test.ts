import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe'
import { openPage } from './support/browser'
import { useBrowser, useQboLab, type QboLab } from './support/lab'

/** The table's column headings, left to right (the selection column has no words). */
const headings = async (page: Page): Promise<string[]> =>
  (await page.getByRole('columnheader').allTextContents())
    .map((t) => t.replace(/[↑↓▲▼]/g, '').trim())
    .filter((t) => t !== '' && t !== 'Actions')

async function openClusters(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
  await page.getByTestId('nav-clusters').click()
  await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)
}

/** Adds the lab sandbox's qbo server once more, by hand, as "Second", and waits for it online. */
async function addSecond(page: Page, lab: QboLab): Promise<void> {
  await page.getByTestId('add-account').click()
  await page.getByTestId('account-name').fill('Second')
  await page.getByTestId('account-host').fill('127.0.0.1')
  await page.getByTestId('account-port').fill(String(lab.sandbox.port))
  await page.getByTestId('account-tls').uncheck()
  await page.getByTestId('account-token').fill(lab.sandbox.connection().qbo.token)
  await page.getByTestId('save-account').click()
  await expect
    .poll(() => page.locator('[data-account-id="qbo:Second"]').getAttribute('data-state'))
    .toBe('online')
}

describe('columns, the cluster picker and pinned items through the real UI', () => {
  const browser = useBrowser()
  // Thirty clusters: the sandbox names the fifth on cluster-5 … cluster-30.
  const lab = useQboLab({ clusters: 30, nodesPerCluster: 1 })

  it('hides and moves a column of Clusters, and the choice holds after a reload and in a new window', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openClusters(page)
    expect(await headings(page)).toEqual(['Name', 'State', 'Control plane', 'Nodes', 'Address'])

    const menu = page.getByTestId('column-menu')
    await menu.click()
    const panel = page.getByTestId('column-panel')
    // The name names the row: it cannot be hidden.
    await expect.poll(() => panel.getByTestId('column-shown-name').isDisabled()).toBe(true)
    expect(await seriousViolations(page, 'column menu open')).toEqual([])

    await panel.getByTestId('column-shown-address').uncheck()
    await expect.poll(() => headings(page)).toEqual(['Name', 'State', 'Control plane', 'Nodes'])
    // By keyboard: Nodes moves up past Control plane, and the focus stays on its button.
    await panel.getByRole('button', { name: 'Move Nodes up' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => headings(page)).toEqual(['Name', 'State', 'Nodes', 'Control plane'])
    await expect
      .poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')"))
      .toBe('Move Nodes up')
    // Escape closes the panel and gives the focus back to its button, staying in Clusters.
    await page.keyboard.press('Escape')
    await expect.poll(() => panel.count()).toBe(0)
    await expect
      .poll(() => page.evaluate("document.activeElement?.getAttribute('data-testid')"))
      .toBe('column-menu')

    await page.reload()
    await openClusters(page)
    await expect.poll(() => headings(page)).toEqual(['Name', 'State', 'Nodes', 'Control plane'])

    const second = await openPage(browser(), lab.run.url)
    await openClusters(second.page)
    await expect
      .poll(() => headings(second.page))
      .toEqual(['Name', 'State', 'Nodes', 'Control plane'])

    // And back to the view's own columns.
    await second.page.getByTestId('column-menu').click()
    await second.page.getByTestId('column-reset').click()
    await expect
      .poll(() => headings(page))
      .toEqual(['Name', 'State', 'Control plane', 'Nodes', 'Address'])
    expect([...problems, ...second.problems]).toEqual([])
    await second.page.close()
  })

  it('finds cluster-17 among thirty clusters by typing, and lists only its nodes', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    await page.getByTestId('nav-nodes').click()
    // Thirty clusters are no row of chips but a picker.
    const input = page.getByTestId('cluster-picker-input')
    await expect.poll(() => input.count()).toBe(1)
    expect(await page.getByTestId('cluster-filter').count()).toBe(0)

    await input.click()
    const options = page.getByTestId('cluster-picker-list').getByRole('option')
    // Natural order, with the node counts.
    await expect.poll(() => options.count()).toBe(31)
    const names = (await options.locator('.name').allTextContents()).map((t) => t.trim())
    expect(names.indexOf('cluster-5')).toBeLessThan(names.indexOf('cluster-10'))
    expect(await options.filter({ hasText: 'cluster-17' }).textContent()).toMatch(/\d+\/\d+ nodes/)

    await input.pressSequentially('ter-17')
    await expect
      .poll(async () => (await options.locator('.name').allTextContents()).map((t) => t.trim()))
      .toEqual(['cluster-17'])
    await page.keyboard.press('Enter')
    await expect.poll(() => input.inputValue()).toBe('cluster-17')
    await expect
      .poll(async () => {
        const rows = await page.getByTestId('row').allTextContents()
        return rows.length > 0 && rows.every((r) => r.includes('cluster-17'))
      })
      .toBe(true)
    expect(problems).toEqual([])
  })

  it('pins a cluster from its detail: it shows under Pinned in the sidebar and opens from there', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openClusters(page)
    const name = lab.sandbox.qbo.hub.clusters[0]!.name
    await page.getByTestId('row').filter({ hasText: name }).first().click()
    await expect.poll(() => page.getByTestId('view-title').textContent()).toBe(name)

    // A cluster's tabs have their own columns to choose: Kernel leaves its Nodes tab.
    await page.getByTestId('tab-nodes').click()
    await expect.poll(() => headings(page)).toContain('Kernel')
    await page.getByTestId('column-menu').click()
    await page.getByTestId('column-shown-kernel').uncheck()
    await expect.poll(() => headings(page)).toEqual(['Name', 'State', 'Address', 'Image'])
    await page.keyboard.press('Escape')

    const star = page.getByTestId('favourite-star')
    await star.click()
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true')
    const pinned = page.getByTestId('pinned-list').getByTestId('pinned-item')
    await expect.poll(() => pinned.locator('.name').allTextContents()).toEqual([name])
    // It shows the cluster's state.
    await expect.poll(() => pinned.getByTestId('pinned-state').textContent()).toMatch(/\w/)

    await page.getByTestId('nav-nodes').click()
    await expect.poll(() => page.getByTestId('view-title').textContent()).toBe('Nodes')
    // Pinned in the settings: still there after a reload.
    await page.reload()
    await pinned.click()
    await expect.poll(() => page.getByTestId('view-title').textContent()).toBe(name)
    await expect.poll(() => page.getByTestId('cluster-detail').count()).toBe(1)

    // Unpinned, it leaves the sidebar.
    await page.getByTestId('favourite-star').click()
    await expect.poll(() => page.getByTestId('pinned-list').count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('filters a list by account once there are two, and pins a cluster from its row', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openClusters(page)
    // One account: nothing to choose between.
    expect(await page.getByTestId('account-filter').count()).toBe(0)
    await addSecond(page, lab)
    const filter = page.getByTestId('account-filter')
    await filter.selectOption({ label: 'Second' })
    const rows = page.getByTestId('row')
    await expect
      .poll(async () => {
        const texts = await rows.allTextContents()
        return texts.length > 0 && texts.every((t) => t.includes('Second'))
      })
      .toBe(true)
    await filter.selectOption({ label: 'All accounts' })
    await expect.poll(() => rows.filter({ hasText: 'Lab' }).count()).toBeGreaterThan(0)

    // The star on a row pins it without opening it.
    // The first in natural order, so its row is on screen.
    const name = lab.sandbox.qbo.hub.clusters[0]!.name
    const row = rows.filter({ hasText: name }).filter({ hasText: 'Lab' }).first()
    await row.getByRole('button', { name: `Pin ${name}` }).click()
    await expect
      .poll(() => page.getByTestId('pinned-item').locator('.name').allTextContents())
      .toEqual([name])
    expect(await page.getByTestId('view-title').textContent()).toBe('Clusters')
    expect(problems).toEqual([])
  })
})
