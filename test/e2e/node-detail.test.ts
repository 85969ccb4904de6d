import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { SANDBOX_AGENT, SANDBOX_HOST } from '../../src-main/sandbox/qbo/envelope'
import { SANDBOX_USER } from '../../src-main/sandbox/qbo/types'
import { openPage } from './support/browser'
import { SHOTS, useBrowser, useQboLab } from './support/lab'

describe('what the server says, shown in the real UI', () => {
  const browser = useBrowser()
  const lab = useQboLab()

  /** A page that may use the clipboard, recording console errors as openPage does. */
  async function openClipboardPage(): Promise<{ page: Page; problems: string[] }> {
    const context = await browser().newContext({
      viewport: { width: 1280, height: 800 },
      permissions: ['clipboard-read', 'clipboard-write']
    })
    const page = await context.newPage()
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    await page.goto(lab.run.url)
    await page.getByTestId('nav-nodes').click()
    return { page, problems }
  }

  const fieldText = (page: Page, key: string) => page.getByTestId(`node-field-${key}`).textContent()

  it('opens a node’s detail beside the list with every seed field, copies its id, and shows the server in the account', async () => {
    const { page, problems } = await openClipboardPage()
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)

    const seeded = lab.sandbox.qbo.hub.nodes[1]!
    await page.getByTestId('search').fill(seeded.name)
    await expect.poll(() => page.getByTestId('row').count()).toBe(1)
    await page.getByTestId('row').filter({ hasText: seeded.name }).click()

    const detail = page.getByTestId('node-detail')
    await expect.poll(() => detail.getAttribute('data-node')).toBe(seeded.name)
    await expect.poll(() => fieldText(page, 'id')).toBe(seeded.id)
    const keys = Object.keys(seeded)
    expect(keys).toEqual(
      expect.arrayContaining([
        'id',
        'os',
        'kernel',
        'cluster_id',
        'user',
        'address',
        'image',
        'state',
        'cluster'
      ])
    )
    expect(await page.getByTestId('node-field').count()).toBe(keys.length)
    for (const [key, value] of Object.entries(seeded)) {
      expect(await fieldText(page, key)).toBe(value)
    }
    // The list stays beside the detail.
    expect(await page.getByTestId('row').count()).toBe(1)
    await page.screenshot({ path: `${SHOTS}/e2e-node-detail.png` })

    await page.getByTestId('copy-id').click()
    await expect.poll(() => page.getByTestId('copy-id-status').textContent()).toContain('Copied')
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(seeded.id)

    await page.getByTestId('node-detail-close').click()
    await expect.poll(() => detail.count()).toBe(0)

    // The account says who and what answered.
    const server = page.getByTestId('account-server')
    await expect.poll(() => server.count()).toBe(1)
    expect(await page.getByTestId('account-server-agent').textContent()).toBe(SANDBOX_AGENT)
    await server.locator('summary').click()
    expect(await page.getByTestId('account-server-user').textContent()).toBe(SANDBOX_USER)
    expect(await page.getByTestId('account-server-host').textContent()).toBe(SANDBOX_HOST)
    // When it last answered: relative, the exact local time on hover.
    const answered = page.getByTestId('account-server-time').locator('time')
    expect(await answered.textContent()).toMatch(/just now|min ago/)
    expect(await answered.getAttribute('title')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    await page.screenshot({ path: `${SHOTS}/e2e-account-server.png` })
    expect(problems).toEqual([])
  })

  it('opens a node’s detail from a cluster’s nodes tab, and shows image and network owners', async () => {
    const { page, problems } = await openClipboardPage()
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')

    const cluster = lab.sandbox.qbo.hub.clusters[0]!
    const node = lab.sandbox.qbo.hub.nodes.find((n) => n.cluster === cluster.name)!
    await page.getByTestId('nav-clusters').click()
    await page.getByTestId('row').filter({ hasText: cluster.name }).first().click()
    await expect.poll(() => page.getByTestId('cluster-detail').count()).toBe(1)
    await page.getByTestId('row').filter({ hasText: node.name }).click()
    await expect.poll(() => fieldText(page, 'cluster_id')).toBe(cluster.id)
    expect(await fieldText(page, 'kernel')).toBe(node.kernel)
    expect(await page.getByTestId('row').count()).toBeGreaterThan(0)
    await page.screenshot({ path: `${SHOTS}/e2e-cluster-node-detail.png` })
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('node-detail').count()).toBe(0)

    await page.getByTestId('nav-images').click()
    await expect
      .poll(async () =>
        (await page.getByRole('columnheader').allTextContents()).map((t) =>
          t.replace(/[▲▼]/g, '').trim()
        )
      )
      .toEqual(expect.arrayContaining(['Registry', 'User', 'Repository']))
    await page.getByTestId('nav-networks').click()
    await expect.poll(() => page.getByTestId('row').first().textContent()).toContain(SANDBOX_USER)
    await page.screenshot({ path: `${SHOTS}/e2e-networks-user.png` })
    expect(problems).toEqual([])
  })
})

describe('the node detail beside a long list', () => {
  const browser = useBrowser()
  const lab = useQboLab({ clusters: 4, nodesPerCluster: 50 })

  it('keeps the list where it was scrolled while a node is open beside it', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)

    const scroller = page.locator('.scroll').first()
    await scroller.evaluate((el) => el.scrollTo(0, 2000))
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(2000)
    const row = page.locator('tr[data-index="70"]')
    const name = (await row.locator('td').first().textContent())?.trim() ?? ''
    await row.click()
    await expect.poll(() => page.getByTestId('node-detail').getAttribute('data-node')).toBe(name)
    await expect.poll(() => page.getByTestId('node-field-name').textContent()).toBe(name)
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(2000)
    expect(await row.isVisible()).toBe(true)
    await page.screenshot({ path: `${SHOTS}/e2e-node-detail-scrolled.png` })

    await page.getByTestId('node-detail-close').click()
    await expect.poll(() => page.getByTestId('node-detail').count()).toBe(0)
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(2000)
    expect(problems).toEqual([])
  })
})
