import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CycleJobRow, JobView } from '@contract'
import App from '../../src-renderer/App.svelte'
import {
  account,
  cycleAccount,
  cycleJob,
  cycleTask,
  cycleTime,
  fakeApi,
  job,
  ok,
  page,
  SYNCED_AT,
  type Handler
} from './fake-transport'

afterEach(() => {
  vi.useRealTimers()
})

const steps = (root: HTMLElement = document.body): string[] =>
  within(root)
    .getAllByTestId('job-step')
    .map((s) => s.dataset.done ?? '')

describe('Hub jobs view', () => {
  it('lists the hub’s jobs newest first with progress, and their tasks’ steps on demand', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: SYNCED_AT })
    const { api, transport } = fakeApi({
      'accounts.list': () => ok([account(), cycleAccount()]),
      'cycleJobs.list': () =>
        ok(
          page([
            cycleJob('job2'),
            cycleJob('job1', {
              caption: 'Delete image',
              state: 'completed',
              progress: 1,
              completedAt: cycleTime(9, 10),
              tasks: [cycleTask('delete', 1, 1)]
            })
          ])
        )
    })
    render(App, { api })
    await fireEvent.click(await screen.findByTestId('nav-cycle-jobs'))
    await waitFor(() => expect(screen.getAllByTestId('cycle-job')).toHaveLength(2))
    expect(screen.getByTestId('view-title').textContent).toBe('Hub jobs')
    expect(
      transport
        .callsTo('cycleJobs.list')
        .filter((q) => q.limit !== 1)
        .at(-1)
    ).toEqual({
      offset: 0,
      limit: 100,
      sort: { field: 'queuedAt', dir: 'desc' }
    })

    const [running, done] = screen.getAllByTestId('cycle-job')
    expect(running!.textContent).toContain('Job job2')
    expect(running!.textContent).toContain('queue images')
    expect(running!.textContent).toContain('queued 10 min ago')
    expect(running!.querySelector('.badge')?.classList).toContain('busy')
    const bar = within(running!).getByTestId('job-progress')
    expect(Number(bar.dataset.progress)).toBeCloseTo(4 / 6)
    expect(bar.textContent).toContain('4 of 6 steps')
    expect(bar.getAttribute('aria-valuenow')).toBe('67')
    expect(within(done!).getByTestId('job-progress').textContent).toContain('1 of 1 steps')
    expect(done!.querySelector('.badge')?.classList).toContain('good')

    // Steps show once the tasks are opened.
    expect(screen.queryAllByTestId('job-step')).toHaveLength(0)
    const toggle = within(running!).getByTestId('job-tasks-toggle')
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    await fireEvent.click(toggle)
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    expect(steps(running!)).toEqual(['true', 'true', 'true', 'true', 'false', 'false'])
    const [, , , , started, waiting] = within(running!).getAllByTestId('job-step')
    expect(started!.textContent).toContain('started 10 min ago')
    expect(started!.textContent).not.toContain('completed')
    expect(waiting!.textContent).toContain('not started')
    expect(running!.textContent).toContain('completed 10 min ago')
    expect(document.body.textContent).not.toContain('0001')
  })

  it('re-reads on a cycleJobs change and searches in the agent', async () => {
    let rows: CycleJobRow[] = [cycleJob('job1')]
    const { api, transport } = fakeApi({
      'accounts.list': () => ok([cycleAccount()]),
      'cycleJobs.list': () => ok(page(rows))
    })
    render(App, { api })
    await fireEvent.click(await screen.findByTestId('nav-cycle-jobs'))
    await waitFor(() => expect(screen.getAllByTestId('cycle-job')).toHaveLength(1))
    rows = [
      cycleJob('job1', {
        progress: 5 / 6,
        tasks: [cycleTask('import', 3, 3), cycleTask('build', 2, 3)]
      })
    ]
    transport.emit({ type: 'changed', accountId: 'hub-1', kind: 'cycleJobs' })
    await waitFor(() =>
      expect(screen.getByTestId('job-progress').textContent).toContain('5 of 6 steps')
    )
    await fireEvent.input(screen.getByTestId('search'), { target: { value: 'job1' } })
    await fireEvent.keyDown(screen.getByTestId('search'), { key: 'Enter' })
    expect(transport.callsTo('cycleJobs.list').at(-1)).toMatchObject({ search: 'job1' })
  })

  it('mounts only the cards near the viewport of 50,000 jobs, with no pager', async () => {
    const { api, transport } = fakeApi({
      'accounts.list': () => ok([cycleAccount()]),
      'cycleJobs.list': (input) => {
        const offset = Number(input.offset)
        const count = Math.min(Number(input.limit), 50_000 - offset)
        const rows = Array.from({ length: count }, (_, i) => cycleJob(`job${offset + i}`))
        return ok(page(rows, 50_000, offset))
      }
    })
    render(App, { api })
    await fireEvent.click(await screen.findByTestId('nav-cycle-jobs'))
    await waitFor(() => expect(screen.getAllByTestId('cycle-job').length).toBeGreaterThan(0))
    expect(screen.getAllByTestId('cycle-job').length).toBeLessThanOrEqual(100)
    expect(screen.queryByTestId('pager')).toBeNull()
    expect(
      transport
        .callsTo('cycleJobs.list')
        .filter((q) => q.limit !== 1)
        .map((q) => q.offset)
    ).toEqual([0])
  })
})

