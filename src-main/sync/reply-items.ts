const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09

/**
 * Where one top-level array of a JSON object sits in its bytes: the array (`[` to `]`) and each
 * item's span. What lets a large reply be parsed a slice of items at a time instead of whole.
 */
export interface ArraySpans {
  /** Offset of the array's `[` and one past its `]`. */
  start: number
  end: number
  /** Item i spans bytes itemStart[i] up to itemEnd[i] (exclusive, no surrounding whitespace). */
  itemStart: number[]
  itemEnd: number[]
}

/**
 * Finds the array value of `key` at the top level of a JSON object (the last one, as JSON.parse
 * keeps the last of duplicate keys) and its items' spans, by one pass over the bytes that tracks
 * only strings and nesting. It does not check the JSON: parsing the parts does. Null when the
 * bytes are not one object whose `key` holds an array (then the caller parses the whole reply,
 * which says what is wrong with it). UTF-8 is safe to scan bytewise: no byte of a multi-byte
 * character is below 0x80.
 */
export function findArray(bytes: Uint8Array, key: string): ArraySpans | null {
  const wanted = new TextEncoder().encode(JSON.stringify(key))
  const n = bytes.length
  let i = 0
  while (i < n && isSpace(bytes[i] as number)) i++
  if (bytes[i] !== OPEN_OBJECT) return null
  let depth = 0
  let found: ArraySpans | null = null
  // At depth 1: the span of the last key read, so that a value can be matched to it.
  let keyStart = -1
  let keyEnd = -1
  let expectKey = true
  let current: ArraySpans | null = null
  let itemStart = -1
  let afterComma = false
  let lastNonSpace = -1
  for (; i < n; i++) {
    const b = bytes[i] as number
    if (b === QUOTE) {
      const from = i
      i = closingQuote(bytes, i + 1)
      if (i < 0) return null
      if (depth === 1 && expectKey) {
        keyStart = from
        keyEnd = i + 1
        expectKey = false
      }
      if (current && depth === 2 && itemStart < 0) {
        itemStart = from
        afterComma = false
      }
      lastNonSpace = i
      continue
    }
    if (isSpace(b)) continue
    if (current && depth === 2 && itemStart < 0 && b !== COMMA && b !== CLOSE_ARRAY) {
      itemStart = i
      afterComma = false
    }
    if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (depth === 1 && b === OPEN_ARRAY && sameBytes(bytes, keyStart, keyEnd, wanted)) {
        current = { start: i, end: -1, itemStart: [], itemEnd: [] }
        itemStart = -1
        lastNonSpace = i
        depth++
        continue
      }
      depth++
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
      if (current && depth === 2) {
        if (b !== CLOSE_ARRAY || afterComma) return null
        if (itemStart >= 0) {
          current.itemStart.push(itemStart)
          current.itemEnd.push(lastNonSpace + 1)
        }
        current.end = i + 1
        found = current
        current = null
      }
      depth--
      if (depth === 0) {
        for (i++; i < n; i++) if (!isSpace(bytes[i] as number)) return null
        return found
      }
    } else if (b === COMMA) {
      if (depth === 1) expectKey = true
      else if (current && depth === 2) {
        if (itemStart < 0) return null
        current.itemStart.push(itemStart)
        current.itemEnd.push(lastNonSpace + 1)
        itemStart = -1
        afterComma = true
        lastNonSpace = i
        continue
      }
    } else if (b === COLON && depth === 1) {
      expectKey = false
    }
    lastNonSpace = i
  }
  return null
}

/** Where the string whose content starts at `from` ends (its closing quote); -1 if it does not. */
function closingQuote(bytes: Uint8Array, from: number): number {
  // indexOf runs natively: most of a reply's bytes are inside strings.
  for (let at = from; ; at++) {
    at = bytes.indexOf(QUOTE, at)
    if (at < 0) return -1
    let escapes = 0
    while (bytes[at - 1 - escapes] === BACKSLASH) escapes++
    if (escapes % 2 === 0) return at
  }
}

function sameBytes(bytes: Uint8Array, start: number, end: number, wanted: Uint8Array): boolean {
  if (start < 0 || end - start !== wanted.length) return false
  for (let k = 0; k < wanted.length; k++) if (bytes[start + k] !== wanted[k]) return false
  return true
}
