// One way every dialog sends its form (lib/stores/form-send.svelte.ts).
import { describe, expect, it } from 'vitest'
import type { Result } from '@contract'
import { FormSend } from '../../src-renderer/lib/stores/form-send.svelte'

function submitEvent(form: HTMLFormElement): SubmitEvent {
  const event = new Event('submit', { cancelable: true }) as SubmitEvent
  Object.defineProperty(event, 'currentTarget', { value: form })
  return event
}

describe('a dialog’s form sent', () => {
  it('sends one request at a time, and says what the agent refused', async () => {
    const sending = new FormSend()
    const form = document.createElement('form')
    let answer!: (r: Result<number>) => void
    const calls: string[] = []
    const first = sending.send(submitEvent(form), {
      input: 'a',
      call: (input) => {
        calls.push(input)
        return new Promise<Result<number>>((r) => (answer = r))
      },
      done: () => {}
    })
    expect(sending.submitting).toBe(true)
    await sending.send(submitEvent(form), {
      input: 'b',
      call: async () => ({ ok: true, value: 1 }),
      done: () => {}
    })
    answer({
      ok: false,
      error: { code: 'not-found', message: 'No such hub', retryable: false }
    })
    await first
    expect(calls).toEqual(['a'])
    expect(sending.submitting).toBe(false)
    expect(sending.error).toBe('No such hub')
  })

  it('sends nothing while a field is wrong, and puts the focus on the first wrong one', async () => {
    const sending = new FormSend()
    const form = document.createElement('form')
    form.innerHTML = '<input id="ok"><input id="bad" aria-invalid="true">'
    document.body.append(form)
    let called = false
    const event = submitEvent(form)
    await sending.send(event, {
      input: null,
      call: async () => ((called = true), { ok: true, value: 1 }),
      done: () => {}
    })
    expect(event.defaultPrevented).toBe(true)
    expect(called).toBe(false)
    expect(sending.submitted).toBe(true)
    expect(document.activeElement?.id).toBe('bad')
    form.remove()
  })
})
