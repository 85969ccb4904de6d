import {
  elementScroll,
  measureElement,
  observeElementOffset,
  Virtualizer,
  type Rect,
  type VirtualItem
} from '@tanstack/virtual-core'
import type { RowRange } from './stores/row-blocks'

/** Every list row is this tall (the table's CSS reads it too), so no row needs measuring. */
export const ROW_HEIGHT = 32
/** Rows mounted beyond each edge of the viewport, so a fast scroll rarely shows a blank. */
export const OVERSCAN = 8
/**
 * A scroll box with no layout yet (a hidden panel; jsdom) measures 0 tall, which would mount no
 * rows at all: it is treated as a screenful until it has a real size.
 */
const NO_LAYOUT_RECT: Rect = { width: 800, height: 20 * ROW_HEIGHT }

export interface VirtualRowsOptions {
  count: number
  /** Space above the first row inside the scroll box: the sticky header. */
  headerHeight?: () => number
  /**
   * What the header's CSS makes it, used until the first layout measures it: a wrong guess costs
   * a recount of every row's place, which at 100k rows is felt.
   */
  headerEstimate?: number
  /**
   * Rows of varying height (cards) give a first guess here and are measured once mounted, through
   * `measure`; without it every row is ROW_HEIGHT tall.
   */
  estimate?: number
  /** The mounted rows changed (scroll, resize, new count). */
  onRange: (range: RowRange) => void
}

/**
 * TanStack's framework-free virtualizer, kept in Svelte state: only the rows in (and just
 * around) the viewport exist in the DOM, whatever the count.
 */
export class VirtualRows {
  items = $state.raw<VirtualItem[]>([])
  totalSize = $state(0)

  readonly #virtualizer: Virtualizer<HTMLElement, HTMLElement>
  readonly #onRange: (range: RowRange) => void
  readonly #headerHeight: () => number
  #element: HTMLElement | null = null
  /** The box is as mounted, at the top: a scroll there would change nothing. */
  #atRest = false

  constructor(options: VirtualRowsOptions) {
    this.#onRange = options.onRange
    this.#headerHeight = options.headerHeight ?? (() => 0)
    const size = options.estimate ?? ROW_HEIGHT
    const header = options.headerHeight ? (options.headerEstimate ?? ROW_HEIGHT) : 0
    this.#virtualizer = new Virtualizer<HTMLElement, HTMLElement>({
      count: options.count,
      getScrollElement: () => this.#element,
      estimateSize: () => size,
      overscan: OVERSCAN,
      initialRect: NO_LAYOUT_RECT,
      // The header's guessed height until the first layout says otherwise (#fitHeader).
      paddingStart: header,
      scrollPaddingStart: header,
      // A write makes the browser lay the page out there and then; one to where a fresh box
      // already is would only cost that layout, before the first rows are even in the DOM.
      scrollToFn: (offset, scroll, instance) => {
        if (this.#atRest && offset === 0) return
        this.#atRest = false
        elementScroll(offset, scroll, instance)
      },
      observeElementOffset: (instance, cb) =>
        observeElementOffset(instance, (offset, isScrolling) => {
          this.#atRest = false
          cb(offset, isScrolling)
        }),
      observeElementRect: (instance, cb) => this.#observeRect(instance, cb),
      // A row without layout measures 0: taken at its word, every row would fit and mount.
      measureElement: (element, entry, instance) =>
        measureElement(element, entry, instance) || size,
      onChange: () => this.#sync()
    })
  }

  /** Height of the unmounted rows above the first mounted one. */
  get before(): number {
    const first = this.items[0]
    return first ? first.start - this.#virtualizer.options.paddingStart : 0
  }

  /** Height of the unmounted rows below the last mounted one. */
  get after(): number {
    const last = this.items[this.items.length - 1]
    return last ? Math.max(0, this.totalSize - last.end) : 0
  }

  /** Measures a mounted row of varying height (and again whenever it resizes). */
  measure(element: HTMLElement, index: number): void {
    element.dataset.index = String(index)
    this.#virtualizer.measureElement(element)
  }

  /** Follow this scroll box until the returned disposer runs. */
  attach(element: HTMLElement): () => void {
    this.#element = element
    this.#atRest = true
    const unmount = this.#virtualizer._didMount()
    this.#virtualizer._willUpdate()
    this.#sync()
    return () => {
      unmount()
      this.#element = null
    }
  }

  setCount(count: number): void {
    if (count === this.#virtualizer.options.count) return
    this.#virtualizer.setOptions({ ...this.#virtualizer.options, count })
    this.#virtualizer._willUpdate()
    this.#sync()
  }

  /** Bring a row into view, scrolling as little as possible. */
  scrollToIndex(index: number): void {
    this.#virtualizer.scrollToIndex(index, { align: 'auto' })
  }

  scrollToTop(): void {
    this.#virtualizer.scrollToOffset(0)
  }

  /** Rows that fit in the viewport: the step of PageUp and PageDown. */
  get pageRows(): number {
    const height = this.#virtualizer.scrollRect?.height ?? NO_LAYOUT_RECT.height
    return Math.max(1, Math.floor((height - this.#headerHeight()) / ROW_HEIGHT))
  }

  /**
   * The box's size, and the header's, from a ResizeObserver only: it reports after the browser's
   * own first layout, in the same frame, so mounting never forces a layout of its own. Until then
   * (and without one, as in jsdom) the box counts as NO_LAYOUT_RECT with no header.
   */
  #observeRect(
    instance: Virtualizer<HTMLElement, HTMLElement>,
    cb: (rect: Rect) => void
  ): (() => void) | undefined {
    const element = instance.scrollElement
    const Observer = instance.targetWindow?.ResizeObserver
    if (!element || !Observer) return undefined
    const observer = new Observer(() => {
      this.#fitHeader()
      const height = element.clientHeight
      cb(height > 0 ? { width: element.clientWidth, height } : NO_LAYOUT_RECT)
    })
    observer.observe(element, { box: 'content-box' })
    return () => observer.disconnect()
  }

  /** Rows start below the sticky header, whatever its height in this theme. */
  #fitHeader(): void {
    const header = this.#headerHeight()
    const { options } = this.#virtualizer
    if (options.paddingStart === header && options.scrollPaddingStart === header) return
    this.#virtualizer.setOptions({ ...options, paddingStart: header, scrollPaddingStart: header })
    this.#sync()
  }

  #sync(): void {
    const items = this.#virtualizer.getVirtualItems()
    this.items = items
    this.totalSize = this.#virtualizer.getTotalSize()
    const first = items[0]
    const last = items[items.length - 1]
    if (first && last) this.#onRange({ start: first.index, end: last.index + 1 })
  }
}
