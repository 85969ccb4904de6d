import type { ServerReport } from '@contract'
import type { SessionSink } from '../session'
import type { QboEnvelope } from './schemas'

/** What an envelope says of the server that sent it; a field left out is not said. */
export type EnvelopeFacts = Partial<Pick<QboEnvelope, 'user' | 'host' | 'agent' | 'timestamp'>>

const FACTS = ['user', 'host', 'agent', 'timestamp'] as const

/** The facts of a parsed message. */
export function envelopeFacts(message: QboEnvelope): EnvelopeFacts {
  const facts: EnvelopeFacts = {}
  for (const key of FACTS)
    if (message[key] !== undefined) Object.assign(facts, { [key]: message[key] })
  return facts
}

/** How far into a reply its envelope is looked for (qbo writes it before the payload array). */
const WINDOW = 4096

/**
 * The facts of a reply still in bytes (a whole `get nodes -A`, parsed elsewhere), read from its
 * first few KB: only keys of the outermost object count, so a node's own `user` is never taken
 * for the envelope's. A server writing its envelope after the payload says nothing here; its
 * other messages still do.
 */
export function peekEnvelopeFacts(data: Uint8Array): EnvelopeFacts {
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(WINDOW, data.byteLength))
  const text = head.toString('utf8')
  const facts: EnvelopeFacts = {}
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '{' || ch === '[') depth++
    else if (ch === '}' || ch === ']') depth--
    else if (ch === '"') {
      const end = stringEnd(text, i)
      if (end < 0) break
      if (depth === 1) readFact(text, i, end, facts)
      i = end
    }
  }
  return facts
}

/** The index of the quote closing the string opened at `start`, or -1 past the window. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '"') return i
  }
  return -1
}

const VALUE = /^\s*:\s*("(?:[^"\\]|\\.){0,2000}"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/

/** If the string at start…end is a wanted key, its value (a string or a number) goes in `facts`. */
function readFact(text: string, start: number, end: number, facts: EnvelopeFacts): void {
  const key = text.slice(start + 1, end)
  if (!(FACTS as readonly string[]).includes(key)) return
  const found = VALUE.exec(text.slice(end + 1, end + 2100))
  if (!found?.[1]) return
  let value: unknown
  try {
    value = JSON.parse(found[1])
  } catch {
    return
  }
  const wanted = key === 'timestamp' ? 'number' : 'string'
  if (typeof value === wanted) Object.assign(facts, { [key]: value })
}

/**
 * A server stamp in ms since epoch. qbo stamps in µs; a server stamping in ms or in seconds is
 * read as such (the three are orders of magnitude apart for any date after 1973).
 */
export function stampMs(stamp: number): number {
  if (stamp > 1e14) return Math.round(stamp / 1000)
  if (stamp > 1e11) return stamp
  return stamp * 1000
}

/** The report after one more message: what it says replaces what was known, the rest stays. */
export function heard(known: ServerReport | null, facts: EnvelopeFacts, now: number): ServerReport {
  return {
    user: facts.user ?? known?.user ?? null,
    host: facts.host ?? known?.host ?? null,
    agent: facts.agent ?? known?.agent ?? null,
    timestamp: facts.timestamp === undefined ? null : stampMs(facts.timestamp),
    receivedAt: now
  }
}

/**
 * The same sink (every method, whatever it grows), telling `hear` what each whole reply's
 * envelope says before handing the reply on.
 */
export function tapQboReplies(
  sink: SessionSink,
  hear: (facts: EnvelopeFacts) => void
): SessionSink {
  const replaceQboReply: SessionSink['replaceQboReply'] = (payload, reply) => {
    hear(peekEnvelopeFacts(reply))
    return sink.replaceQboReply(payload, reply)
  }
  return new Proxy(sink, {
    get(target, key) {
      if (key === 'replaceQboReply') return replaceQboReply
      const value: unknown = Reflect.get(target, key)
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value
    }
  })
}
