// A failed build says so everywhere, in one word and one colour: its image reads "failed" in red
// in the list and the detail (not "new"), and its job's bar and unfinished step are red and still
// (not a blue bar under way).
import { describe, expect, it } from 'vitest'
import { openPage } from './support/browser'
import { openCycleImages, useBrowser, useEmptyBerth } from './support/lab'

describe('a failed Cycle build', () => {
  const browser = useBrowser()
  const lab = useEmptyBerth({ stepMs: 5 })

  it('reads "failed" in the danger colour on the image, its job, its bar and its step', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openCycleImages(page, lab.sandbox)
    lab.sandbox.cycle.failNextBuild('RUN make exited with code 2')
    await page.getByTestId('build-image').click()
    await page.getByTestId('build-name').fill('broken-image')
    await page.getByTestId('build-submit').click()

    await page.getByTestId('nav-jobs').click()
    const job = page.getByTestId('job').first()
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 20_000 }).toBe('failed')
    await job.click()
    const detail = page.getByTestId('job-detail')
    await expect
      .poll(() => detail.getByTestId('job-state').getAttribute('data-tone'))
      .toBe('danger')
    await expect
      .poll(() => detail.getByTestId('remote-job-state').getAttribute('data-tone'))
      .toBe('danger')
    expect(await detail.getByTestId('remote-job-state').textContent()).toBe('failed')
    // Every bar drawn for it is the failed one: red and still.
    expect(await detail.getByTestId('job-progress').count()).toBeGreaterThan(0)
    for (const bar of await detail.getByTestId('job-progress').all()) {
      expect(await bar.getAttribute('data-look')).toBe('failed')
    }
    const steps = () =>
      detail.getByTestId('job-step').evaluateAll((s) => s.map((e) => e.getAttribute('data-look')))
    await expect.poll(steps).toContain('failed')
    expect(await steps()).not.toContain('started')

    await page.getByTestId('nav-cycle-images').click()
    const row = page.getByTestId('row').filter({ hasText: 'broken-image' })
    const badge = row.locator('[data-tone]')
    await expect.poll(() => badge.textContent()).toBe('failed')
    expect(await badge.getAttribute('data-tone')).toBe('danger')
    await row.click()
    const state = page.getByTestId('image-state')
    await expect.poll(() => state.textContent()).toBe('failed')
    expect(await state.getAttribute('data-tone')).toBe('danger')
    expect(problems).toEqual([])
  })
})
