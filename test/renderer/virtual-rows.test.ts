import { afterEach, describe, expect, it, vi } from 'vitest'
import { OVERSCAN, ROW_HEIGHT, VirtualRows } from '../../src-renderer/lib/virtual-rows.svelte'

/**
 * A scroll box that notes every read that would make a browser lay the page out (and every
 * scroll write, which does too), with the size a layout would give it.
 */
function scrollBox(size = { width: 900, height: 320 }) {
  const element = document.createElement('div')
  const layoutReads: string[] = []
  let scrollTop = 0
  const reads = (name: string, value: () => number) =>
    Object.defineProperty(element, name, {
      configurable: true,
      get: () => {
        layoutReads.push(name)
        return value()
      }
    })
  reads('clientHeight', () => size.height)
  reads('clientWidth', () => size.width)
  reads('offsetHeight', () => size.height)
  reads('offsetWidth', () => size.width)
  reads('scrollTop', () => scrollTop)
  element.getBoundingClientRect = () => {
    layoutReads.push('getBoundingClientRect')
    return new DOMRect(0, 0, size.width, size.height)
  }
  const writes: number[] = []
  element.scrollTo = ((options: ScrollToOptions) => writes.push(options.top ?? 0)) as never
  return {
    element,
    layoutReads,
    writes,
    /** The user scrolls to `top`. */
    scroll(top: number) {
      scrollTop = top
      element.dispatchEvent(new Event('scroll'))
    }
  }
}

/** A ResizeObserver the test fires, as a browser does after its first layout. */
function stubResizeObserver() {
  const observers: Array<() => void> = []
  class FakeResizeObserver {
    constructor(private readonly callback: () => void) {}
    observe(): void {
      observers.push(() => this.callback())
    }
    unobserve(): void {}
    disconnect(): void {}
  }
  vi.stubGlobal('ResizeObserver', FakeResizeObserver)
  return { layoutDone: () => observers.forEach((fire) => fire()) }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('VirtualRows at mount', () => {
  it('mounts the first rows without making the browser lay out the page first', () => {
    const box = scrollBox()
    let headerReads = 0
    const rows = new VirtualRows({
      count: 100_000,
      headerHeight: () => {
        headerReads++
        return 40
      },
      headerEstimate: 30,
      onRange: () => {}
    })
    const detach = rows.attach(box.element)
    expect(rows.items.length).toBeGreaterThan(0)
    expect(rows.items[0]?.index).toBe(0)
    expect(box.layoutReads).toEqual([])
    expect(headerReads).toBe(0)
    // Going to the top of a box that is already there writes nothing either.
    rows.scrollToTop()
    expect(box.writes).toEqual([])
    detach()
  })

  it('takes the box and header sizes from the first layout, when the browser reports them', () => {
    const { layoutDone } = stubResizeObserver()
    const box = scrollBox({ width: 900, height: 320 })
    const rows = new VirtualRows({
      count: 100_000,
      headerHeight: () => 40,
      headerEstimate: 30,
      onRange: () => {}
    })
    const detach = rows.attach(box.element)
    const before = rows.items.length
    expect(box.layoutReads).toEqual([])

    layoutDone()
    // (320 - 40) / 32 rows fit; the overscan follows them.
    expect(rows.pageRows).toBe(Math.floor((320 - 40) / ROW_HEIGHT))
    expect(rows.items.length).toBeLessThan(before)
    expect(rows.items.length).toBeLessThanOrEqual(Math.ceil(280 / ROW_HEIGHT) + 1 + OVERSCAN)
    detach()
  })

  it('writes the scroll position once the box has moved', () => {
    const box = scrollBox()
    const rows = new VirtualRows({ count: 100_000, onRange: () => {} })
    const detach = rows.attach(box.element)
    box.scroll(5_000)
    rows.scrollToTop()
    expect(box.writes).toEqual([0])
    detach()
  })
})
