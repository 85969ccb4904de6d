import { describe, expect, it } from 'vitest'
import { openPage } from './support/browser'
import { startHeadless } from './support/headless-process'
import { useBrowser, useQboLab } from './support/lab'

describe('a tab left open while Berth restarts', () => {
  const browser = useBrowser()
  const lab = useQboLab()

  it('says the agent restarted, stops retrying, and takes the new address without a reload', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    let sockets = 0
    page.on('websocket', () => sockets++)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    await page.getByTestId('nav-clusters').click()
    await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)
    // Gone if the page reloads: the new address must be taken up in place.
    await page.evaluate('window.stayed = true')

    // Berth restarts on the same port, with a new token.
    const port = new URL(lab.run.url).port
    await lab.run.stop()
    lab.run = await startHeadless([
      '--data',
      lab.dir.path,
      '--config',
      `${lab.dir.path}/config.json`,
      '--port',
      port
    ])
    expect(new URL(lab.run.url).port).toBe(port)

    const banner = page.getByTestId('agent-token-banner')
    await expect
      .poll(() => banner.textContent(), { timeout: 20_000 })
      .toMatch(/Berth was restarted — open the new address it printed/)
    // One clear banner: not "reconnecting…" as well.
    expect(await page.getByTestId('agent-link-banner').count()).toBe(0)
    const refused = sockets

    // The new address, pasted into the same tab.
    await page.goto(lab.run.url)
    await expect.poll(() => banner.count()).toBe(0)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
    await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)
    expect(await page.evaluate('window.stayed')).toBe(true)
    // The old token was not tried again while the banner was up: one socket, the new one.
    expect(sockets).toBe(refused + 1)
    // The token went where the connection keeps it; the address shows the place again.
    expect(new URL(page.url()).hash).toBe('#/clusters')
    expect(await page.getByTestId('view-title').textContent()).toBe('Clusters')
    // The browser itself logs the refused handshakes and token checks: those are expected here.
    const network = /WebSocket connection .* failed|Failed to load resource/
    expect(problems.filter((p) => !network.test(p))).toEqual([])
  })
})
