import { describe, expect, it } from 'vitest'
import { openPage } from './support/browser'
import { openAcceptedJob } from './support/accepted-job'
import { addCycleHub, openCycleImages, SHOTS, useBrowser, useEmptyBerth } from './support/lab'

describe('Cycle import, build overrides and list filters through the real UI', () => {
  const browser = useBrowser()
  const lab = useEmptyBerth({ stepMs: 40 })

  it('filters images by state and source, imports one left in new, and builds with an override target', async () => {
    const { sandbox, run } = lab
    const { page, problems } = await openPage(browser(), run.url)
    await openCycleImages(page, sandbox)
    const hub = sandbox.cycle.state

    // A filtered list: only the images in `new`, then only those of one source.
    const fresh = hub.images.filter((i) => i.state.current === 'new')
    await page.getByTestId('filter-image-state').selectOption('new')
    await expect.poll(() => page.getByTestId('row').count()).toBe(fresh.length)
    // An image whose import failed stays `new` on the hub with the error on its state: it reads
    // "failed"; the others read "new".
    const words = (await page.getByTestId('row').allTextContents()).map((text) =>
      /failed/.test(text) ? 'failed' : /new/.test(text) ? 'new' : text
    )
    expect(words.sort()).toEqual(fresh.map((i) => (i.state.error ? 'failed' : 'new')).sort())
    // Those read "failed" are a state of their own in the filter, as the rows say it.
    const failed = hub.images.filter((i) => i.state.error?.message)
    expect(failed.length).toBeGreaterThan(0)
    await page.getByTestId('filter-image-state').selectOption('failed')
    await expect.poll(() => page.getByTestId('row').count()).toBe(failed.length)
    expect(await page.locator('.count-pill').first().textContent()).toBe(String(failed.length))
    for (const text of await page.getByTestId('row').allTextContents())
      expect(text).toMatch(/failed/)
    await page.getByTestId('filter-image-state').selectOption('new')
    const source = fresh[0]!.source!.details.id
    await page.getByTestId('filter-image-source').selectOption(source)
    const ofSource = fresh.filter((i) => i.source?.details.id === source)
    await expect.poll(() => page.getByTestId('row').count()).toBe(ofSource.length)
    await page.screenshot({ path: `${SHOTS}/e2e-cycle-images-filtered.png` })
    await page.getByTestId('clear-filters').click()
    await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(ofSource.length)

    // Import an existing image left in `new`, from its detail: the same image turns live.
    const image = fresh.find((i) => !i.state.error)!
    const count = hub.images.length
    await page.getByTestId('search').fill(image.name)
    await expect.poll(() => page.getByTestId('row').count()).toBe(1)
    await page.getByTestId('row').first().click()
    await expect.poll(() => page.getByTestId('image-state').textContent()).toMatch(/new/)
    await page.getByTestId('import-image').click()
    await page.screenshot({ path: `${SHOTS}/e2e-cycle-import-confirm.png` })
    await page.getByTestId('confirm-import').click()
    await openAcceptedJob(page)
    await expect
      .poll(() => page.getByTestId('job').first().getAttribute('data-state'), { timeout: 30_000 })
      .toBe('succeeded')
    await expect
      .poll(() => page.getByTestId('job-progress').first().getAttribute('data-progress'))
      .toBe('1')
    await expect.poll(() => page.getByTestId('remote-job-state').textContent()).toMatch(/completed/)
    await page.screenshot({ path: `${SHOTS}/e2e-cycle-import-job.png` })
    expect(hub.images.find((i) => i.id === image.id)!.state.current).toBe('live')
    expect(hub.images).toHaveLength(count)

    // Build with an override target: the hub gets it.
    const dockerHub = hub.sources.find(
      (s) => s.origin.type === 'docker-hub' && s.type !== 'stack-build'
    )!
    await page.getByTestId('nav-cycle-images').click()
    await page.getByTestId('build-image').click()
    await page.getByTestId('build-source').selectOption(dockerHub.id)
    await page.getByTestId('build-name').fill('e2e-override')
    await page.getByTestId('build-target').fill('library/nginx:1.27-alpine')
    await page.screenshot({ path: `${SHOTS}/e2e-cycle-build-override.png` })
    await page.getByTestId('build-submit').click()
    await openAcceptedJob(page)
    await expect
      .poll(() => page.getByTestId('job').first().getAttribute('data-state'), { timeout: 30_000 })
      .toBe('succeeded')
    const built = hub.images.find((i) => i.name === 'e2e-override')!
    expect(built.source!.override).toEqual({ target: 'library/nginx:1.27-alpine' })
    expect(problems).toEqual([])
  })

  it('filters image sources by origin and hub jobs by state', async () => {
    const { sandbox, run } = lab
    const { page, problems } = await openPage(browser(), run.url)
    await addCycleHub(page, { name: 'Hub', ...sandbox.connection().cycle })
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    const hub = sandbox.cycle.state

    await page.getByTestId('nav-cycle-sources').click()
    await expect.poll(() => page.getByTestId('row').count()).toBe(hub.sources.length)
    await page.getByTestId('filter-source-origin').selectOption('docker-file')
    await expect
      .poll(() => page.getByTestId('row').count())
      .toBe(hub.sources.filter((s) => s.origin.type === 'docker-file').length)
    await page.screenshot({ path: `${SHOTS}/e2e-cycle-sources-origin.png` })

    await page.getByTestId('nav-cycle-jobs').click()
    await expect.poll(() => page.getByTestId('cycle-job').count()).toBeGreaterThan(0)
    const state = hub.jobs[0]!.state.current
    await page.getByTestId('filter-job-state').selectOption(state)
    const wanted = hub.jobs.filter((j) => j.state.current === state).length
    await expect.poll(() => page.locator('.count-pill').first().textContent()).toBe(String(wanted))
    await page.screenshot({ path: `${SHOTS}/e2e-cycle-jobs-state.png` })
    expect(problems).toEqual([])
  })
})
