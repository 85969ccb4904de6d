import { SvelteMap } from 'svelte/reactivity'

/** An action asked for from a row's menu, handed to the row's own action buttons to carry out. */
export interface RowRequest<A extends string> {
  action: A
  /** Tells a second ask of the same action from the first. */
  seq: number
}

/**
 * Menu entries reuse the row's action component (its dialogs, its errors, its job in place):
 * the menu asks here by row key, the component sees its request and acts once per `seq`.
 */
export class RowRequests<A extends string> {
  readonly #asked = new SvelteMap<string, RowRequest<A>>()
  #seq = 0

  ask(key: string, action: A): void {
    this.#asked.set(key, { action, seq: ++this.#seq })
  }

  for(key: string): RowRequest<A> | undefined {
    return this.#asked.get(key)
  }
}

/** A short word on what a menu entry did that shows nothing else ("Copied dev's name"). */
export class Note {
  text = $state('')
  #timer: ReturnType<typeof setTimeout> | undefined

  say(text: string): void {
    this.text = text
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => (this.text = ''), 4000)
  }
}
