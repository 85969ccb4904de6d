import { describe, expect, it } from 'vitest'
import { cycleApi } from '../support/sandboxes'
import { openPage } from './support/browser'
import { openCycleImages, SHOTS, useBrowser, useEmptyBerth } from './support/lab'

describe('a Cycle image’s every fact through the real UI', () => {
  const browser = useBrowser()
  const lab = useEmptyBerth({ stepMs: 40 })

  it('shows the creator by name, the origin target, labels and the state history', async () => {
    const { sandbox, run } = lab
    const { page, problems } = await openPage(browser(), run.url)
    await openCycleImages(page, sandbox)

    const open = async (name: string) => {
      await page.getByTestId('search').fill(name)
      // The list comes back with its last search: the one row must be the one searched for.
      await expect
        .poll(() => page.getByTestId('row').allTextContents())
        .toEqual([expect.stringContaining(name)])
      await page.getByTestId('row').first().click()
      await expect.poll(() => page.getByTestId('image-facts').count()).toBe(1)
    }

    // An image the hub left `new`: importing it (from outside Berth) moves it on, and Berth
    // keeps each state it sees.
    await open('release-2025-05-01')
    await expect.poll(() => page.getByTestId('image-state').textContent()).toMatch(/new/)
    const imageId = (await page.getByTestId('image-id').textContent())!.trim()
    const started = await cycleApi(sandbox)('POST', `/v1/images/${imageId}/tasks`, {
      action: 'import'
    })
    expect(started.status).toBe(200)
    await expect
      .poll(() => page.getByTestId('image-state').textContent(), { timeout: 30_000 })
      .toMatch(/live/)
    await expect
      .poll(() => page.getByTestId('image-state-entry').allTextContents())
      .toEqual(
        expect.arrayContaining([expect.stringMatching(/^live/), expect.stringMatching(/^new/)])
      )
    expect(await page.getByTestId('image-creator').textContent()).not.toMatch(/^account [0-9a-f]/)
    await page.screenshot({ path: `${SHOTS}/e2e-cycle-image-history.png`, fullPage: true })

    // The GPU image: a Cycle employee made it, from a private registry, with labels.
    await page.getByTestId('back-to-images').click()
    await open('vision-inference')
    await expect
      .poll(() => page.getByTestId('image-creator').textContent())
      .toMatch(/^\S+ \S+ \(Cycle\)$/)
    const facts = page.getByTestId('image-facts')
    await expect.poll(() => facts.textContent()).toContain('inference/server:3.1-cuda12')
    expect(await facts.textContent()).toContain('an NVIDIA GPU')
    expect(await page.getByTestId('image-labels').textContent()).toContain(
      'com.nvidia.volumes.needed'
    )
    expect(await page.getByTestId('image-containers-by-state').textContent()).toMatch(/running 1/)
    expect(await page.getByTestId('image-state-entry').count()).toBeGreaterThanOrEqual(1)
    await page.screenshot({ path: `${SHOTS}/e2e-cycle-image-facts.png`, fullPage: true })
    expect(problems).toEqual([])
  })
})
