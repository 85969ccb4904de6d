import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe'
import { clipboardText, openClipboardPage } from './support/clipboard-page'
import { SHOTS, useBothLab, useBrowser } from './support/lab'

const hash = (page: Page) => page.evaluate('location.hash') as Promise<string>

/** Whether `card` is on screen inside the scrolled `list`. */
async function shownIn(list: Locator, card: Locator): Promise<boolean> {
  const l = await list.boundingBox()
  const c = await card.boundingBox()
  return l !== null && c !== null && c.y + c.height > l.y && c.y < l.y + l.height
}

/** The first job whose card starts inside the scrolled `list`. */
async function firstShown(list: Locator): Promise<string> {
  const top = (await list.boundingBox())!.y
  for (const card of await list.locator('[data-job-id]').all()) {
    const box = await card.boundingBox()
    if (box && box.y >= top) return (await card.getAttribute('data-job-id'))!
  }
  throw new Error('no job card in view')
}

describe('a hub job’s panel beside the Hub jobs list', () => {
  const browser = useBrowser()
  const lab = useBothLab({ cycleJobs: 60 })

  it('opens a job from the scrolled list with its id, state, tasks and steps, copies its id, and Escape closes it', async () => {
    const { page, problems } = await openClipboardPage(browser(), lab.run.url)
    await page.getByTestId('nav-cycle-jobs').click()
    const list = page.getByRole('list', { name: 'Hub jobs, newest first' })
    await expect.poll(() => page.getByTestId('cycle-job').count()).toBeGreaterThan(5)
    await list.evaluate((el) => el.scrollTo(0, 600))
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(600)
    await expect.poll(() => page.getByTestId('cycle-job-pending').count()).toBe(0)

    const jobId = await firstShown(list)
    const job = lab.sandbox.cycle.state.jobs.find((j) => j.id === jobId)!
    expect(job).toBeDefined()
    const card = list.locator(`[data-job-id="${jobId}"]`)
    await card.getByTestId('cycle-job-open').click()

    const panel = page.getByTestId('record-panel')
    await expect.poll(() => panel.getAttribute('data-kind')).toBe('cycleJobs')
    await expect.poll(() => panel.getByTestId('record-field-id').textContent()).toBe(job.id)
    // A place of its own in the address bar.
    expect(await hash(page)).toMatch(new RegExp(`^#/cycle-jobs/[^/]+/${job.id}$`))
    expect(await panel.getByRole('heading').textContent()).toBe(job.caption)
    expect(await panel.getByTestId('record-state').getAttribute('data-state')).toBe(
      job.state.current
    )
    // Its state reads as on its card (a hub job's colours and words, not a node's).
    const badge = card.locator('.badge').first()
    expect(await panel.getByTestId('record-state').getAttribute('data-tone')).toBe(
      await badge.getAttribute('data-tone')
    )
    expect(await panel.getByTestId('record-state').textContent()).toBe(await badge.textContent())
    const steps = job.tasks.flatMap((t) => t.steps ?? [])
    expect(await panel.getByTestId('job-task').count()).toBe(job.tasks.length)
    expect(await panel.getByTestId('job-step').count()).toBe(steps.length)
    expect(await panel.getByTestId('hub-job-open-image').textContent()).toContain(
      String(job.tasks[0]!.input['id'])
    )
    // The list stayed mounted and scrolled beside the panel, the opened job still on screen.
    expect(await list.evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
    expect(await shownIn(list, card)).toBe(true)
    expect(await card.getAttribute('class')).toContain('opened')
    expect(await seriousViolations(page, 'hub-job-panel')).toEqual([])
    await page.screenshot({ path: `${SHOTS}/e2e-hub-job-panel.png` })

    await panel.getByTestId('record-copy-id').click()
    await expect
      .poll(() => panel.getByTestId('record-copy-id-status').textContent())
      .toContain('Copied')
    expect(await clipboardText(page)).toBe(job.id)

    await panel.getByTestId('record-panel-close').focus()
    await page.keyboard.press('Escape')
    await expect.poll(() => panel.count()).toBe(0)
    expect(await hash(page)).toBe('#/cycle-jobs')
    // The focus is back on the job it opened from, the list where it was.
    await expect
      .poll(() => page.evaluate("document.activeElement?.closest('[data-job-id]')?.dataset.jobId"))
      .toBe(job.id)
    expect(await shownIn(list, card)).toBe(true)
    expect(problems).toEqual([])
  })

  it('opens with Enter and leads to the image the job imported', async () => {
    const { page, problems } = await openClipboardPage(browser(), lab.run.url)
    await page.getByTestId('nav-cycle-jobs').click()
    const first = page.getByTestId('cycle-job').first()
    await expect.poll(() => first.count()).toBe(1)
    const jobId = (await first.getAttribute('data-job-id'))!
    const job = lab.sandbox.cycle.state.jobs.find((j) => j.id === jobId)!
    await first.getByTestId('cycle-job-open').focus()
    await page.keyboard.press('Enter')
    const panel = page.getByTestId('record-panel')
    await expect.poll(() => panel.getByTestId('record-field-id').textContent()).toBe(job.id)

    // A reload (or a link) opens the same job beside the list again.
    await page.reload()
    await expect.poll(() => panel.getByTestId('record-field-id').textContent()).toBe(job.id)
    expect(await page.getByTestId('cycle-job').count()).toBeGreaterThan(0)
    expect(await page.title()).toBe(`Hub job ${job.id} — Hub jobs — Berth`)

    const imageId = String(job.tasks[0]!.input['id'])
    await panel.getByTestId('hub-job-open-image').click()
    await expect.poll(() => hash(page)).toMatch(new RegExp(`^#/cycle-images/[^/]+/${imageId}$`))
    await expect.poll(() => page.getByTestId('image-state').count()).toBe(1)
    // Back is the job's panel again.
    await page.goBack()
    await expect.poll(() => panel.getByTestId('record-field-id').textContent()).toBe(job.id)
    expect(problems).toEqual([])
  })
})
