import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openPage } from './support/browser'
import { openAcceptedJob } from './support/accepted-job'
import { SHOTS, useBrowser, useQboLab } from './support/lab'

describe('cluster life cycle through the real UI', () => {
  const browser = useBrowser()
  const lab = useQboLab({ stepMs: 60 })

  const jobState = (page: Page) => page.getByTestId('job').first().getAttribute('data-state')

  it('creates a cluster from an image, streams its log, sees its nodes ready, stops and deletes it', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')

    // Create from the Images view.
    await page.getByTestId('nav-images').click()
    const image =
      lab.sandbox.qbo.hub.images.find((i) => i.tag === 'v1.29.2') ?? lab.sandbox.qbo.hub.images[0]!
    await page
      .getByTestId('row')
      .filter({ hasText: image.name })
      .getByTestId('create-cluster-from-image')
      .click()
    await page.getByTestId('cluster-name').fill('e2e-lab')
    await page.getByTestId('cluster-nodes').fill('2')
    await page.getByTestId('create-cluster-submit').click()

    // The user stays where they acted; the toast leads to the job, whose log streams.
    await openAcceptedJob(page)
    await expect
      .poll(() => page.getByTestId('job-log').textContent())
      .toContain(`qbo add cluster e2e-lab -i ${image.name} -n 2`)
    await expect
      .poll(() => page.getByTestId('job-log').textContent(), { timeout: 20_000 })
      .toMatch(/Creating control plane control-[0-9a-f]{8}\.localhost/)
    await page.screenshot({ path: `${SHOTS}/e2e-job-log.png` })
    await expect.poll(() => jobState(page), { timeout: 20_000 }).toBe('succeeded')

    // Its nodes are ready.
    await page.getByTestId('nav-nodes').click()
    await page
      .getByTestId('cluster-filter')
      .getByRole('button', { name: /^e2e-lab\b/ })
      .click()
    await expect.poll(() => page.getByTestId('row').count()).toBe(3)
    await expect
      .poll(async () =>
        (await page.getByTestId('row').allTextContents()).every((t) => t.includes('ready'))
      )
      .toBe(true)

    // Stop it from its detail page.
    await page.getByTestId('nav-clusters').click()
    await page.getByTestId('row').filter({ hasText: 'e2e-lab' }).click()
    await expect.poll(() => page.getByTestId('cluster-state').textContent()).toMatch(/running/)
    await page.getByTestId('tab-pods').click()
    await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)
    await page.screenshot({ path: `${SHOTS}/e2e-cluster-detail.png` })
    await page.getByTestId('cluster-stop').click()
    await openAcceptedJob(page)
    await expect.poll(() => jobState(page), { timeout: 20_000 }).toBe('succeeded')
    expect(lab.sandbox.qbo.hub.clusters.find((c) => c.name === 'e2e-lab')?.state).toBe('stopped')

    // Delete it, after confirming.
    await page.getByTestId('nav-clusters').click()
    await page.getByTestId('row').filter({ hasText: 'e2e-lab' }).click()
    await expect.poll(() => page.getByTestId('cluster-state').textContent()).toMatch(/stopped/)
    await page.getByTestId('cluster-delete').click()
    await page.getByTestId('confirm-delete').click()
    await openAcceptedJob(page)
    await expect.poll(() => jobState(page), { timeout: 20_000 }).toBe('succeeded')
    expect(lab.sandbox.qbo.hub.clusters.some((c) => c.name === 'e2e-lab')).toBe(false)
    await page.getByTestId('nav-clusters').click()
    await expect
      .poll(async () =>
        (await page.getByTestId('row').allTextContents()).some((t) => t.includes('e2e-lab'))
      )
      .toBe(false)
    expect(problems).toEqual([])
  })

  it('shows a failed creation with the server’s words', async () => {
    const { page } = await openPage(browser(), lab.run.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    lab.sandbox.qbo.failNext('add', 'kind: node image could not be pulled')
    await page.getByTestId('nav-clusters').click()
    await page.getByTestId('new-cluster').click()
    await page.getByTestId('cluster-name').fill('doomed')
    await page.getByTestId('create-cluster-submit').click()
    await openAcceptedJob(page)
    await expect.poll(() => jobState(page), { timeout: 20_000 }).toBe('failed')
    expect(await page.getByTestId('job').first().textContent()).toContain(
      'kind: node image could not be pulled'
    )
  })
})
