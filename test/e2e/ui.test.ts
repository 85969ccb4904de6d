import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { tempDir } from '../support/temp-dir'
import { openPage } from './support/browser'
import { qboLab, SHOTS, useBrowser, writeConfig } from './support/lab'
import { startHeadless, type HeadlessRun } from './support/headless-process'

describe('the real UI in Chromium against headless mode', () => {
  const browser = useBrowser()
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  const runs: HeadlessRun[] = []

  const configFor = (token?: string): string => writeConfig(dir.path, [qboLab(sandbox, token)])
  const headless = async (args: string[]): Promise<HeadlessRun> => {
    const run = await startHeadless(args)
    runs.push(run)
    return run
  }

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox()
  })
  afterEach(async () => {
    for (const run of runs.splice(0)) await run.stop()
    await sandbox.close()
    dir.remove()
  })

  it('loads, shows the sandbox’s nodes by cluster, searches in the agent, and browses every view', async () => {
    const run = await headless(['--data', dir.path, '--config', configFor()])
    const { page, problems } = await openPage(browser(), run.url)

    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    await expect
      .poll(() => page.getByTestId('row').count())
      .toBe(Math.min(sandbox.qbo.hub.nodes.length, 100))
    expect(await page.getByTestId('view-title').textContent()).toMatch(/Nodes/)
    expect(await page.getByTestId('account-status').textContent()).toMatch(/Online/)
    expect(await page.getByTestId('freshness').textContent()).toMatch(/synced/i)
    // The token left the address bar once read.
    expect(page.url()).not.toContain('token')

    await page.getByTestId('search').fill('control-')
    await expect.poll(() => page.getByTestId('row').count()).toBe(sandbox.qbo.hub.clusters.length)
    for (const text of await page.getByTestId('row').allTextContents())
      expect(text).toContain('control-')

    await page.getByTestId('search').fill('')
    const cluster = sandbox.qbo.hub.clusters[0]!
    const inCluster = sandbox.qbo.hub.nodes.filter((n) => n.cluster === cluster.name).length
    await page
      .getByTestId('cluster-filter')
      .getByRole('button', { name: new RegExp(`^${cluster.name}\\b`) })
      .click()
    await expect.poll(() => page.getByTestId('row').count()).toBe(inCluster)
    await page.screenshot({ path: `${SHOTS}/e2e-nodes.png` })

    await page.getByTestId('nav-images').click()
    await expect.poll(() => page.getByTestId('row').count()).toBe(sandbox.qbo.hub.images.length)
    expect(await page.getByTestId('row').first().textContent()).toContain('kindest')
    await page.getByTestId('nav-networks').click()
    await expect.poll(() => page.getByTestId('row').count()).toBe(sandbox.qbo.hub.networks.length)
    await page.screenshot({ path: `${SHOTS}/e2e-networks.png` })
    expect(problems).toEqual([])
  })

  it('turns offline when the server stops, stays browsable, and comes back online by itself', async () => {
    const run = await headless(['--data', dir.path, '--config', configFor()])
    const { page, problems } = await openPage(browser(), run.url)
    const account = page.getByTestId('account')
    await expect.poll(() => account.getAttribute('data-state')).toBe('online')
    // Online comes before the first sync is written: wait for the rows it brings.
    const rows = Math.min(sandbox.qbo.hub.nodes.length, 100)
    await expect.poll(() => page.getByTestId('row').count()).toBe(rows)

    const port = sandbox.port
    await sandbox.close()
    await expect.poll(() => account.getAttribute('data-state'), { timeout: 5000 }).toBe('offline')
    expect(await page.getByTestId('account-status').textContent()).toMatch(/Offline/)
    await expect.poll(() => page.getByTestId('offline-banner').isVisible()).toBe(true)
    expect(await page.getByTestId('row').count()).toBe(rows)
    await page.getByTestId('nav-images').click()
    await expect.poll(() => page.getByTestId('row').count()).toBe(sandbox.qbo.hub.images.length)
    await page.screenshot({ path: `${SHOTS}/e2e-offline.png` })

    sandbox = await startSandbox({ port })
    await expect.poll(() => account.getAttribute('data-state'), { timeout: 30_000 }).toBe('online')
    expect(problems).toEqual([])
  })

  it('shows the cached nodes immediately after a restart, before the server answers', async () => {
    const first = await headless(['--data', dir.path, '--config', configFor()])
    const { page } = await openPage(browser(), first.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    // Online comes before the first sync is written: wait for the rows it brings.
    await expect
      .poll(() => page.getByTestId('row').count())
      .toBe(Math.min(sandbox.qbo.hub.nodes.length, 100))
    const before = await page.getByTestId('row').allTextContents()
    await page.close()
    expect(await first.stop('SIGKILL')).toBeNull()

    // Nothing answers at the account's address now: whatever shows comes from the cache.
    const config = configFor()
    await sandbox.close()
    const second = await headless(['--data', dir.path, '--config', config])
    const { page: again } = await openPage(browser(), second.url)
    await expect.poll(() => again.getByTestId('row').allTextContents()).toEqual(before)
    expect(await again.getByTestId('account').getAttribute('data-state')).not.toBe('online')
    sandbox = await startSandbox()
  })

  it('says “authentication failed” for a wrong credential instead of crashing or looping', async () => {
    const run = await headless(['--data', dir.path, '--config', configFor('wrong-token')])
    const { page, problems } = await openPage(browser(), run.url)
    await expect
      .poll(() => page.getByTestId('account').getAttribute('data-state'))
      .toBe('auth-failed')
    expect(await page.getByTestId('account-status').textContent()).toMatch(/Authentication failed/i)
    await expect.poll(() => page.getByTestId('empty-state').isVisible()).toBe(true)
    await page.screenshot({ path: `${SHOTS}/e2e-auth-failed.png` })
    expect(sandbox.qbo.clientCount()).toBe(0)
    expect(problems).toEqual([])
  })

  it('uses the built-in sandbox (qbo and Cycle) when no account is configured (first run)', async () => {
    const run = await headless(['--data', dir.path])
    const { page, problems } = await openPage(browser(), run.url)
    const accounts = page.getByTestId('account')
    await expect.poll(() => accounts.count()).toBe(2)
    for (const state of await Promise.all(
      [0, 1].map((i) => accounts.nth(i).getAttribute('data-state'))
    )) {
      expect(['connecting', 'online']).toContain(state)
    }
    await expect.poll(() => accounts.nth(0).getAttribute('data-state')).toBe('online')
    await expect.poll(() => accounts.nth(1).getAttribute('data-state')).toBe('online')
    await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)
    expect(await accounts.allTextContents()).toEqual([
      expect.stringContaining('Sandbox'),
      expect.stringContaining('Sandbox hub')
    ])
    expect(problems).toEqual([])
  })
})
