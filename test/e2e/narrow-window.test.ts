// The smallest supported window (800×600): the lists' tables give way instead of scrolling
// sideways (less important columns hide, long values ellipsize with the whole value on hover),
// and no button in a view's header or toolbar is cut off.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openPage } from './support/browser'
import { useBothLab, useBrowser } from './support/lab'
import { settled, TOUR } from './support/view-tour'

/**
 * What does not fit in the current view: a table that scrolls sideways, or a header or toolbar
 * control cut off (outside its bar or the window, or its words clipped). A string, as it runs in
 * the page and the test project has no DOM types.
 */
const OVERFLOWS = `(() => {
  const found = []
  const view = document.querySelector('section.view')
  if (!view) return ['no view']
  for (const el of view.querySelectorAll('[data-testid="table-scroll"]')) {
    if (el.scrollWidth > el.clientWidth)
      found.push('table scrolls sideways: ' + el.scrollWidth + ' > ' + el.clientWidth)
  }
  for (const bar of view.querySelectorAll('.view-head, .toolbar')) {
    if (bar.scrollWidth > bar.clientWidth) found.push(bar.className + ' overflows')
    const box = bar.getBoundingClientRect()
    for (const control of bar.querySelectorAll('button, input, select')) {
      const r = control.getBoundingClientRect()
      if (r.width === 0) continue
      const name = control.textContent.trim() || control.getAttribute('aria-label') || control.tagName
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.right > innerWidth)
        found.push(name + ' is cut off (' + Math.round(r.left) + '–' + Math.round(r.right) + ')')
      if (control.tagName === 'BUTTON' && control.scrollWidth > control.clientWidth)
        found.push(name + "'s words are cut off")
    }
  }
  return found
})()`

const overflows = async (page: Page): Promise<string[]> =>
  (await page.evaluate(OVERFLOWS)) as string[]

describe('an 800×600 window', () => {
  const browser = useBrowser()
  const lab = useBothLab()

  it('fits every list and its toolbar without sideways scrolling or a cut-off button', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await expect
      .poll(() => page.getByTestId('account').evaluateAll((a) => a.map((e) => e.dataset.state)))
      .toEqual(['online', 'online'])

    const found: string[] = []
    for (const stop of TOUR.filter((s) => LISTS.has(s.name))) {
      // Opened wide, then the window is made small (the sidebar folds away when narrow).
      await page.setViewportSize({ width: 1280, height: 800 })
      await stop.go(page)
      await page.setViewportSize({ width: 800, height: 600 })
      await settled(page)
      found.push(...(await overflows(page)).map((o) => `${stop.name}: ${o}`))
    }
    expect(found).toEqual([])

    // A value cut short keeps its whole self on hover.
    const cells = page.getByTestId('row').locator('td:not([data-row-actions]):not(.badge)')
    for (const cell of await cells.all()) {
      const text = (await cell.textContent())?.trim()
      if (text) expect((await cell.getAttribute('title')) ?? '').toContain(text)
    }
    expect(problems).toEqual([])
  })

  it('keeps a dialog opened from the sidebar when the window narrows and the sidebar folds', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.getByTestId('add-account').click()
    const dialog = page.getByRole('dialog', { name: 'Add account' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await page.getByLabel('Name', { exact: true }).fill('Kept')
    await page.setViewportSize({ width: 800, height: 600 })
    await expect
      .poll(() => page.getByTestId('sidebar-toggle').getAttribute('aria-expanded'))
      .toBe('false')
    expect(await dialog.isVisible()).toBe(true)
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Kept')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    expect(problems).toEqual([])
  })
})

/** The views whose tables and toolbars must fit; Nodes and Clusters first among them. */
const LISTS = new Set([
  'nodes',
  'node-detail',
  'clusters',
  'cluster-detail',
  'cluster-pods',
  'cluster-services',
  'images',
  'networks',
  'cycle-images',
  'cycle-sources'
])
