import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { pruneTargets } from '../../src-main/sandbox/cycle/delete-run'
import { isGone } from '../../src-main/sandbox/cycle/model'
import { seriousViolations } from './support/axe'
import { openPage } from './support/browser'
import { openCycleImages, SHOTS, useBrowser, useEmptyBerth, useQboLab } from './support/lab'

/** The Clusters row of `name`, found by its name cell, whatever else the row says. */
const rowOf = (page: Page, name: string): Locator =>
  page.getByTestId('row').filter({ has: page.getByRole('button', { name, exact: true }) })
const title = (page: Page) => page.getByTestId('view-title').textContent()

async function openClusters(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
  await page.getByTestId('nav-clusters').click()
  await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)
}

/** The job titles Activity lists, newest first. */
async function activity(page: Page): Promise<string[]> {
  await page.getByTestId('nav-jobs').click()
  await expect.poll(() => title(page)).toBe('Activity')
  return page.getByTestId('job').allTextContents()
}

/** Issue 15, items 3 and 4: row menus, bulk selection and bulk actions, the prune preview. */
describe('row menus and bulk actions on clusters', () => {
  const browser = useBrowser()
  const lab = useQboLab({ stepMs: 60, clusters: 5 })
  const clusters = () => lab.sandbox.qbo.hub.clusters

  it('stops a cluster from its context menu: a job, shown in the row and listed in Activity', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openClusters(page)
    const name = clusters().find((c) => c.state === 'running')!.name
    const row = rowOf(page, name)

    await row.click({ button: 'right', position: { x: 300, y: 10 } })
    const menu = page.getByRole('menu', { name: `Actions on ${name}` })
    await expect.poll(() => menu.isVisible()).toBe(true)
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Open',
      'Stop',
      'Delete…',
      'Copy name',
      'Save kubeconfig…',
      'Copy kubeconfig',
      'Show nodes'
    ])
    await menu.getByRole('menuitem', { name: 'Stop' }).click()
    expect(await menu.count()).toBe(0)

    const inPlace = row.getByTestId('job-in-place')
    await expect
      .poll(() => inPlace.getAttribute('data-state'), { timeout: 20_000 })
      .toBe('succeeded')
    expect(await inPlace.getByTestId('job-in-place-words').textContent()).toBe('Stopped')
    expect(clusters().find((c) => c.name === name)!.state).toBe('stopped')
    expect(await activity(page)).toEqual([expect.stringContaining(`Stop cluster ${name} (Lab)`)])
    expect(problems).toEqual([])
  })

  it('stops 3 picked clusters after one confirmation that names them: 3 jobs', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openClusters(page)
    const names = clusters()
      .filter((c) => c.state === 'running')
      .slice(0, 3)
      .map((c) => c.name)
    expect(names).toHaveLength(3)
    // A box, then Ctrl+click on the rows: neither opens a cluster.
    await rowOf(page, names[0]!).getByTestId('row-select').click()
    await rowOf(page, names[1]!).click({ modifiers: ['Control'], position: { x: 300, y: 10 } })
    await rowOf(page, names[2]!).getByTestId('row-select').click()
    expect(await title(page)).toBe('Clusters')
    await expect
      .poll(() => page.getByTestId('bulk-count').textContent())
      .toBe('3 clusters selected')

    await page.getByTestId('bulk-stop').click()
    const dialog = page.getByTestId('confirm-dialog')
    expect(await dialog.getByTestId('bulk-summary').textContent()).toBe(
      `Stop 3 clusters: ${names.join(', ')}.`
    )
    await page.screenshot({ path: `${SHOTS}/e2e-bulk-stop-confirm.png` })
    await dialog.getByTestId('confirm-bulk').click()
    await expect.poll(() => dialog.count()).toBe(0)
    expect(await page.getByTestId('bulk-bar').count()).toBe(0)

    for (const name of names) {
      await expect
        .poll(() => rowOf(page, name).getByTestId('job-in-place').getAttribute('data-state'), {
          timeout: 20_000
        })
        .toBe('succeeded')
    }
    const jobs = await activity(page)
    expect(jobs).toHaveLength(3)
    for (const name of names) {
      expect(jobs.filter((j) => j.includes(`Stop cluster ${name} (Lab)`))).toHaveLength(1)
    }
    expect(problems).toEqual([])
  })

  it('skips the clusters a bulk Stop does not apply to, and says so', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openClusters(page)
    // Shift+click picks the range between two boxes.
    const boxes = page.getByTestId('row-select')
    await boxes.nth(0).click()
    await boxes.nth(2).click({ modifiers: ['Shift'] })
    await expect
      .poll(() => page.getByTestId('bulk-count').textContent())
      .toBe('3 clusters selected')
    // The header box picks every row on screen.
    await page.getByTestId('select-all').click()
    const all = clusters()
    await expect
      .poll(() => page.getByTestId('bulk-count').textContent())
      .toBe(`${all.length} clusters selected`)
    const stopped = all.filter((c) => c.state !== 'running')
    await page.getByTestId('bulk-stop').click()
    const summary = await page.getByTestId('bulk-summary').textContent()
    expect(summary).toMatch(new RegExp(`^Stop ${all.length - stopped.length} clusters: `))
    expect(stopped.map((c) => c.state)).toEqual(['stopped'])
    expect(summary).toMatch(/ — 1 already stopped, skipped\.$/)
    expect(summary).not.toContain(stopped[0]!.name)
    await page.keyboard.press('Escape')
    await page.getByTestId('bulk-clear').click()
    expect(await page.getByTestId('bulk-bar').count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('opens the menu with Shift+F10 on the focused row, moves with the arrows, closes with Escape; axe-clean while open', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openClusters(page)
    const row = page.getByTestId('row').first()
    await row.focus()
    await page.keyboard.press('Shift+F10')
    const menu = page.getByRole('menu')
    await expect.poll(() => menu.isVisible()).toBe(true)
    const focusedItem = () => page.evaluate('document.activeElement?.textContent')
    expect(await focusedItem()).toBe('Open')
    await page.keyboard.press('ArrowDown')
    expect(await focusedItem()).toMatch(/^(Stop|Start)$/)
    await page.keyboard.press('ArrowUp')
    expect(await focusedItem()).toBe('Open')

    expect(await seriousViolations(page, 'clusters with a row menu open')).toEqual([])
    await page.screenshot({ path: `${SHOTS}/e2e-row-menu.png` })

    await page.keyboard.press('Escape')
    expect(await menu.count()).toBe(0)
    // Focus is back on the row it was opened from, and the view is still the list.
    expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('row')
    expect(await row.getAttribute('tabindex')).toBe('0')
    expect(await title(page)).toBe('Clusters')
    expect(problems).toEqual([])
  })
})

