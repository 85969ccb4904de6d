// One word and one colour per meaning: a failed import reads "failed" in red (in the list and the
// detail), and a failed job's bar and unfinished step are red and still, never a blue bar under way.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import App from '../../src-renderer/App.svelte'
import CycleJobCard from '../../src-renderer/components/CycleJobCard.svelte'
import { cycleImageLook, cycleJobLook } from '../../src-renderer/lib/state-tone'
import {
  account,
  cycleAccount,
  cycleImage,
  cycleJob,
  cycleTask,
  fakeApi,
  ok,
  page
} from './fake-transport'

const FAILED = cycleImage(1, { state: 'new', error: 'The build failed: exit code 1' })

describe('state words', () => {
  it('calls an image whose import failed "failed", in the danger colour, with the error on hover', async () => {
    const fake = fakeApi({
      'accounts.list': () => ok([account(), cycleAccount()]),
      'cycleImages.list': () => ok(page([FAILED, cycleImage(2, { state: 'new' })]))
    })
    render(App, { api: fake.api })
    await fireEvent.click(await screen.findByTestId('nav-cycle-images'))
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2))
    const [failed, fresh] = screen.getAllByTestId('row')
    const badge = (row: HTMLElement) => row.querySelector<HTMLElement>('[data-tone]')!
    expect(badge(failed!).textContent?.trim()).toBe('failed')
    expect(badge(failed!).dataset.tone).toBe('danger')
    expect(within(failed!).getByTitle('The build failed: exit code 1')).toBeTruthy()
    expect(badge(fresh!).textContent?.trim()).toBe('new')
    expect(badge(fresh!).dataset.tone).not.toBe('danger')
  })

  it('reads a new attempt under way as its step, not as failed', () => {
    expect(cycleImageLook('building', 'the last build failed')).toMatchObject({
      word: 'building',
      tone: 'busy'
    })
    expect(cycleImageLook('new', 'x')).toMatchObject({ word: 'failed', tone: 'danger' })
    expect(cycleImageLook('live', null)).toMatchObject({ word: 'live', tone: 'good' })
  })

  it('calls a Cycle job or task in "error" failed, like every other failure', () => {
    expect(cycleJobLook('error')).toMatchObject({ word: 'failed', tone: 'danger' })
    expect(cycleJobLook('completed')).toMatchObject({ word: 'completed', tone: 'good' })
  })

  it('draws a failed job red and still, and marks the step it stopped on as failed', async () => {
    const build = { ...cycleTask('build', 1, 3), state: 'error', error: 'exit code 1' }
    render(CycleJobCard, {
      job: cycleJob('j1', { state: 'failed', progress: 4 / 6, tasks: [build] })
    })
    expect(screen.getByText('failed').closest('[data-tone]')?.getAttribute('data-tone')).toBe(
      'danger'
    )
    const bar = screen.getByTestId('job-progress')
    expect(bar.dataset.look).toBe('failed')
    expect(bar.getAttribute('aria-valuetext')).toMatch(/^failed at/)
    expect(bar.getAttribute('aria-label')).toBe('Progress of Job j1')
    await fireEvent.click(screen.getByTestId('job-tasks-toggle'))
    const looks = screen.getAllByTestId('job-step').map((s) => s.dataset.look)
    expect(looks).toEqual(['done', 'failed', 'waiting'])
    // The task in `error` reads "failed" too.
    const task = screen.getByTestId('job-task').querySelector('[data-tone]')
    expect([task?.textContent, task?.getAttribute('data-tone')]).toEqual(['failed', 'danger'])
  })

  it('keeps a running job moving and its started step under way', async () => {
    render(CycleJobCard, { job: cycleJob('j2') })
    expect(screen.getByTestId('job-progress').dataset.look).toBe('moving')
    await fireEvent.click(screen.getByTestId('job-tasks-toggle'))
    const looks = screen.getAllByTestId('job-step').map((s) => s.dataset.look)
    expect(looks).toEqual(['done', 'done', 'done', 'done', 'started', 'waiting'])
  })
})
