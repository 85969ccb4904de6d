import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { kubeconfigFor } from '../../src-main/sandbox/qbo/kubeconfig'
import { clipboardText, openClipboardPage } from './support/clipboard-page'
import { useBrowser, useQboLab } from './support/lab'

async function openClusters(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
  await page.getByTestId('nav-clusters').click()
  await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)
}

const toastTitles = (page: Page) => page.getByTestId('toast').allTextContents()

describe('Copy kubeconfig', () => {
  const browser = useBrowser()
  const lab = useQboLab({ clusters: 3 })

  it('copies a cluster’s kubeconfig from its detail and says so in a toast', async () => {
    const { page, problems } = await openClipboardPage(browser(), lab.run.url)
    await openClusters(page)
    const cluster = lab.sandbox.qbo.hub.clusters[0]!
    await page.getByTestId('row').filter({ hasText: cluster.name }).first().click()
    await expect.poll(() => page.getByTestId('cluster-detail').count()).toBe(1)

    await page.getByTestId('copy-kubeconfig').click()
    await expect
      .poll(() => toastTitles(page))
      .toEqual([expect.stringContaining(`Kubeconfig of ${cluster.name} copied`)])
    expect(await clipboardText(page)).toBe(kubeconfigFor(cluster))
    expect(problems).toEqual([])
  })

  it('copies it from a row’s menu too', async () => {
    const { page, problems } = await openClipboardPage(browser(), lab.run.url)
    await openClusters(page)
    const cluster = lab.sandbox.qbo.hub.clusters[1]!
    const row = page
      .getByTestId('row')
      .filter({ has: page.getByRole('button', { name: cluster.name, exact: true }) })
    await row.click({ button: 'right', position: { x: 300, y: 10 } })
    const menu = page.getByRole('menu', { name: `Actions on ${cluster.name}` })
    await menu.getByRole('menuitem', { name: 'Copy kubeconfig' }).click()
    await expect
      .poll(() => toastTitles(page))
      .toEqual([expect.stringContaining(`Kubeconfig of ${cluster.name} copied`)])
    expect(await clipboardText(page)).toBe(kubeconfigFor(cluster))
    expect(problems).toEqual([])
  })
})
