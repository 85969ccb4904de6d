// Every view and detail, in the light and the dark theme, at a roomy and the smallest supported
// window: no serious or critical axe-core violation (contrast, names, roles), and a screenshot of
// each for a person to look at (test-results/screenshots/, not committed).
import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe'
import { SHOTS, useBothLab, useBrowser } from './support/lab'
import { settled, TOUR } from './support/view-tour'

const SIZES = [
  { width: 1400, height: 900 },
  { width: 800, height: 600 }
] as const
const SCREENSHOTS = `${SHOTS}/screenshots`

describe.each(['light', 'dark'] as const)('accessibility in the %s theme', (theme) => {
  const browser = useBrowser()
  const lab = useBothLab({ stepMs: 5 })

  /** The app in the theme the OS asks for (Settings start at System), with its errors recorded. */
  async function open(): Promise<{ page: Page; problems: string[] }> {
    // Reduced motion: axe reads colours once dialogs and fades have settled, not halfway in.
    const page = await browser().newPage({
      viewport: SIZES[0],
      colorScheme: theme,
      reducedMotion: 'reduce'
    })
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    await page.goto(lab.run.url)
    return { page, problems }
  }

  /**
   * A failed build in Activity, with its notification: the red bar and step, the error and the
   * Cycle job's steps are on screen for axe. Its toasts are checked, then dismissed so that the
   * screenshots show the views.
   */
  async function failABuild(page: Page): Promise<void> {
    lab.sandbox.cycle.failNextBuild('RUN make exited with code 2: no rule to make target')
    await page.getByTestId('nav-cycle-images').click()
    await page.getByTestId('build-image').click()
    await page.getByTestId('build-name').fill('a11y-image')
    await page.getByTestId('build-submit').click()
    await page.getByTestId('nav-jobs').click()
    await expect
      .poll(() => page.getByTestId('job').first().getAttribute('data-state'), { timeout: 20_000 })
      .toBe('failed')
    await expect
      .poll(() => page.getByTestId('notifications-unread').count(), { timeout: 10_000 })
      .toBe(1)
    const dismiss = page.getByTestId('toast-dismiss')
    for (let n = await dismiss.count(); n > 0; n = await dismiss.count()) {
      expect(await seriousViolations(page, `${theme} toasts`)).toEqual([])
      await dismiss.first().click()
      await expect.poll(() => dismiss.count()).toBeLessThan(n)
    }
  }

  it('has no serious or critical violation on any view, at 1400×900 and 800×600', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true })
    const { page, problems } = await open()
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme)
    await expect
      .poll(() => page.getByTestId('account').evaluateAll((a) => a.map((e) => e.dataset.state)))
      .toEqual(['online', 'online'])
    await failABuild(page)

    const found: string[] = []
    for (const stop of TOUR) {
      await page.setViewportSize(SIZES[0])
      await stop.go(page)
      for (const size of SIZES) {
        await page.setViewportSize(size)
        await settled(page)
        const where = `${theme} ${size.width}×${size.height} ${stop.name}`
        found.push(...(await seriousViolations(page, where)))
        await page.screenshot({
          path: `${SCREENSHOTS}/${stop.name}-${theme}-${size.width}x${size.height}.png`
        })
      }
    }
    await page.keyboard.press('Escape')

    expect(found.join('\n')).toBe('')
    expect(problems).toEqual([])
  })
})
