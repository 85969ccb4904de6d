import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe'
import { openPage } from './support/browser'
import { SHOTS, useBothLab, useBrowser } from './support/lab'
import { settled } from './support/view-tour'

const states = (page: Page) =>
  page.getByTestId('account').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))
const rowTexts = async (page: Page) => (await page.getByTestId('row').allTextContents()).join('\n')
const inPlace = (page: Page) => page.getByTestId('job-in-place')

async function openSources(page: Page): Promise<void> {
  await expect.poll(() => states(page)).toEqual(['online', 'online'])
  await page.getByTestId('nav-cycle-sources').click()
  await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)
}

describe('creating a Cycle image source through the real UI', () => {
  const browser = useBrowser()
  const lab = useBothLab({ stepMs: 60 })

  it('checks the form as it is typed, queues the job, and the new source is listed', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openSources(page)
    expect(await rowTexts(page)).not.toContain('e2e-web')

    await page.getByTestId('new-source').click()
    const dialog = page.getByTestId('new-source-dialog')
    await dialog.waitFor()
    // Nothing is said about a field before it is typed in.
    expect(await dialog.locator('.field-error').count()).toBe(0)

    // Each field says what is wrong as it is typed.
    const name = page.getByTestId('source-name')
    await name.fill('x')
    await name.fill('')
    await expect
      .poll(() => page.getByTestId('source-name-error').textContent())
      .toBe('Give the image source a name')
    expect(await name.getAttribute('aria-invalid')).toBe('true')
    await name.fill('e2e-web')
    await expect.poll(() => page.getByTestId('source-name-error').count()).toBe(0)

    const target = page.getByTestId('source-target')
    await target.fill('nginx latest')
    await expect
      .poll(() => page.getByTestId('source-target-error').textContent())
      .toBe('An image looks like library/nginx:1.27')

    // A registry source needs the registry's address.
    await page.getByTestId('source-origin-registry').check()
    await page.getByTestId('source-url').fill('ghcr.io')
    await expect
      .poll(() => page.getByTestId('source-url-error').textContent())
      .toMatch(/^The registry address is a URL/)
    expect(await seriousViolations(page, 'new image source dialog')).toEqual([])
    await page.screenshot({ path: `${SHOTS}/e2e-new-source-errors.png` })
    // A small window too (the view tour checks it again in both themes).
    await page.setViewportSize({ width: 800, height: 600 })
    await settled(page)
    expect(await seriousViolations(page, 'new image source dialog, 800×600')).toEqual([])
    await page.setViewportSize({ width: 1400, height: 900 })

    // Back to Docker Hub: the address is no longer asked for, and a bad image keeps it unsent.
    await page.getByTestId('source-origin-hub').check()
    await expect.poll(() => page.getByTestId('source-url').count()).toBe(0)
    await page.getByTestId('source-submit').click()
    await expect
      .poll(() => page.evaluate("document.activeElement?.getAttribute('data-testid')"))
      .toBe('source-target')
    expect(lab.sandbox.cycle.actions.some((a) => a.path === '/v1/images/sources')).toBe(false)

    await target.fill('library/nginx:1.27')
    await page.getByTestId('source-submit').click()
    await expect.poll(() => dialog.count()).toBe(0)

    // The job shows where it was asked for, then the source is in the list.
    await expect.poll(() => inPlace(page).getAttribute('data-state')).toBe('succeeded')
    expect(await page.getByTestId('job-in-place-words').textContent()).toBe('Created')
    expect(await page.getByTestId('job-in-place-link').getAttribute('title')).toBe(
      'Create image source e2e-web (Hub)'
    )
    await expect.poll(() => rowTexts(page)).toContain('e2e-web')
    const made = lab.sandbox.cycle.state.sources.filter((s) => s.name === 'e2e-web')
    expect(made.map((s) => [s.type, s.origin])).toEqual([
      ['direct', { type: 'docker-hub', details: { target: 'library/nginx:1.27' } }]
    ])
    await page.screenshot({ path: `${SHOTS}/e2e-new-source-done.png` })
    expect(problems).toEqual([])
  })

  it('opens from the command palette and creates a registry source', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openSources(page)

    await page.keyboard.press('Control+k')
    await page.getByTestId('command-palette').waitFor()
    await page.keyboard.type('new image source')
    await expect
      .poll(() => page.getByTestId('palette-option').first().getAttribute('data-key'))
      .toBe('do:new-source')
    await page.keyboard.press('Enter')
    await page.getByTestId('new-source-dialog').waitFor()
    // One hub: no choice offered, and it is online, so nothing is said about waiting.
    expect(await page.getByTestId('cycle-account').count()).toBe(0)
    expect(await page.getByTestId('queued-offline-note').count()).toBe(0)
    await page.getByTestId('source-origin-registry').check()
    await page.getByTestId('source-name').fill('e2e-worker')
    await page.getByTestId('source-url').fill('https://ghcr.io')
    await page.getByTestId('source-target').fill('acme/worker:2')
    await page.getByTestId('source-submit').click()
    await expect.poll(() => page.getByTestId('new-source-dialog').count()).toBe(0)

    await expect.poll(() => inPlace(page).getAttribute('data-state')).toBe('succeeded')
    await expect.poll(() => rowTexts(page)).toContain('e2e-worker')
    const made = lab.sandbox.cycle.state.sources.filter((s) => s.name === 'e2e-worker')
    expect(made.map((s) => s.origin)).toEqual([
      { type: 'docker-registry', details: { target: 'acme/worker:2', url: 'https://ghcr.io' } }
    ])
    expect(problems).toEqual([])
  })
})