describe('A Berth job that follows a Cycle job', () => {
  const BUILD: JobView = job('j-build', {
    accountId: 'hub-1',
    action: 'image.build',
    target: 'web',
    title: 'Build image from web',
    state: 'running',
    startedAt: SYNCED_AT,
    progress: 4 / 6,
    remoteJobId: 'cj-1'
  })

  async function openJob(handlers: Record<string, Handler> = {}) {
    const fake = fakeApi({
      'accounts.list': () => ok([cycleAccount()]),
      'jobs.list': () => ok(page([BUILD, job('j-old', { createdAt: SYNCED_AT - 1000 })])),
      'cycleJobs.list': () => ok(page([cycleJob('cj-1')])),
      ...handlers
    })
    render(App, { api: fake.api })
    await fireEvent.click(screen.getByTestId('nav-jobs'))
    await waitFor(() => expect(screen.getAllByTestId('job')).toHaveLength(2))
    await fireEvent.click(screen.getAllByTestId('job')[0]!)
    return fake
  }

  it('shows its target, its progress and the Cycle job’s steps under the log', async () => {
    const { transport } = await openJob()
    const detail = screen.getByTestId('job-detail')
    expect(detail.textContent).toContain('image web')
    const bar = within(detail).getByTestId('job-progress')
    expect(Number(bar.dataset.progress)).toBeCloseTo(4 / 6)
    await waitFor(() => expect(steps(detail)).toHaveLength(6))
    expect(steps(detail)).toEqual(['true', 'true', 'true', 'true', 'false', 'false'])
    expect(bar.textContent).toContain('4 of 6 steps')
    expect(transport.callsTo('cycleJobs.list')).toContainEqual({
      accountId: 'hub-1',
      search: 'cj-1',
      limit: 10
    })
    // The list shows a thin bar for jobs still going.
    expect(screen.getAllByTestId('job-list-progress')).toHaveLength(1)
  })

  it('re-reads the steps when the hub’s jobs change or the Berth job moves on', async () => {
    let remote = cycleJob('cj-1')
    const { transport } = await openJob({ 'cycleJobs.list': () => ok(page([remote])) })
    const detail = screen.getByTestId('job-detail')
    await waitFor(() => expect(steps(detail)).toHaveLength(6))

    remote = cycleJob('cj-1', { tasks: [cycleTask('import', 3, 3), cycleTask('build', 3, 3)] })
    transport.emit({ type: 'changed', accountId: 'hub-1', kind: 'cycleJobs' })
    await waitFor(() => expect(steps(detail).every((d) => d === 'true')).toBe(true))

    const before = transport.callsTo('cycleJobs.list').length
    transport.emit({ type: 'job', job: { ...BUILD, state: 'succeeded', progress: 1 } })
    await waitFor(() => expect(transport.callsTo('cycleJobs.list').length).toBe(before + 1))
    expect(within(detail).getByTestId('job-progress').dataset.progress).toBe('1')
    expect(within(detail).getByTestId('job-progress').textContent).toContain('6 of 6 steps')
    expect(within(detail).getByTestId('job-state').textContent).toBe('Succeeded')
    // Another hub's change is not ours.
    transport.emit({ type: 'changed', accountId: 'hub-2', kind: 'cycleJobs' })
  })

  it('shows a qbo job as before: no progress bar, no steps', async () => {
    await openJob()
    await fireEvent.click(screen.getAllByTestId('job')[1]!)
    const detail = screen.getByTestId('job-detail')
    expect(detail.textContent).toContain('cluster dev')
    expect(within(detail).queryByTestId('job-progress')).toBeNull()
    expect(within(detail).queryByTestId('remote-job')).toBeNull()
  })
})

describe('Hub jobs: what the hub said of each job', () => {
  it('shows who started it, the descriptor (sub-queue by name) and each task’s input', async () => {
    const { api } = fakeApi({
      'accounts.list': () => ok([account(), cycleAccount()]),
      'cycleJobs.list': () =>
        ok(
          page([
            cycleJob('job1', {
              creator: 'Ada Lovelace',
              accepted: true,
              schedule: null,
              parallel: { tasks: false, subQueue: 'image-42' },
              tasks: [{ ...cycleTask('import', 1, 1), input: { id: '42' } }]
            })
          ])
        )
    })
    render(App, { api })
    await fireEvent.click(await screen.findByTestId('nav-cycle-jobs'))
    const card = await screen.findByTestId('cycle-job')
    expect(card.textContent).toContain('by Ada Lovelace')
    expect(within(card).getByTestId('job-descriptor').textContent).toBe(
      'accepted · tasks in order · sub-queue image-42'
    )
    await fireEvent.click(within(card).getByTestId('job-tasks-toggle'))
    expect(within(card).getByTestId('job-task-input').textContent).toContain('id: 42')
  })
})
