import { untrack } from 'svelte'
import type { NotificationView } from '@contract'
import type { BerthApi } from '../api/client'

/** How long a toast stays when nobody points at it or focuses it. */
export const TOAST_MS = 8000
/** More at once would cover the view; the oldest gives way. */
export const MAX_TOASTS = 3

/** The app's one toast store per API, for a component that confirms what it did (a copy). */
const stores = new WeakMap<BerthApi, ToastStore>()

/** The toast store the app keeps for this API; undefined where there is none (a lone component). */
export const toastsOf = (api: BerthApi): ToastStore | undefined => stores.get(api)

/**
 * In-app toasts for where the desktop has none: a browser served by headless mode. A `notification`
 * event the agent marks `toast: true` shows for a while, unless `enabled` says the shell shows it
 * natively (desktop mode), so it is never shown twice.
 */
export class ToastStore {
  toasts = $state.raw<NotificationView[]>([])

  readonly #api: BerthApi
  readonly #enabled: () => boolean
  readonly #ms: number
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  #timers = new Map<number, ReturnType<typeof setTimeout>>()

  constructor(api: BerthApi, enabled: () => boolean, ms = TOAST_MS) {
    this.#api = api
    this.#enabled = enabled
    this.#ms = ms
    stores.set(api, this)
  }

  start(): () => void {
    const off = untrack(() =>
      this.#api.onEvent((event) => {
        if (event.type === 'notification' && event.toast && this.#enabled())
          this.show(event.notification)
      })
    )
    return () => {
      off()
      for (const timer of this.#timers.values()) clearTimeout(timer)
      this.#timers.clear()
      this.toasts = []
    }
  }

  /** A coalesced entry replaces its earlier toast, which starts its time again. */
  show(entry: NotificationView): void {
    const others = this.toasts.filter((t) => t.id !== entry.id)
    const shown = [...others, entry]
    for (const dropped of shown.slice(0, -MAX_TOASTS)) this.#stopTimer(dropped.id)
    this.toasts = shown.slice(-MAX_TOASTS)
    this.release(entry.id)
  }

  dismiss(id: number): void {
    this.#stopTimer(id)
    this.toasts = this.toasts.filter((t) => t.id !== id)
  }

  /** The pointer or the focus is on the toast: it stays until they leave. */
  hold(id: number): void {
    this.#stopTimer(id)
  }

  /** Starts the toast's time (again). */
  release(id: number): void {
    this.#stopTimer(id)
    if (!this.toasts.some((t) => t.id === id)) return
    this.#timers.set(
      id,
      setTimeout(() => this.dismiss(id), this.#ms)
    )
  }

  #stopTimer(id: number): void {
    const timer = this.#timers.get(id)
    if (timer !== undefined) clearTimeout(timer)
    this.#timers.delete(id)
  }
}
