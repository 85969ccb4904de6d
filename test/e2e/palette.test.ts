import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe'
import { openPage } from './support/browser'
import { openCycleImages, useBrowser, useEmptyBerth, useQboLab } from './support/lab'

const hash = (page: Page): string => new URL(page.url()).hash
const focusedTestId = (page: Page): Promise<string> =>
  page.evaluate("document.activeElement?.getAttribute('data-testid') ?? ''")

describe('command palette and keyboard shortcuts', () => {
  const browser = useBrowser()
  const lab = useQboLab()

  it('Ctrl+K finds a cluster by a fuzzy fragment and opens it; the palette passes axe', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    // The clusters are cached (the nav counts them): the palette reads the cache.
    await expect.poll(() => page.getByTestId('nav-clusters').textContent()).toMatch(/\d/)
    // The start view, whichever it is: the palette opens over it and Escape leaves it there.
    const start = hash(page)

    await page.keyboard.press('Control+k')
    const palette = page.getByTestId('command-palette')
    await palette.waitFor()
    await expect.poll(() => focusedTestId(page)).toBe('palette-input')
    // Nothing typed: the views, each with its shortcut beside it.
    await expect
      .poll(() =>
        palette
          .getByRole('option', { name: /Clusters/ })
          .first()
          .textContent()
      )
      .toContain('g c')

    await page.keyboard.type('edlb')
    const first = palette.getByTestId('palette-option').first()
    await expect.poll(() => first.getAttribute('data-key')).toMatch(/^cluster:.+\/edge-lab$/)
    // The matched letters are marked, and the active option is the combobox's.
    expect(await first.locator('mark').allTextContents()).toEqual(['ed', 'l', 'b'])
    expect(await first.getAttribute('aria-selected')).toBe('true')
    const active = await page.getByTestId('palette-input').getAttribute('aria-activedescendant')
    expect(active).toBe(await first.getAttribute('id'))
    expect(await seriousViolations(page, 'command palette')).toEqual([])

    // Tab stays inside; Escape closes without leaving the view.
    await page.keyboard.press('Tab')
    expect(await focusedTestId(page)).toBe('palette-input')
    await page.keyboard.press('Escape')
    await palette.waitFor({ state: 'detached' })
    expect(hash(page)).toBe(start)

    await page.keyboard.press('Control+k')
    await palette.waitFor()
    await page.keyboard.type('edlb')
    await expect.poll(() => first.getAttribute('data-key')).toMatch(/edge-lab$/)
    await page.keyboard.press('Enter')
    await expect.poll(() => hash(page)).toMatch(/^#\/clusters\/[^/]+\/edge-lab$/)
    await expect.poll(() => page.getByTestId('view-title').textContent()).toBe('edge-lab')
    expect(await palette.count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('? lists the shortcuts, g c goes to Clusters, / focuses its search, fields keep their keys', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    // The clusters are cached (the nav counts them): the palette reads the cache.
    await expect.poll(() => page.getByTestId('nav-clusters').textContent()).toMatch(/\d/)

    await page.keyboard.press('?')
    const help = page.getByTestId('shortcut-help')
    await help.waitFor()
    const rows = await help.getByTestId('shortcut-row').allTextContents()
    for (const want of ['Ctrl K', '/', '?', 'Escape', 'g cGo to Clusters', 'g nGo to Nodes']) {
      expect(rows.some((r) => r.replace(/\s+/g, ' ').includes(want.replace(/\s+/g, ' ')))).toBe(
        true
      )
    }
    expect(await seriousViolations(page, 'shortcut help')).toEqual([])
    await page.keyboard.press('Escape')
    await help.waitFor({ state: 'detached' })

    // The nav says the same keys.
    expect(await page.getByTestId('nav-clusters').getAttribute('title')).toContain('g c')

    await page.keyboard.press('g')
    await page.keyboard.press('c')
    await expect.poll(() => hash(page)).toBe('#/clusters')
    await expect.poll(() => page.getByTestId('view-title').textContent()).toBe('Clusters')

    await page.keyboard.press('/')
    await expect.poll(() => focusedTestId(page)).toBe('search')
    // Typed into the search box, g then n is text, not a way to Nodes.
    await page.keyboard.type('gn')
    expect(await page.getByTestId('search').inputValue()).toBe('gn')
    expect(hash(page)).toBe('#/clusters')
    expect(problems).toEqual([])
  })

  it('stops a cluster by name from the palette, as a job the server sees once', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    // The clusters are cached (the nav counts them): the palette reads the cache.
    await expect.poll(() => page.getByTestId('nav-clusters').textContent()).toMatch(/\d/)
    const running = lab.sandbox.qbo.hub.clusters.find((c) => c.state === 'running')
    if (!running) throw new Error('the sandbox seeds no running cluster')

    await page.keyboard.press('Control+k')
    await page.getByTestId('command-palette').waitFor()
    await page.keyboard.type(`stop ${running.name}`)
    const stop = page
      .getByTestId('palette-option')
      .filter({ hasText: `Stop cluster ${running.name}` })
    await expect.poll(() => stop.count()).toBe(1)
    await stop.click()

    await expect
      .poll(() => page.getByTestId('toast').filter({ hasText: 'Queued' }).count())
      .toBeGreaterThan(0)
    await expect
      .poll(() => lab.sandbox.qbo.actions.filter((a) => a.verb === 'stop').length, {
        timeout: 15_000
      })
      .toBe(1)
    expect(lab.sandbox.qbo.actions.find((a) => a.verb === 'stop')?.command).toContain(running.name)
    expect(problems).toEqual([])
  })
})

describe('the command palette with a Cycle hub', () => {
  const browser = useBrowser()
  const lab = useEmptyBerth()

  it('finds a Cycle image by a fuzzy fragment and opens its detail; g y goes to Cycle images', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openCycleImages(page, lab.sandbox)
    const image = lab.sandbox.cycle.state.images.find((i) => i.name.startsWith('vision-inference'))
    if (!image) throw new Error('the sandbox seeds no vision-inference image')
    await page.keyboard.press('g')
    await page.keyboard.press('n')
    await expect.poll(() => hash(page)).toBe('#/nodes')

    await page.keyboard.press('Control+k')
    await page.getByTestId('command-palette').waitFor()
    await page.keyboard.type('visinf')
    const first = page.getByTestId('palette-option').first()
    await expect.poll(() => first.getAttribute('data-key')).toMatch(/^image:.+\/.+$/)
    expect(await first.locator('.label').textContent()).toBe(image.name)
    await page.keyboard.press('Enter')
    await expect.poll(() => hash(page)).toMatch(new RegExp(`^#/cycle-images/[^/]+/${image.id}$`))

    await page.keyboard.press('Escape')
    await expect.poll(() => hash(page)).toBe('#/cycle-images')
    await page.keyboard.press('g')
    await page.keyboard.press('n')
    await expect.poll(() => hash(page)).toBe('#/nodes')
    await page.keyboard.press('g')
    await page.keyboard.press('y')
    await expect.poll(() => hash(page)).toBe('#/cycle-images')
    expect(problems).toEqual([])
  })
})
