import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startSandbox } from '../../src-main/sandbox'
import { openPage } from './support/browser'
import { SHOTS, useBrowser, useQboLab } from './support/lab'

describe('Settings in the real UI against headless mode', () => {
  const browser = useBrowser()
  const lab = useQboLab()

  it('switches the theme, keeps a notification choice across a reload, shows the data folder and clears the cache', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    const account = page.getByTestId('account')
    const rows = page.getByTestId('row')
    const nodes = Math.min(lab.sandbox.qbo.hub.nodes.length, 100)
    // Page-side code as strings: this tsconfig has no DOM types.
    const theme = (): Promise<string | null> => page.locator('html').getAttribute('data-theme')
    const background = (): Promise<string> =>
      page.evaluate<string>('getComputedStyle(document.body).backgroundColor')

    await expect.poll(() => account.getAttribute('data-state')).toBe('online')
    await expect.poll(() => rows.count()).toBe(nodes)

    await page.getByTestId('nav-settings').click()
    expect(await page.getByTestId('view-title').textContent()).toBe('Settings')
    // Chromium here reports a light desktop, so System draws the light palette.
    await expect.poll(theme).toBe('light')
    expect(await background()).toBe('rgb(255, 255, 255)')

    await page.getByTestId('theme-dark').check()
    await expect.poll(theme).toBe('dark')
    await expect.poll(background).toBe('rgb(27, 29, 33)')
    expect(
      await page.evaluate<string>('getComputedStyle(document.documentElement).colorScheme')
    ).toBe('dark')

    await page.getByTestId('notify-resource').uncheck()
    expect(await page.getByTestId('notify-resource').isChecked()).toBe(false)
    // Served to a browser, closing the window is not Berth's to decide.
    expect(await page.getByTestId('close-to-tray').isDisabled()).toBe(true)
    expect(await page.getByTestId('settings-window').textContent()).toContain(
      'This applies to the desktop app'
    )
    expect(await page.getByTestId('data-dir').textContent()).toBe(resolve(lab.dir.path))
    expect(await page.getByTestId('secrets').textContent()).toMatch(/key file/)
    expect((await page.getByTestId('app-version').textContent())?.trim()).toMatch(/\d+\.\d+/)
    await page.screenshot({ path: `${SHOTS}/e2e-settings-dark.png`, fullPage: true })

    // The agent saved both: a reload reads them back.
    await page.reload()
    await expect.poll(theme).toBe('dark')
    await page.getByTestId('nav-settings').click()
    await expect.poll(() => page.getByTestId('notify-resource').isChecked()).toBe(false)
    expect(await page.getByTestId('notify-job').isChecked()).toBe(true)
    expect(await page.getByTestId('theme-dark').isChecked()).toBe(true)

    // With the server away, what the lists show can only come from the cache.
    const port = lab.sandbox.port
    await lab.sandbox.close()
    await expect.poll(() => account.getAttribute('data-state'), { timeout: 5000 }).toBe('offline')
    await page.getByTestId('clear-cache').click()
    expect(await page.getByTestId('confirm-dialog').textContent()).toContain('queued actions')
    await page.getByTestId('confirm-clear-cache').click()
    await expect
      .poll(() => page.getByTestId('clear-cache-result').textContent())
      .toContain('Cache cleared')
    expect(await page.getByTestId('confirm-dialog').count()).toBe(0)

    // The cached rows are gone; the account is not.
    await page.getByTestId('nav-nodes').click()
    await expect.poll(() => rows.count()).toBe(0)
    expect(await account.count()).toBe(1)
    expect(await account.textContent()).toContain('Lab')

    // The server is back: the account reconnects by itself and its data is read again.
    lab.sandbox = await startSandbox({ port })
    await expect.poll(() => account.getAttribute('data-state'), { timeout: 30_000 }).toBe('online')
    await expect
      .poll(() => rows.count(), { timeout: 20_000 })
      .toBe(Math.min(lab.sandbox.qbo.hub.nodes.length, 100))
    expect(problems).toEqual([])
  })

  it('toasts a lost connection in the page, leads to the account, and keeps it in the history', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    const account = page.getByTestId('account')
    await expect.poll(() => account.getAttribute('data-state')).toBe('online')

    await lab.sandbox.close()
    const toast = page.getByTestId('toast')
    await expect.poll(() => toast.textContent(), { timeout: 10_000 }).toContain('Lab is offline')
    expect(await page.getByTestId('toasts').getAttribute('aria-live')).toBe('polite')
    await expect.poll(() => page.getByTestId('notifications-unread').textContent()).toBe('1')
    await page.screenshot({ path: `${SHOTS}/e2e-toast.png` })

    await page.getByTestId('toast-open').click()
    expect(await toast.count()).toBe(0)
    await expect
      .poll(() => page.evaluate<string | undefined>('document.activeElement?.dataset.accountId'))
      .toBe(await account.getAttribute('data-account-id'))
    await expect.poll(() => page.getByTestId('notifications-unread').count()).toBe(0)

    await page.getByTestId('nav-notifications').click()
    const entry = page.getByTestId('notification')
    await expect.poll(() => entry.count()).toBe(1)
    expect(await entry.textContent()).toContain('Lab is offline')
    expect(await entry.getAttribute('data-read')).toBe('true')
    await page.screenshot({ path: `${SHOTS}/e2e-notifications.png` })
    expect(problems).toEqual([])
  })
})