describe('row menu on nodes', () => {
  const browser = useBrowser()
  const lab = useQboLab({ stepMs: 60, clusters: 2 })

  it("opens a node's detail from its menu, and offers to copy its name and address", async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    await page.getByTestId('nav-nodes').click()
    const row = page.getByTestId('row').first()
    await expect.poll(() => row.count()).toBe(1)
    await row.getByTestId('row-menu-button').click()
    const menu = page.getByRole('menu')
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Open detail',
      'Copy name',
      'Copy address'
    ])
    await menu.getByRole('menuitem', { name: 'Open detail' }).click()
    await expect.poll(() => page.getByTestId('node-detail').count()).toBe(1)
    expect(await title(page)).toBe('Nodes')
    expect(problems).toEqual([])
  })
})

describe('row menus, bulk delete and the prune preview on Cycle images', () => {
  const browser = useBrowser()
  const lab = useEmptyBerth({ stepMs: 150 })

  it('names the images a prune of the chosen source would remove, as the hub would pick them', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openCycleImages(page, lab.sandbox)
    await page.getByTestId('prune-images').click()
    const box = page.getByTestId('prune-source').first()
    const sourceId = (await box.getAttribute('value'))!
    await box.check()

    const expected = pruneTargets(lab.sandbox.cycle.state, [sourceId], Date.now())
      .map((t) => t.item.name)
      .sort()
    const preview = page.getByTestId('prune-preview')
    await expect
      .poll(() => preview.getByRole('heading').textContent())
      .toMatch(/^Preview: (no image|1 image|\d+ images) would be removed/)
    const listed = (await preview.getByTestId('prune-preview-image').allTextContents()).sort()
    expect(listed).toEqual(expected)
    expect(expected.length).toBeGreaterThan(0)
    expect(await preview.textContent()).toContain('the hub picks the images itself')
    await page.screenshot({ path: `${SHOTS}/e2e-prune-preview.png` })
    expect(problems).toEqual([])
  })

  const imageRow = (page: Page, name: string): Locator =>
    page.getByTestId('row').filter({ has: page.getByRole('button', { name, exact: true }) })
  const unused = () =>
    lab.sandbox.cycle.state.images.filter(
      (i) => (lab.sandbox.cycle.state.containers.get(i.id)?.total ?? 0) === 0
    )

  it("deletes an image from its menu through the image's own confirmation: a job", async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openCycleImages(page, lab.sandbox)
    const name = unused()[0]!.name
    await imageRow(page, name).getByTestId('row-menu-button').click()
    const menu = page.getByRole('menu', { name: `Actions on ${name}` })
    const entries = await menu.getByRole('menuitem').allTextContents()
    expect(entries).toEqual(
      expect.arrayContaining([
        'Open',
        'Build from this source…',
        'Rename…',
        'Delete…',
        'Open build log'
      ])
    )
    await menu.getByRole('menuitem', { name: 'Delete…' }).click()
    const dialog = page.getByTestId('confirm-dialog')
    expect(await dialog.getByRole('heading').textContent()).toBe(`Delete ${name}?`)
    await dialog.getByTestId('confirm-delete').click()
    await expect.poll(() => dialog.count()).toBe(0)
    await expect
      .poll(() => lab.sandbox.cycle.state.images.some((i) => i.name === name && !isGone(i)), {
        timeout: 20_000
      })
      .toBe(false)
    expect(await activity(page)).toEqual([expect.stringContaining(name)])
    expect(problems).toEqual([])
  })

  it('deletes 2 picked images after one confirmation naming them: 2 jobs', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openCycleImages(page, lab.sandbox)
    const names = unused()
      .slice(0, 2)
      .map((i) => i.name)
    for (const name of names) await imageRow(page, name).getByTestId('row-select').click()
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('2 images selected')
    await page.getByTestId('bulk-delete').click()
    expect(await page.getByTestId('bulk-summary').textContent()).toBe(
      `Delete 2 images: ${names.join(', ')}.`
    )
    await page.getByTestId('confirm-bulk').click()
    await expect.poll(() => page.getByTestId('confirm-dialog').count()).toBe(0)
    for (const name of names) {
      await expect
        .poll(() => lab.sandbox.cycle.state.images.some((i) => i.name === name && !isGone(i)), {
          timeout: 20_000
        })
        .toBe(false)
    }
    const jobs = await activity(page)
    expect(jobs).toHaveLength(2)
    for (const name of names) expect(jobs.filter((j) => j.includes(name))).toHaveLength(1)
    expect(problems).toEqual([])
  })

  it('selects every image matching the search, rows never scrolled into view included', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openCycleImages(page, lab.sandbox)
    const rows = page.getByTestId('row')
    const all = await rows.count()
    // A search that matches some images but not all: "all matching" means those.
    await page.getByRole('searchbox', { name: 'Search images' }).fill('nginx')
    await expect.poll(() => rows.count()).toBeLessThan(all)
    const matching = await rows.count()
    expect(matching).toBeGreaterThan(1)
    await page.getByTestId('row-select').first().click()
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('1 image selected')
    await page.getByTestId('select-matching').click()
    await expect
      .poll(() => page.getByTestId('bulk-count').textContent())
      .toBe(`${matching} images selected`)
    expect(await page.getByTestId('select-matching').count()).toBe(0)
    expect(problems).toEqual([])
  })
})
