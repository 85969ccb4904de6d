import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { startSandbox } from '../../src-main/sandbox'
import { openPage } from './support/browser'
import { openAcceptedJob } from './support/accepted-job'
import { SHOTS, useBrowser, useQboLab } from './support/lab'

describe('working offline through the real UI', () => {
  const browser = useBrowser()
  const lab = useQboLab({ stepMs: 60 })

  const accountState = (page: Page) => page.getByTestId('account').getAttribute('data-state')
  const jobState = (page: Page) => page.getByTestId('job').first().getAttribute('data-state')
  const rows = (page: Page) => page.getByTestId('row').count()
  const offlineMark = (page: Page) => page.getByTestId('freshness').getAttribute('data-offline')

  it('browses the cache, queues a cluster while offline, and runs it once the server is back', async () => {
    const hub = lab.sandbox
    const port = hub.port
    const counts = {
      nodes: Math.min(hub.qbo.hub.nodes.length, 100),
      images: hub.qbo.hub.images.length,
      clusters: hub.qbo.hub.clusters.length
    }
    const { page, problems } = await openPage(browser(), lab.run.url)
    await expect.poll(() => accountState(page)).toBe('online')
    await expect.poll(() => rows(page)).toBe(counts.nodes)
    expect(await page.getByTestId('offline-banner').count()).toBe(0)

    // The server goes away.
    await hub.close()
    await expect.poll(() => accountState(page), { timeout: 20_000 }).toBe('offline')
    const banner = page.getByTestId('offline-banner')
    await expect.poll(() => banner.count()).toBe(1)
    expect(await banner.textContent()).toMatch(
      /Lab\s+is offline since \d\d:\d\d — showing data as of \d\d:\d\d\./
    )

    // Retry now asks again; the server is still gone, so nothing changes.
    await page.getByTestId('offline-retry').click()
    await expect.poll(() => page.getByTestId('offline-retry').isEnabled()).toBe(true)
    await expect.poll(() => accountState(page)).toBe('offline')
    expect(await page.getByTestId('offline-retry').textContent()).toBe('Retry now')

    // Every view still has its rows, from the cache, and says so.
    await expect.poll(() => rows(page)).toBe(counts.nodes)
    await expect.poll(() => offlineMark(page)).toBe('true')
    expect(await page.getByTestId('freshness').textContent()).toMatch(
      /synced (just now|\d+ min ago) · offline since \d\d:\d\d/
    )
    await page.screenshot({ path: `${SHOTS}/e2e-offline-nodes.png` })
    await page.getByTestId('nav-images').click()
    await expect.poll(() => rows(page)).toBe(counts.images)
    await expect.poll(() => offlineMark(page)).toBe('true')
    await page.getByTestId('nav-clusters').click()
    await expect.poll(() => rows(page)).toBe(counts.clusters)
    await expect.poll(() => offlineMark(page)).toBe('true')

    // A new cluster is queued, not refused.
    await page.getByTestId('new-cluster').click()
    await expect
      .poll(() => page.getByTestId('queued-offline-note').textContent())
      .toMatch(/Lab\s+is offline: this will run when it is back\./)
    await page.getByTestId('cluster-name').fill('offline-lab')
    await page.screenshot({ path: `${SHOTS}/e2e-offline-new-cluster.png` })
    await page.getByTestId('create-cluster-submit').click()
    await openAcceptedJob(page)
    await expect.poll(() => jobState(page)).toBe('queued')
    expect(await page.getByTestId('job-state').textContent()).toContain(
      'Queued — waiting for the account to be online'
    )
    await page.screenshot({ path: `${SHOTS}/e2e-offline-queued.png` })

    // The server comes back on the same port; the account reconnects by itself and the job runs.
    const back = await startSandbox({ port, stepMs: 60 })
    lab.sandbox = back
    await expect.poll(() => accountState(page), { timeout: 70_000 }).toBe('online')
    await expect.poll(() => banner.count()).toBe(0)
    await expect.poll(() => jobState(page), { timeout: 20_000, interval: 20 }).toBe('running')
    await expect.poll(() => jobState(page), { timeout: 30_000 }).toBe('succeeded')
    expect(back.qbo.hub.clusters.some((c) => c.name === 'offline-lab')).toBe(true)
    await page.screenshot({ path: `${SHOTS}/e2e-offline-back.png` })

    await page.getByTestId('nav-clusters').click()
    await expect
      .poll(async () => (await page.getByTestId('row').allTextContents()).join('\n'))
      .toContain('offline-lab')
    await expect.poll(() => offlineMark(page)).toBe('false')
    expect(problems).toEqual([])
  }, 150_000)
})
