/**
 * The reference for natural order, written the plain way (chunk by chunk, numbers as BigInt) so
 * tests can hold the cache's one-string key against it: letters without regard to case, each run
 * of ASCII digits by its value, a number meeting another character as a digit would; names equal
 * by those rules (case, leading zeros) in the order of their code points.
 */
type Chunk = bigint | number

/** Code points, with each run of digits as one BigInt. */
function chunks(text: string): Chunk[] {
  const out: Chunk[] = []
  for (const part of text.split(/([0-9]+)/)) {
    if (/^[0-9]+$/.test(part)) out.push(BigInt(part))
    else for (const char of part) out.push(char.codePointAt(0) as number)
  }
  return out
}

const DIGIT = '0'.codePointAt(0) as number

function compareChunk(a: Chunk, b: Chunk): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0
  // A number against another character: as any digit would be (the other is never a digit).
  const x = typeof a === 'bigint' ? DIGIT : a
  const y = typeof b === 'bigint' ? DIGIT : b
  return x - y
}

function compareChunks(a: Chunk[], b: Chunk[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareChunk(a[i] as Chunk, b[i] as Chunk)
    if (c) return Math.sign(c)
  }
  return Math.sign(a.length - b.length)
}

const codePoints = (text: string): Chunk[] => [...text].map((c) => c.codePointAt(0) as number)

export function naturalCompare(a: string, b: string): number {
  return (
    compareChunks(chunks(a.toLowerCase()), chunks(b.toLowerCase())) ||
    compareChunks(codePoints(a), codePoints(b))
  )
}
