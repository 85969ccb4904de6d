import { fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import type { JobView } from '@contract'
import App from '../../src-renderer/App.svelte'
import { damagedJob, fakeApi, failure, job, ok, page, SYNCED_AT } from './fake-transport'

const queued = job('q1', { title: 'Create cluster later', state: 'queued', createdAt: SYNCED_AT })
const failed = job('f1', {
  title: 'Create cluster broken',
  state: 'failed',
  error: 'no capacity',
  createdAt: SYNCED_AT - 1000
})
const running = job('r1', {
  title: 'Stop cluster busy',
  state: 'running',
  createdAt: SYNCED_AT - 2000
})
const damaged = damagedJob('d1', { createdAt: SYNCED_AT - 3000 })

async function openJob(jobs: JobView[], id: string, handlers = {}) {
  const fake = fakeApi({ 'jobs.list': () => ok(page(jobs)), ...handlers })
  render(App, { api: fake.api })
  await fireEvent.click(screen.getByTestId('nav-jobs'))
  const entry = await waitFor(() => {
    const found = screen.getAllByTestId('job').find((e) => e.getAttribute('data-job-id') === id)
    if (!found) throw new Error(`job ${id} not listed`)
    return found
  })
  await fireEvent.click(entry)
  return fake
}

describe('cancel, retry and discard in the Jobs view', () => {
  it('offers Cancel only while a job is queued, and calls jobs.cancel', async () => {
    const fake = await openJob([queued], 'q1', {
      'jobs.cancel': () => ok({ ...queued, state: 'cancelled' })
    })
    await fireEvent.click(await screen.findByTestId('job-cancel'))
    await waitFor(() =>
      expect(fake.transport.calls.some((c) => c.method === 'jobs.cancel')).toBe(true)
    )
    expect(fake.transport.calls.find((c) => c.method === 'jobs.cancel')?.input).toEqual({
      jobId: 'q1'
    })
    expect(screen.queryByTestId('job-retry')).toBeNull()
  })

  it('offers Retry for a failed job and shows the new job it queued', async () => {
    const again = job('f2', {
      title: 'Create cluster broken',
      state: 'queued',
      createdAt: SYNCED_AT + 1000
    })
    const fake = await openJob([failed], 'f1', { 'jobs.retry': () => ok(again) })
    expect(screen.queryByTestId('job-cancel')).toBeNull()
    await fireEvent.click(await screen.findByTestId('job-retry'))
    await waitFor(() =>
      expect(fake.transport.calls.find((c) => c.method === 'jobs.retry')?.input).toEqual({
        jobId: 'f1'
      })
    )
    fake.transport.emit({ type: 'job', job: again })
    await waitFor(() => expect(screen.getByTestId('job-detail').textContent).toContain('Queued'))
  })

  it('shows the agent’s refusal in words', async () => {
    await openJob([queued], 'q1', {
      'jobs.cancel': () => failure('invalid-request', 'This job has already been sent')
    })
    await fireEvent.click(await screen.findByTestId('job-cancel'))
    expect((await screen.findByTestId('job-action-error')).textContent).toMatch(/already been sent/)
  })

  it('offers none while a job runs', async () => {
    await openJob([running], 'r1')
    await screen.findByTestId('job-detail')
    expect(screen.queryByTestId('job-cancel')).toBeNull()
    expect(screen.queryByTestId('job-retry')).toBeNull()
    expect(screen.queryByTestId('job-discard')).toBeNull()
  })

  it('offers only Discard for a damaged job, and lets the agent’s re-list drop it', async () => {
    let listed = [damaged, failed]
    const fake = await openJob([], 'd1', {
      'jobs.list': () => ok(page(listed)),
      'jobs.discard': () => {
        listed = [failed]
        return ok(null)
      }
    })
    expect(screen.queryByTestId('job-cancel')).toBeNull()
    expect(screen.queryByTestId('job-retry')).toBeNull()
    await fireEvent.click(await screen.findByTestId('job-discard'))
    await waitFor(() =>
      expect(fake.transport.calls.find((c) => c.method === 'jobs.discard')?.input).toEqual({
        jobId: 'd1'
      })
    )
    // The detail closes at once; the entry goes when the agent says the list changed.
    await waitFor(() => expect(screen.queryByTestId('job-detail')).toBeNull())
    fake.transport.emit({ type: 'jobs' })
    await waitFor(() =>
      expect(screen.getAllByTestId('job').map((e) => e.dataset.jobId)).toEqual(['f1'])
    )
  })

  it('keeps a damaged job and says why when discarding it is refused', async () => {
    await openJob([damaged], 'd1', {
      'jobs.discard': () => failure('invalid-request', 'The state file is read-only')
    })
    await fireEvent.click(await screen.findByTestId('job-discard'))
    expect((await screen.findByTestId('job-action-error')).textContent).toMatch(/read-only/)
    expect(screen.getByTestId('job-detail')).toBeTruthy()
  })
})
