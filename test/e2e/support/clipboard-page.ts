import type { Browser, Page } from 'playwright-core'

/**
 * Berth in a page that may read and write the clipboard (a copy is checked by reading it back),
 * recording console errors and page errors as openPage does.
 */
export async function openClipboardPage(
  browser: Browser,
  url: string
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    permissions: ['clipboard-read', 'clipboard-write']
  })
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  await page.goto(url)
  return { page, problems }
}

/** What the page's clipboard holds. */
export const clipboardText = (page: Page): Promise<unknown> =>
  page.evaluate('navigator.clipboard.readText()')
