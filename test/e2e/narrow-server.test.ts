import { describe, expect, it } from 'vitest'
import { openPage } from './support/browser'
import { SHOTS, useBrowser, useQboLab } from './support/lab'

describe('a qbo server that knows only nodes, images, networks and version, through the real UI', () => {
  const browser = useBrowser()
  const lab = useQboLab({ qboNarrow: true })

  it('lists what it answered and says, per kind and per view, what it does not support', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    const account = page.getByTestId('account')
    await expect.poll(() => account.getAttribute('data-state')).toBe('online')
    await expect
      .poll(() => account.getByTestId('account-unsupported').allTextContents())
      .toEqual(
        expect.arrayContaining([
          'clusters: not supported by this server',
          'pods: not supported by this server',
          'services: not supported by this server',
          'load balancers: not supported by this server'
        ])
      )
    await expect.poll(() => account.textContent()).not.toContain('never synced')

    // What answered is shown.
    await page.getByTestId('nav-nodes').click()
    await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)

    // Clusters come from the nodes, and the view says so.
    await page.getByTestId('nav-clusters').click()
    const named = new Set(lab.sandbox.qbo.hub.nodes.map((n) => n.cluster))
    await expect.poll(() => page.getByTestId('row').count()).toBe(named.size)
    await expect.poll(() => page.getByTestId('unsupported-note').textContent()).toMatch(/derived/)
    expect(await page.getByTestId('row').first().textContent()).toContain('unknown')

    // A kind the server does not list says so instead of looking empty.
    await page.getByTestId('row').first().click()
    await expect
      .poll(() => page.getByTestId('derived-cluster-note').textContent())
      .toContain('does not list clusters')
    await page.getByTestId('tab-pods').click()
    await expect
      .poll(() => page.getByTestId('empty-state').textContent())
      .toContain('Pods: not supported by this server')
    await page.screenshot({ path: `${SHOTS}/e2e-narrow-server.png` })
    expect(problems).toEqual([])
  })
})
