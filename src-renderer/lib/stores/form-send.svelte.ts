import { tick } from 'svelte'
import type { Result } from '@contract'

interface Sending<I, T> {
  /** What the form asks for; null while a field is wrong (the first one marked takes the focus). */
  input: I | null
  /** The one request the form makes. */
  call: (input: I) => Promise<Result<T>>
  /** What the agent answered, when it accepted. */
  done: (value: T) => void
}

/**
 * A dialog's form, sent one request at a time: its state for the template (`submitting` for the
 * busy buttons, `submitted` so fields say what is wrong from the first try on, `error` for what
 * the agent refused), and the one way it is sent.
 */
export class FormSend {
  submitting = $state(false)
  submitted = $state(false)
  error = $state<string | null>(null)

  async send<I, T>(event: SubmitEvent, { input, call, done }: Sending<I, T>): Promise<void> {
    event.preventDefault()
    // Read now: the event forgets its form once it has been dispatched.
    const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null
    if (this.submitting) return
    this.submitted = true
    if (input === null) {
      await tick()
      form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    this.submitting = true
    this.error = null
    const result = await call(input)
    this.submitting = false
    if (result.ok) done(result.value)
    else this.error = result.error.message
  }
}
