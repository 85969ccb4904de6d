import { describe, expect, it } from 'vitest'
import { openPage } from './support/browser'
import { useBrowser, useQboLab } from './support/lab'

describe('names in natural order, times relative with the exact time on hover', () => {
  const browser = useBrowser()
  // Thirty clusters: the sandbox names the fifth on cluster-5 … cluster-30.
  const lab = useQboLab({ clusters: 30, nodesPerCluster: 1 })

  it('lists cluster-5 before cluster-10 and cluster-30, and says when the rows were synced', async () => {
    const { page, problems } = await openPage(browser(), lab.run.url)
    await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')

    // The cluster picker over the nodes runs in the same order.
    await page.getByTestId('cluster-picker-input').click()
    const chips = page.getByTestId('cluster-picker-list').getByRole('option')
    await expect.poll(() => chips.count()).toBe(31)
    const chipNames = (await chips.allTextContents()).map((t) => t.trim().split(/\s/)[0])
    expect(chipNames.indexOf('cluster-5')).toBeLessThan(chipNames.indexOf('cluster-10'))
    expect(chipNames.indexOf('cluster-10')).toBeLessThan(chipNames.indexOf('cluster-30'))

    await page.getByTestId('nav-clusters').click()
    await expect.poll(() => page.getByTestId('row').count()).toBe(30)
    const names = (await page.getByTestId('row').allTextContents()).map(
      (t) => /cluster-\d+/.exec(t)?.[0] ?? ''
    )
    const numbered = names.filter(Boolean)
    expect(numbered.slice(0, 3)).toEqual(['cluster-5', 'cluster-6', 'cluster-7'])
    expect(numbered.at(-1)).toBe('cluster-30')
    expect(numbered.indexOf('cluster-9')).toBeLessThan(numbered.indexOf('cluster-10'))

    const synced = page.getByTestId('freshness').locator('time')
    await expect.poll(() => synced.textContent()).toMatch(/^(just now|\d+ min ago)$/)
    expect(await synced.getAttribute('title')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    expect(Date.parse((await synced.getAttribute('datetime')) ?? '')).not.toBeNaN()
    expect(await page.getByTestId('freshness').textContent()).toMatch(/^synced /)
    expect(problems).toEqual([])
  })
})
