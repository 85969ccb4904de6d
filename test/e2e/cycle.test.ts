import { describe, expect, it } from 'vitest'
import { openPage } from './support/browser'
import { openAcceptedJob } from './support/accepted-job'
import { openCycleImages, SHOTS, useBrowser, useEmptyBerth } from './support/lab'

describe('a Cycle hub through the real UI', () => {
  const browser = useBrowser()
  // No config: the data folder starts empty, the user adds the hub by hand.
  const lab = useEmptyBerth({ stepMs: 150 })

  it('adds a hub, builds an image step by step, reads its build log, prunes and deletes', async () => {
    const { sandbox, run } = lab
    const { page, problems } = await openPage(browser(), run.url)
    await openCycleImages(page, sandbox)
    const before = await page.getByTestId('row').count()

    // Build.
    await page.getByTestId('build-image').click()
    await page.getByTestId('build-name').fill('e2e-image')
    await page.getByTestId('build-submit').click()
    await openAcceptedJob(page)
    const progress = page.getByTestId('job-progress').first()
    const seen = new Set<string>()
    await expect
      .poll(
        async () => {
          seen.add((await progress.getAttribute('data-progress')) ?? '')
          return page.getByTestId('job').first().getAttribute('data-state')
        },
        { timeout: 30_000, interval: 50 }
      )
      .toBe('succeeded')
    // Progress was watched moving, not just seen finished.
    expect([...seen].filter((p) => p !== '' && p !== '1').length).toBeGreaterThan(0)
    expect(await page.getByTestId('job-step').count()).toBe(6)
    // The Cycle job's own steps end up all done too (they follow the hub's job, not ours).
    await expect
      .poll(() =>
        page
          .getByTestId('job-step')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-done')))
      )
      .toEqual(Array(6).fill('true'))
    await page.screenshot({ path: `${SHOTS}/e2e-cycle-build.png` })

    // The new image and its build log.
    await page.getByTestId('nav-cycle-images').click()
    await expect.poll(() => page.getByTestId('row').count()).toBe(before + 1)
    await page.getByTestId('row').filter({ hasText: 'e2e-image' }).click()
    await expect.poll(() => page.getByTestId('image-state').textContent()).toMatch(/live/)
    await expect.poll(() => page.getByTestId('build-log').textContent()).not.toBe('')
    await page.screenshot({ path: `${SHOTS}/e2e-cycle-image.png` })

    // Delete it.
    await page.getByTestId('delete-image').click()
    await page.getByTestId('confirm-delete').click()
    await openAcceptedJob(page)
    await expect
      .poll(() => page.getByTestId('job').first().getAttribute('data-state'), { timeout: 30_000 })
      .toBe('succeeded')

    // Prune the first source's unused images.
    await page.getByTestId('nav-cycle-images').click()
    await page.getByTestId('prune-images').click()
    await page.getByTestId('prune-source').first().check()
    await page.getByTestId('prune-submit').click()
    await openAcceptedJob(page)
    await expect
      .poll(() => page.getByTestId('job').first().getAttribute('data-state'), { timeout: 30_000 })
      .toBe('succeeded')
    expect(problems).toEqual([])
  })
})
