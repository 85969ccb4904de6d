import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openPage } from './support/browser'
import { SHOTS, useBrowser, useQboLab } from './support/lab'

/**
 * Issue 14, items 5 and 6: an action shows its progress where it was asked for, and leads to its
 * job; a job names what it acts on and leads back to it; a taken name is refused as it is typed;
 * the same action asked twice while offline is one job.
 */
describe('actions in place', () => {
  const browser = useBrowser()
  const lab = useQboLab({ stepMs: 60, clusters: 3 })

  const title = (page: Page) => page.getByTestId('view-title').textContent()
  const accountState = (page: Page) => page.getByTestId('account').getAttribute('data-state')
  /** The Clusters row of `name`, found by its name cell, whatever else the row says. */
  const rowOf = (page: Page, name: string): Locator =>
    page.getByTestId('row').filter({ has: page.getByRole('button', { name, exact: true }) })
  const running = () => lab.sandbox.qbo.hub.clusters.find((c) => c.state === 'running')!.name

  async function openClusters(page: Page): Promise<void> {
    await expect.poll(() => accountState(page)).toBe('online')
    await page.getByTestId('nav-clusters').click()
    await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)
  }

  it('stops a cluster from its row: the row shows the job under way, then its end, and leads to it; the job leads back', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openClusters(page)
    const name = running()
    const row = rowOf(page, name)
    await expect.poll(() => row.count()).toBe(1)

    // qbo takes a while to answer: long enough to see the stop under way.
    lab.sandbox.faults.qbo.actionDelayMs = 1500
    await row.getByTestId('cluster-stop').click()
    const inPlace = row.getByTestId('job-in-place')
    await expect.poll(() => inPlace.getAttribute('data-state')).toBe('running')
    expect(await title(page)).toBe('Clusters')
    expect(await inPlace.getByTestId('job-in-place-words').textContent()).toBe('Stopping…')
    const bar = inPlace.getByRole('progressbar')
    expect(await bar.getAttribute('aria-label')).toBe(`Stopping… ${name}`)
    await page.screenshot({ path: `${SHOTS}/e2e-action-in-place.png` })

    await expect
      .poll(() => inPlace.getAttribute('data-state'), { timeout: 20_000 })
      .toBe('succeeded')
    expect(await inPlace.getByTestId('job-in-place-words').textContent()).toBe('Stopped')
    await expect.poll(() => row.textContent()).toMatch(/stopped/)
    expect(await inPlace.getByRole('progressbar').count()).toBe(0)
    expect(await title(page)).toBe('Clusters')

    // Its link opens the job, which names its cluster and account…
    await inPlace.getByTestId('job-in-place-link').click()
    await expect.poll(() => title(page)).toBe('Activity')
    const detail = page.getByTestId('job-detail')
    expect(await detail.getByRole('heading', { level: 2 }).textContent()).toBe(
      `Stop cluster ${name} (Lab)`
    )
    // …and leads back to it.
    await detail.getByTestId('job-subject-link').click()
    await expect.poll(() => title(page)).toBe(name)
    await expect.poll(() => page.getByTestId('cluster-state').textContent()).toMatch(/stopped/)
    expect(problems).toEqual([])
  })

  it('refuses a name the account already has as it is typed, and takes a free one', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openClusters(page)
    const taken = lab.sandbox.qbo.hub.clusters[0]!.name
    await page.getByTestId('new-cluster').click()
    const field = page.getByTestId('cluster-name')
    await field.pressSequentially(taken)
    // Said while the field still has the focus, before any submit.
    await expect
      .poll(() => page.getByTestId('cluster-name-error').textContent())
      .toBe(`Lab already has a cluster named ${taken}`)
    expect(await field.getAttribute('aria-invalid')).toBe('true')
    await page.getByTestId('create-cluster-submit').click()
    expect(await page.getByTestId('new-cluster-dialog').count()).toBe(1)
    await page.screenshot({ path: `${SHOTS}/e2e-new-cluster-taken.png` })

    await field.fill(`${taken}-new`)
    await expect.poll(() => page.getByTestId('cluster-name-error').count()).toBe(0)
    expect(await field.getAttribute('aria-invalid')).toBe('false')
    expect(problems).toEqual([])
  })

  it('queues Stop pressed twice while offline once, and says it was already queued', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await openClusters(page)
    const name = running()
    await lab.sandbox.close()
    await expect.poll(() => accountState(page), { timeout: 20_000 }).toBe('offline')

    const row = rowOf(page, name)
    await row.getByTestId('cluster-stop').click()
    const inPlace = row.getByTestId('job-in-place')
    await expect.poll(() => inPlace.getAttribute('data-state')).toBe('queued')
    expect(await inPlace.getByTestId('job-in-place-words').textContent()).toBe('Stop queued')
    await row.getByTestId('cluster-stop').click()
    await expect
      .poll(() => inPlace.getByTestId('job-in-place-words').textContent())
      .toBe('Already queued')

    // A cluster queued for creation is a taken name too.
    await page.getByTestId('new-cluster').click()
    await page.getByTestId('cluster-name').fill('offline-new')
    await page.getByTestId('create-cluster-submit').click()
    await expect.poll(() => page.getByTestId('new-cluster-dialog').count()).toBe(0)
    await page.getByTestId('new-cluster').click()
    await page.getByTestId('cluster-name').pressSequentially('offline-new')
    await expect
      .poll(() => page.getByTestId('cluster-name-error').textContent())
      .toBe('A cluster named offline-new is already queued for creation on Lab')
    await page.keyboard.press('Escape')

    await page.getByTestId('nav-jobs').click()
    await expect.poll(() => title(page)).toBe('Activity')
    await expect.poll(() => page.getByTestId('job').count()).toBe(2)
    const stops = page.getByTestId('job').filter({ hasText: `Stop cluster ${name} (Lab)` })
    expect(await stops.count()).toBe(1)
    expect(await stops.getAttribute('data-state')).toBe('queued')
    expect(problems).toEqual([])
  })
})
