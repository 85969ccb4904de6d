// The order names are read in, for the lists the page sorts itself (labels, build arguments, a
// node's fields); the agent sorts its lists the same way (natural_key in the cache).
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

/** cluster-5 before cluster-30, v1.26.6 before v1.26.15; names equal but for case by their text. */
export const naturalCompare = (a: string, b: string): number =>
  collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
