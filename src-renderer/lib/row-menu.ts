/** One entry of a row's "⋯" / context menu. */
export interface MenuItem {
  label: string
  /** Stable id for tests and for telling entries apart: `stop`, `copy-name`. */
  id: string
  run: () => void
  /** Destructive entries are drawn in the danger colour. */
  danger?: boolean
  disabled?: boolean
}

/** Where a menu opens: at the pointer (right-click) or under the element it belongs to. */
export interface MenuAnchor {
  x: number
  y: number
}

/** Copies text to the clipboard; false where the page may not (no permission, no focus). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

/** Under the element a menu belongs to (the "⋯" button, or a row opened from the keyboard). */
export function below(el: HTMLElement, right = false): MenuAnchor {
  const box = el.getBoundingClientRect()
  return { x: right ? box.right - 180 : box.left + 24, y: box.bottom }
}
