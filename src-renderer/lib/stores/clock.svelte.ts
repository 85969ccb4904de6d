import { createSubscriber } from 'svelte/reactivity'

/** How often relative times ("3 min ago") are brought up to date. Their finest step is a minute. */
export const CLOCK_TICK_MS = 15_000

let now = Date.now()

// One timer for the whole page, running only while something on screen reads the clock: a list
// of a thousand times costs one interval, not a thousand.
const subscribe = createSubscriber((update) => {
  now = Date.now()
  const timer = setInterval(() => {
    now = Date.now()
    update()
  }, CLOCK_TICK_MS)
  return () => clearInterval(timer)
})

/** The shared clock: `clock.now` in a template or effect re-runs it as time passes. */
export const clock = {
  get now(): number {
    subscribe()
    // Read outside any effect (no subscriber, so no ticking): the time itself.
    return $effect.tracking() ? now : Date.now()
  }
}
