import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { tempDir } from '../support/temp-dir'
import { openPage } from './support/browser'
import { qboLab, SHOTS, useBrowser, writeConfig } from './support/lab'
import { startHeadless, type HeadlessRun } from './support/headless-process'

describe('cluster life cycle through the real UI', () => {
  const browser = useBrowser()
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let run: HeadlessRun

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox({ stepMs: 60 })
    run = await startHeadless([
      '--data',
      dir.path,
      '--config',
      writeConfig(dir.path, [qboLab(sandbox)])
    ])
  })
  afterEach(async () => {
    await run?.stop()
    await sandbox.close()
    dir.remove()
  })

  const jobState = (page: Page) => page.getByTestId('job').first().getAttribute('data-state')

  it('creates a cluster from an image, streams its log, sees its nodes ready, stops and deletes it', async () => {
    const { page, problems } = await openPage(browser(), run.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')

    // Create from the Images view.
    await page.getByTestId('nav-images').click()
    const image =
      sandbox.qbo.hub.images.find((i) => i.tag === 'v1.29.2') ?? sandbox.qbo.hub.images[0]!
    await page
      .getByTestId('row')
      .filter({ hasText: image.name })
      .getByTestId('create-cluster-from-image')
      .click()
    await page.getByTestId('cluster-name').fill('e2e-lab')
    await page.getByTestId('cluster-nodes').fill('2')
    await page.getByTestId('create-cluster-submit').click()

    // The Jobs view follows the job and streams its log.
    await expect.poll(() => page.getByTestId('view-title').textContent()).toMatch(/Jobs/)
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
    await expect.poll(() => jobState(page), { timeout: 20_000 }).toBe('succeeded')
    expect(sandbox.qbo.hub.clusters.find((c) => c.name === 'e2e-lab')?.state).toBe('stopped')

    // Delete it, after confirming.
    await page.getByTestId('nav-clusters').click()
    await page.getByTestId('row').filter({ hasText: 'e2e-lab' }).click()
    await expect.poll(() => page.getByTestId('cluster-state').textContent()).toMatch(/stopped/)
    await page.getByTestId('cluster-delete').click()
    await page.getByTestId('confirm-delete').click()
    await expect.poll(() => jobState(page), { timeout: 20_000 }).toBe('succeeded')
    expect(sandbox.qbo.hub.clusters.some((c) => c.name === 'e2e-lab')).toBe(false)
    await page.getByTestId('nav-clusters').click()
    await expect
      .poll(async () =>
        (await page.getByTestId('row').allTextContents()).some((t) => t.includes('e2e-lab'))
      )
      .toBe(false)
    expect(problems).toEqual([])
  })

  it('shows a failed creation with the server’s words', async () => {
    const { page } = await openPage(browser(), run.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    sandbox.qbo.failNext('add', 'kind: node image could not be pulled')
    await page.getByTestId('nav-clusters').click()
    await page.getByTestId('new-cluster').click()
    await page.getByTestId('cluster-name').fill('doomed')
    await page.getByTestId('create-cluster-submit').click()
    await expect.poll(() => jobState(page), { timeout: 20_000 }).toBe('failed')
    expect(await page.getByTestId('job').first().textContent()).toContain(
      'kind: node image could not be pulled'
    )
  })
})
