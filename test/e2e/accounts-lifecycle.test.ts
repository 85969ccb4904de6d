import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openPage } from './support/browser'
import { SHOTS, useBrowser, useQboLab, type QboLab } from './support/lab'

/** Adds the lab sandbox's qbo server once more, by hand, as "Second", and waits for it online. */
async function addSecond(page: Page, lab: QboLab): Promise<void> {
  await page.getByTestId('add-account').click()
  await page.getByTestId('account-name').fill('Second')
  await page.getByTestId('account-host').fill('127.0.0.1')
  await page.getByTestId('account-port').fill(String(lab.sandbox.port))
  await page.getByTestId('account-tls').uncheck()
  await page.getByTestId('account-token').fill(lab.sandbox.connection().qbo.token)
  await page.getByTestId('save-account').click()
  await expect
    .poll(() => page.locator('[data-account-id="qbo:Second"]').getAttribute('data-state'))
    .toBe('online')
}

/** The row count the navigation shows beside a view, as a number. */
const navCount = async (page: Page, view: string): Promise<number> =>
  Number(
    (await page.getByTestId(`nav-${view}`).locator('.count').textContent())?.replace(/\D/g, '')
  )

/**
 * The accounts a person keeps: the config file's cannot be removed from Berth (and says where it
 * comes from), a removed one leaves nothing of its own on screen, and a connection test result
 * holds only for the address it tested.
 */
describe('accounts through the real UI', () => {
  const browser = useBrowser()
  const lab = useQboLab({ clusters: 30 })

  it('removing an account takes its rows and counts off screen at once', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    try {
      await addSecond(page, lab)
      await page.getByTestId('nav-clusters').click()
      await expect.poll(() => navCount(page, 'clusters')).toBe(60)
      const alexRows = page
        .getByTestId('row')
        .filter({ has: page.getByRole('button', { name: 'alex', exact: true }) })
      await expect.poll(() => alexRows.count()).toBe(2)

      const second = page.locator('[data-account-id="qbo:Second"]')
      await second.hover()
      await second.getByTestId('remove-account').click()
      const words = await page.getByTestId('remove-account-words').textContent()
      expect(words?.replace(/\s+/g, ' ')).toMatch(
        /clusters, nodes, images and networks leave .* Nothing on the qbo server changes/
      )
      await page.getByTestId('confirm-remove').click()
      await expect.poll(() => second.count()).toBe(0)
      // By the time the sidebar has let it go, none of its rows is left on screen.
      expect(await alexRows.count()).toBeLessThanOrEqual(1)
      await expect.poll(() => alexRows.count()).toBe(1)
      await expect.poll(() => navCount(page, 'clusters')).toBe(30)
      await expect.poll(() => navCount(page, 'nodes')).toBe(lab.sandbox.qbo.hub.nodes.length)
      await page.screenshot({ path: `${SHOTS}/e2e-account-removed.png` })

      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('removing an account takes its filter chips, and the chosen one is no filter any more', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    try {
      await addSecond(page, lab)
      // Nodes, filtered by one of Second's clusters (each chip names its account).
      await page.getByTestId('nav-nodes').click()
      // Sixty clusters: a picker to type into, whose options name their account.
      const picker = page.getByTestId('cluster-picker-input')
      const chips = page.getByTestId('cluster-picker-list').getByRole('option')
      await picker.fill('alex')
      const secondsAlex = chips.filter({ hasText: 'alex' }).filter({ hasText: 'Second' })
      await secondsAlex.click()
      await expect.poll(() => picker.inputValue()).toBe('alex')

      const second = page.locator('[data-account-id="qbo:Second"]')
      await second.hover()
      await second.getByTestId('remove-account').click()
      await page.getByTestId('confirm-remove').click()
      await expect.poll(() => second.count()).toBe(0)
      // Back to all clusters, and Second's are no longer offered.
      await expect.poll(() => page.getByTestId('cluster-picker-clear').count()).toBe(0)
      await picker.click()
      await expect.poll(() => chips.count()).toBe(31)
      await expect.poll(() => chips.filter({ hasText: 'Second' }).count()).toBe(0)
      await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('marks an account from the config file and offers no Remove for it', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    try {
      await addSecond(page, lab)
      const lab1 = page.locator('[data-account-id="qbo:Lab"]')
      expect(await lab1.getByTestId('account-source').textContent()).toBe('from the config file')
      await lab1.hover()
      expect(await lab1.getByTestId('remove-account').count()).toBe(0)
      expect(await lab1.getByRole('button', { name: /Remove/ }).count()).toBe(0)
      // One added in Berth is the user's to remove.
      const second = page.locator('[data-account-id="qbo:Second"]')
      expect(await second.getByTestId('account-source').count()).toBe(0)
      expect(await second.getByTestId('remove-account').count()).toBe(1)
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('clears a connection test result when the host it tested is edited', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    try {
      await page.getByTestId('add-account').click()
      await page.getByTestId('account-name').fill('Third')
      await page.getByTestId('account-host').fill('127.0.0.1')
      await page.getByTestId('account-port').fill(String(lab.sandbox.port))
      await page.getByTestId('account-tls').uncheck()
      await page.getByTestId('account-token').fill(lab.sandbox.connection().qbo.token)
      await page.getByTestId('test-connection').click()
      const report = page.getByTestId('connection-report')
      await expect.poll(() => report.getAttribute('data-ok')).toBe('true')
      await page.screenshot({ path: `${SHOTS}/e2e-add-account-tested.png` })
      await page.getByTestId('account-host').fill('localhost')
      await expect.poll(() => report.count()).toBe(0)
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })
})
