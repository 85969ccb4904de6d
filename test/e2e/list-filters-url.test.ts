import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openPage } from './support/browser'
import { useBothLab, useBrowser } from './support/lab'

const hash = (page: Page): string => new URL(page.url()).hash
const title = (page: Page) => page.getByTestId('view-title').textContent()
const total = (page: Page) => page.locator('.count-pill').first().textContent()
const stateFilter = (page: Page) => page.getByTestId('filter-image-state').inputValue()
const sourceFilter = (page: Page) => page.getByTestId('filter-image-source').inputValue()
const searched = (page: Page) => page.getByTestId('search').inputValue()
const entries = (page: Page) => page.evaluate('history.length') as Promise<number>

describe('a list’s filters and search are part of its address', () => {
  const browser = useBrowser()
  const lab = useBothLab()

  it('survive a reload, step with Back and Forward, and open from a pasted address', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    const images = lab.sandbox.cycle.state.images
    const wanted = images.filter((i) => i.state.current === 'live' && i.name.includes('storefront'))
    expect(wanted.length).toBeGreaterThan(0)
    expect(wanted.length).toBeLessThan(images.length)
    const source = wanted[0]!.source!.details.id

    await page.getByTestId('nav-cycle-images').click()
    await expect.poll(() => total(page)).toBe(String(images.length))
    expect(hash(page)).toBe('#/cycle-images')
    const before = await entries(page)

    // A filter and a search: the address follows, in place (no history entry per change).
    await page.getByTestId('filter-image-state').selectOption('live')
    await expect.poll(() => hash(page)).toBe('#/cycle-images?state=live')
    await page.getByTestId('search').fill('storefront')
    await expect.poll(() => hash(page)).toBe('#/cycle-images?state=live&q=storefront')
    await expect.poll(() => total(page)).toBe(String(wanted.length))
    expect(await page.getByTestId('row').count()).toBe(wanted.length)
    expect(await entries(page)).toBe(before)

    // A reload shows the same list, its controls set as they were.
    await page.reload()
    await expect.poll(() => title(page)).toBe('Cycle images')
    await expect.poll(() => total(page)).toBe(String(wanted.length))
    expect(await page.getByTestId('row').count()).toBe(wanted.length)
    expect(await stateFilter(page)).toBe('live')
    expect(await searched(page)).toBe('storefront')
    expect(hash(page)).toBe('#/cycle-images?state=live&q=storefront')

    // A detail goes back to its list with the filters it had.
    await page.getByTestId('row').first().click()
    await expect.poll(() => hash(page)).toMatch(/^#\/cycle-images\/[^/?]+\/[^/?]+$/)
    await page.locator('body').press('Escape')
    await expect.poll(() => hash(page)).toBe('#/cycle-images?state=live&q=storefront')
    await expect.poll(() => total(page)).toBe(String(wanted.length))

    // The navigation lands on the whole list; Back returns to the filtered one, Forward not.
    await page.getByTestId('nav-cycle-images').click()
    await expect.poll(() => hash(page)).toBe('#/cycle-images')
    await expect.poll(() => total(page)).toBe(String(images.length))
    expect(await stateFilter(page)).toBe('')
    expect(await searched(page)).toBe('')
    await page.goBack()
    await expect.poll(() => total(page)).toBe(String(wanted.length))
    expect(hash(page)).toBe('#/cycle-images?state=live&q=storefront')
    expect(await stateFilter(page)).toBe('live')
    expect(await searched(page)).toBe('storefront')
    await page.goForward()
    await expect.poll(() => total(page)).toBe(String(images.length))
    expect(await stateFilter(page)).toBe('')
    expect(await searched(page)).toBe('')

    // A pasted address with filters, in this tab; Back goes to the unfiltered list again.
    const filtered = `#/cycle-images?state=live&source=${encodeURIComponent(source)}&q=storefront`
    await page.evaluate(`location.hash = ${JSON.stringify(filtered)}`)
    await expect.poll(() => total(page)).toBe(String(wanted.length))
    await expect.poll(() => sourceFilter(page)).toBe(source)
    await page.goBack()
    await expect.poll(() => total(page)).toBe(String(images.length))
    expect(hash(page)).toBe('#/cycle-images')
    expect(await sourceFilter(page)).toBe('')

    // The same address opened afresh (a link from elsewhere); a part it cannot take is dropped.
    await page.goto('about:blank')
    await page.goto(`${new URL(lab.run.url).origin}/${filtered}&colour=red&sort=bogus`)
    await expect.poll(() => title(page)).toBe('Cycle images')
    await expect.poll(() => total(page)).toBe(String(wanted.length))
    expect(await page.getByTestId('row').count()).toBe(wanted.length)
    expect(await stateFilter(page)).toBe('live')
    await expect.poll(() => sourceFilter(page)).toBe(source)
    expect(await searched(page)).toBe('storefront')
    expect(hash(page)).toBe(filtered)
    expect(problems).toEqual([])
  })
})
