/**
 * Runs `fn` once per burst. The first trigger opens a window of `ms`; triggers inside it are
 * absorbed. Unlike a trailing debounce, a steady stream of events cannot postpone it forever.
 */
export interface Coalescer {
  trigger(): void
  cancel(): void
}

export function coalesce(fn: () => void, ms: number): Coalescer {
  let timer: ReturnType<typeof setTimeout> | null = null
  return {
    trigger() {
      if (timer !== null) return
      timer = setTimeout(() => {
        timer = null
        fn()
      }, ms)
    },
    cancel() {
      if (timer !== null) clearTimeout(timer)
      timer = null
    }
  }
}

/** Trailing debounce: runs `fn` with the last value once input has been quiet for `ms`. */
export interface Debouncer<T> {
  push(value: T): void
  /** Run now with the pending value, if any. */
  flush(): void
  cancel(): void
}

export function debounce<T>(fn: (value: T) => void, ms: number): Debouncer<T> {
  let timer: ReturnType<typeof setTimeout> | null = null
  let pending: { value: T } | null = null
  const run = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    const p = pending
    pending = null
    if (p) fn(p.value)
  }
  return {
    push(value) {
      pending = { value }
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(run, ms)
    },
    flush: run,
    cancel() {
      if (timer !== null) clearTimeout(timer)
      timer = null
      pending = null
    }
  }
}
