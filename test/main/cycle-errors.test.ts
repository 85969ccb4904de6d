import { describe, expect, it } from 'vitest'
import { cycleError, retryAfterMs } from '../../src-main/providers/cycle/errors'
import { jobProgress } from '../../src-main/providers/cycle/mapping'
import type { CycleJob } from '../../src-main/providers/cycle/schemas'

describe('Cycle errors in both of the platform’s forms', () => {
  it('reads the platform envelope and names a missing capability', () => {
    const e = cycleError(403, {
      error: {
        status: 403,
        code: '403.permissions',
        title: 'Permission denied',
        extra: { capability: 'images-manage' }
      },
      data: null
    })
    expect(e).toMatchObject({
      kind: 'auth',
      status: 403,
      cycleCode: '403.permissions',
      capability: 'images-manage'
    })
    expect(e.message).toBe('This API key lacks the “images-manage” capability')
  })

  it('reads the OAuth-style 401', () => {
    const e = cycleError(401, {
      error: 'invalid_token',
      error_description: 'The access token is malformed'
    })
    expect(e).toMatchObject({ kind: 'auth', cycleCode: '401.invalid_token' })
    expect(e.message).toMatch(/refused the API key: The access token is malformed/)
  })

  it('matches codes spelled with underscores by older servers, and survives a body that is neither', () => {
    expect(cycleError(403, { error: { code: '403.wrong_hub', title: 'x' } }).message).toMatch(
      /does not belong to that hub/
    )
    expect(cycleError(502, '<html>bad gateway</html>')).toMatchObject({
      kind: 'network',
      message: 'Cycle answered HTTP 502'
    })
    expect(cycleError(429, { error: { code: '429.rate-limiting', title: 'Slow down' } }).kind).toBe(
      'network'
    )
    expect(
      cycleError(422, {
        error: { code: '422.invalid-input', title: 'Bad name', detail: 'too long' }
      })
    ).toMatchObject({
      kind: 'rejected',
      message: 'Bad name — too long'
    })
  })
})

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and carries them on the error', () => {
    expect(retryAfterMs('3')).toBe(3000)
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000)
    expect(retryAfterMs('soon')).toBeUndefined()
    expect(retryAfterMs(null)).toBeUndefined()
    const e = cycleError(429, { error: { code: '429.rate-limiting', title: 'Slow down' } }, 2000)
    expect(e.retryAfterMs).toBe(2000)
  })
})

describe('job progress, counted as Cycle’s own client counts it', () => {
  const zero = '0001-01-01T00:00:00Z'
  const at = '2026-11-25T10:00:00Z'
  const job = (tasks: CycleJob['tasks']): CycleJob =>
    ({
      id: 'j',
      caption: 'c',
      queue: 'q',
      state: { current: 'running' },
      events: {},
      tasks
    }) as CycleJob
  const step = (caption: string, started: string, completed: string) => ({
    caption,
    started,
    completed
  })

  it('counts finished steps over all steps, zero time meaning unset', () => {
    const p = jobProgress(
      job([
        {
          caption: 'Import',
          header: 'image.import',
          state: { current: 'running' },
          steps: [
            step('Preparing', at, at),
            step('Importing', at, at),
            step('Building', at, zero),
            step('Verifying', zero, zero)
          ]
        }
      ])
    )
    expect(p).toBe(0.5)
  })

  it('counts a task without steps as one step, and a pending task as nothing done', () => {
    expect(
      jobProgress(
        job([
          { caption: 'a', header: 'x', state: { current: 'completed' }, steps: null },
          { caption: 'b', header: 'y', state: { current: 'pending' }, steps: [step('s', at, at)] }
        ])
      )
    ).toBe(0.5)
    expect(jobProgress(job([]))).toBe(0)
  })
})
