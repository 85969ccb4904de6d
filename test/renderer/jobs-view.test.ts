import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { JobLogLine, JobView } from '@contract'
import App from '../../src-renderer/App.svelte'
import {
  damagedJob,
  deferred,
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

const JOBS: JobView[] = [
  job('j1', {
    title: 'Create cluster old',
    state: 'succeeded',
    createdAt: SYNCED_AT - 60_000,
    startedAt: SYNCED_AT - 59_000,
    finishedAt: SYNCED_AT - 4_000
  }),
  job('j2', {
    title: 'Delete cluster gone',
    state: 'failed',
    createdAt: SYNCED_AT - 50_000,
    error: 'qbo: cluster busy',
    finishedAt: SYNCED_AT - 40_000
  }),
  job('j3', {
    title: 'Stop cluster lost',
    state: 'unknown',
    createdAt: SYNCED_AT - 40_000,
    error: 'The connection dropped after sending'
  }),
  job('j4', {
    title: 'Start cluster b',
    state: 'running',
    createdAt: SYNCED_AT - 30_000,
    startedAt: SYNCED_AT - 20_000
  }),
  job('j5', { title: 'Create cluster dev', state: 'queued', createdAt: SYNCED_AT - 10_000 })
]

const line = (seq: number, text = `line ${seq}`): JobLogLine => ({
  seq,
  at: SYNCED_AT + seq * 1000,
  text
})

async function openJobs(handlers: Record<string, Handler> = {}, count = JOBS.length) {
  const fake = fakeApi({ 'jobs.list': () => ok(page(JOBS)), ...handlers })
  render(App, { api: fake.api })
  await fireEvent.click(screen.getByTestId('nav-jobs'))
  await waitFor(() => expect(screen.getAllByTestId('job')).toHaveLength(count))
  return fake
}

const entry = (id: string): HTMLElement => {
  const found = screen.getAllByTestId('job').find((el) => el.dataset.jobId === id)
  if (!found) throw new Error(`no job ${id}`)
  return found
}

const logTexts = (): string[] =>
  [...screen.getByTestId('job-log').querySelectorAll('.text')].map((e) => e.textContent ?? '')

describe('Jobs view', () => {
  it('lists jobs newest first with their state in words, elapsed time and error', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: SYNCED_AT })
    await openJobs()
    expect(screen.getByTestId('view-title').textContent).toBe('Activity')
    expect(screen.getAllByTestId('job').map((e) => e.dataset.jobId)).toEqual([
      'j5',
      'j4',
      'j3',
      'j2',
      'j1'
    ])
    expect(screen.getAllByTestId('job').map((e) => e.dataset.state)).toEqual([
      'queued',
      'running',
      'unknown',
      'failed',
      'succeeded'
    ])
    expect(entry('j5').textContent).toContain('Queued — waiting for the account to be online')
    expect(entry('j5').textContent).toContain('waiting 10s')
    expect(entry('j4').textContent).toContain('running 20s')
    expect(entry('j1').textContent).toContain('took 55s')
    expect(entry('j2').textContent).toContain('qbo: cluster busy')
    expect(entry('j3').textContent).toContain('Unknown')
    expect(screen.getByTestId('jobs-active').textContent).toBe('2')
  })

  it('updates entries and the badge from job events, keeping the selection', async () => {
    const { transport } = await openJobs()
    await fireEvent.click(entry('j4'))
    expect(entry('j4').getAttribute('aria-current')).toBe('true')
    expect(screen.getByTestId('job-state').textContent).toBe('Running')

    transport.emit({ type: 'job', job: { ...JOBS[3]!, state: 'succeeded', finishedAt: SYNCED_AT } })
    await waitFor(() => expect(entry('j4').dataset.state).toBe('succeeded'))
    expect(screen.getByTestId('job-state').textContent).toBe('Succeeded')
    expect(screen.getByTestId('jobs-active').textContent).toBe('1')

    transport.emit({ type: 'job', job: job('j6', { createdAt: SYNCED_AT + 1 }) })
    await waitFor(() => expect(screen.getAllByTestId('job')[0]?.dataset.jobId).toBe('j6'))
    expect(screen.getByTestId('jobs-active').textContent).toBe('2')

    // A re-list (accounts changed) keeps the selected job.
    transport.emit({ type: 'accounts' })
    await waitFor(() => expect(transport.callsTo('jobs.list').length).toBe(2))
    expect(entry('j4').getAttribute('aria-current')).toBe('true')
  })

  it('loads the log, then appends job-log lines in order without duplicates', async () => {
    const { transport } = await openJobs({ 'jobs.log': () => ok([line(1), line(2)]) })
    await fireEvent.click(entry('j4'))
    await waitFor(() => expect(logTexts()).toEqual(['line 1', 'line 2']))
    expect(transport.callsTo('jobs.log')).toEqual([{ jobId: 'j4', afterSeq: 0 }])
    expect(screen.getByTestId('job-log').textContent).toContain('09:30:06')

    transport.emit({ type: 'job-log', jobId: 'j4', lines: [line(2), line(3)] })
    transport.emit({ type: 'job-log', jobId: 'j9', lines: [line(4, 'other job')] })
    transport.emit({ type: 'job-log', jobId: 'j4', lines: [line(5), line(4)] })
    await waitFor(() =>
      expect(logTexts()).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5'])
    )
  })

  it('keeps lines that arrive before the log answer and asks only for the tail after a reconnect', async () => {
    const first = deferred<ReturnType<typeof ok<JobLogLine[]>>>()
    let answer: Handler = () => first.promise
    const { transport } = await openJobs({ 'jobs.log': (input) => answer(input) })
    await fireEvent.click(entry('j4'))

    transport.emit({ type: 'job-log', jobId: 'j4', lines: [line(3)] })
    first.resolve(ok([line(1), line(2), line(3)]))
    await waitFor(() => expect(logTexts()).toEqual(['line 1', 'line 2', 'line 3']))

    answer = () => ok([line(4)])
    transport.setLink(false)
    transport.setLink(true)
    await waitFor(() => expect(logTexts()).toHaveLength(4))
    expect(transport.callsTo('jobs.log').at(-1)).toEqual({ jobId: 'j4', afterSeq: 3 })
  })

  it('scrolls to the newest line unless the user scrolled up', async () => {
    const { transport } = await openJobs({ 'jobs.log': () => ok([line(1)]) })
    await fireEvent.click(entry('j4'))
    const log = await screen.findByTestId('job-log')
    await waitFor(() => expect(logTexts()).toHaveLength(1))
    let height = 1000
    Object.defineProperty(log, 'scrollHeight', { configurable: true, get: () => height })
    Object.defineProperty(log, 'clientHeight', { configurable: true, get: () => 200 })

    transport.emit({ type: 'job-log', jobId: 'j4', lines: [line(2)] })
    await waitFor(() => expect(log.scrollTop).toBe(1000))

    log.scrollTop = 300
    await fireEvent.scroll(log)
    height = 1200
    transport.emit({ type: 'job-log', jobId: 'j4', lines: [line(3)] })
    await waitFor(() => expect(logTexts()).toHaveLength(3))
    expect(log.scrollTop).toBe(300)
    const latest = within(log.parentElement!).getByRole('button', { name: /Latest output/ })
    await fireEvent.click(latest)
    expect(log.scrollTop).toBe(1200)
  })

  it('shows a damaged job as “Damaged — why”, not as active, in the list and the detail', async () => {
    const damaged = damagedJob('j0', { createdAt: SYNCED_AT - 70_000 })
    await openJobs({ 'jobs.list': () => ok(page([...JOBS, damaged])) }, JOBS.length + 1)
    expect(entry('j0').dataset.state).toBe('damaged')
    expect(entry('j0').textContent).toContain('Damaged')
    expect(entry('j0').textContent).toContain(
      'Damaged — its saved arguments are not valid JSON, so it will never run'
    )
    expect(screen.getByTestId('jobs-active').textContent).toBe('2')

    await fireEvent.click(entry('j0'))
    expect(screen.getByTestId('job-state').textContent).toBe('Damaged')
    expect(screen.getByTestId('job-error').textContent).toMatch(
      /^Damaged — its saved arguments are not valid JSON/
    )
    // Its stored action is unknown: the detail names what it acts on as it was stored.
    expect(screen.getByTestId('job-detail').textContent).toContain('· odd ·')
    expect(screen.getByTestId('job-discard')).toBeTruthy()
  })

  it('says so when there are no jobs yet', async () => {
    const { api } = fakeApi()
    render(App, { api })
    await fireEvent.click(screen.getByTestId('nav-jobs'))
    expect((await screen.findByTestId('empty-state')).textContent).toContain('No activity yet')
    expect(screen.queryByTestId('jobs-active')).toBeNull()
  })
})
