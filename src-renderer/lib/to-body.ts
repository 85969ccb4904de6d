/**
 * Moves an element to the end of <body> for as long as it is mounted: a modal opened from inside
 * the sidebar (Add account) must not vanish when a narrowing window folds the sidebar away and
 * hides everything in it.
 */
export function toBody(node: HTMLElement): { destroy(): void } {
  document.body.appendChild(node)
  return { destroy: () => node.remove() }
}
