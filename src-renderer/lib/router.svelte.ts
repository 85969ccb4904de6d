import { tick, untrack } from 'svelte'
import { tokenFromHash } from './api/token'
import { formatRoute, parentRoute, parseRoute, routeTitle, type Route } from './route'
import type { Navigation } from './stores/navigation.svelte'

/** What each history entry of ours remembers: the route of the entry before it. */
interface EntryState {
  berthFrom?: string
}

const fromOf = (state: unknown): string | undefined =>
  typeof state === 'object' && state !== null ? (state as EntryState).berthFrom : undefined

/** Keys that are someone else's Escape: a field being typed in, a dialog, a menu, a side panel. */
const OWN_ESCAPE =
  'input, textarea, select, [contenteditable], [role="dialog"], [role="menu"], [role="listbox"], aside'

/**
 * Keeps the Navigation store and the address bar's hash in step, both ways: a change in the app
 * becomes a history entry (so Back, Forward and reload work), and Back, Forward or an edited
 * address becomes a change in the app. After every move the focus goes to the new view's
 * heading and the document title names it. The Navigation store stays the one state.
 */
export class Router {
  readonly #nav: Navigation
  #shown: string

  constructor(nav: Navigation) {
    this.#nav = nav
    // Before the first render, so a reload or a deep link mounts its view straight away.
    const asked = parseRoute(location.hash)
    if (asked) nav.show(asked)
    this.#shown = formatRoute(nav.route)
    history.replaceState(history.state, '', this.#shown)
    document.title = routeTitle(nav.route)
  }

  start(): () => void {
    return untrack(() => {
      const stopWatch = $effect.root(() => {
        $effect(() => {
          const route = this.#nav.route
          untrack(() => this.#record(route))
        })
      })
      const onAddress = (): void => this.#follow()
      const onKey = (event: KeyboardEvent): void => this.#escape(event)
      window.addEventListener('popstate', onAddress)
      window.addEventListener('hashchange', onAddress)
      window.addEventListener('keydown', onKey)
      return () => {
        stopWatch()
        window.removeEventListener('popstate', onAddress)
        window.removeEventListener('hashchange', onAddress)
        window.removeEventListener('keydown', onKey)
      }
    })
  }

  /** The app moved: write it into history. */
  #record(route: Route): void {
    const next = formatRoute(route)
    // A list's own change (a filter, the search) led here: the same place, narrowed.
    const refined = this.#nav.refinedTo === next
    this.#nav.refinedTo = null
    if (next === this.#shown) return
    const before = parseRoute(this.#shown)
    const parent = before && parentRoute(before)
    const leaving = this.#shown
    this.#shown = next
    const picked =
      (before?.view === 'activity' && route.view === 'activity') ||
      (before?.view === 'cycle-job' && route.view === 'cycle-job')
    if (picked || refined) {
      // Picking another job, or typing a search, is not a place of its own to come back to.
      history.replaceState(history.state, '', next)
    } else if (parent?.view === route.view && fromOf(history.state) === next) {
      // Closing a detail opened from its list (as the list was) is Back, so Forward reopens it.
      history.back()
    } else {
      history.pushState({ berthFrom: leaving } satisfies EntryState, '', next)
    }
    // A side panel closed from within gave the focus back to its row, and a filter or the
    // search keeps it: the heading does not take it.
    const closedPanel = before?.view === 'cycle-job' && route.view === 'cycle-jobs'
    void this.#arrive(route, closedPanel || refined)
  }

  /** The address changed under us (Back, Forward, an edited or pasted address). */
  #follow(): void {
    const hash = location.hash
    // A new token in the address is the connection's (lib/api/client.ts), which takes it away.
    if (tokenFromHash(hash) !== null) return
    if (hash === this.#shown) return
    const asked = parseRoute(hash)
    if (!asked) {
      // An address that names nothing: keep the place and say it again.
      history.replaceState(history.state, '', this.#shown)
      return
    }
    this.#shown = formatRoute(asked)
    this.#nav.show(asked)
    if (formatRoute(asked) !== hash) history.replaceState(history.state, '', this.#shown)
    void this.#arrive(asked)
  }

  /** Escape from a detail goes to its list, unless something in front of it owns Escape. */
  #escape(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented) return
    if (event.target instanceof Element && event.target.closest(OWN_ESCAPE)) return
    if (document.querySelector('[role="dialog"], [role="menu"]')) return
    if (!parentRoute(this.#nav.route)) return
    event.preventDefault()
    this.#nav.closeDetail()
  }

  async #arrive(route: Route, keepFocus = false): Promise<void> {
    document.title = routeTitle(route)
    // A side panel beside its list takes the focus itself (its Close button).
    if (keepFocus || route.view === 'cycle-job') return
    await tick()
    const heading = document.getElementById('view-title')
    if (heading && !heading.contains(document.activeElement)) {
      heading.focus({ preventScroll: false })
    }
  }
}
