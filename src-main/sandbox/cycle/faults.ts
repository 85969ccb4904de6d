import { checkedDelay } from '../fault-delay'
import { envelope } from './errors'
import type { CycleErrorBody } from './errors'
import type { Reply } from './route'

export type FaultStatus = 500 | 503 | 429

/** Switchable misbehaviour of the Cycle emulator, for tests of a client's recovery. */
export interface CycleFaults {
  /**
   * The next `times` (default 1) requests matching (method, path prefix) take effect, then the
   * TCP socket is destroyed without an HTTP response (the response is lost).
   */
  dropResponse(method: string, pathPrefix: string, times?: number): void
  /**
   * The next `times` (default 1) matching requests answer `status` with the platform error
   * envelope and do not take effect (500 → `500.unknown`, 503 → `503.not-ready`,
   * 429 → `429.rate-limiting` with `Retry-After: <retryAfterSeconds>`, default 1).
   */
  failWith(
    method: string,
    pathPrefix: string,
    status: FaultStatus,
    times?: number,
    retryAfterSeconds?: number
  ): void
  /** Delay every response (and every dropped one) by this many ms; the effect is immediate. */
  delayMs: number
  /**
   * Delay the answers to requests that change something (any method but GET) by this many ms
   * more: the change is made at once, its answer comes late (a client may be gone by then).
   */
  actionDelayMs: number
  /**
   * The next `times` (default 1) responses to GETs on paths starting with `pathPrefix` are a 200
   * with a malformed body: invalid JSON (`json`) or valid JSON of the wrong types (`types`).
   */
  malformed(pathPrefix: string, kind: 'json' | 'types', times?: number): void
  /**
   * GETs on paths starting with `pathPrefix` answer page 1 whatever `page[number]` asks, as a
   * server that ignores paging does (a client that pages until a short page never stops).
   */
  ignorePaging(pathPrefix: string): void
  /** Revoke the API key: every later HTTP request answers 401 `401.auth-expired`. */
  expireKey(): void
  /** Turn everything off again. */
  reset(): void
}

/** What goes back for one request. */
export type Outcome =
  | { kind: 'reply'; reply: Reply; headers?: Record<string, string> }
  | { kind: 'raw'; status: number; text: string }
  | { kind: 'drop' }

export interface CycleFaultControl {
  readonly faults: CycleFaults
  /** Whether a request's `page[number]` is to be ignored. */
  ignoresPaging(method: string, path: string): boolean
  /** The answer that replaces the request before it takes effect, if a fault says so. */
  refusal(method: string, path: string): Outcome | undefined
  /** What becomes of a request's answer after it took effect. */
  aftermath(method: string, path: string, outcome: Outcome): Outcome
  /** Runs `send` after the configured delay (at once when there is none); `method` picks it. */
  later(send: () => void, method?: string): void
  /** Cancels pending delayed sends. */
  close(): void
}

interface Rule {
  method: string
  prefix: string
  left: number
}

const CODES: Record<FaultStatus, { code: string; title: string }> = {
  500: { code: '500.unknown', title: 'Internal server error' },
  503: { code: '503.not-ready', title: 'Service not ready' },
  429: { code: '429.rate-limiting', title: 'Too many requests' }
}
const INVALID_JSON = '{"data":[{"id":'

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`faults.cycle: ${name} must be a positive integer, got ${value}`)
  }
  return value
}

function prefixOf(pathPrefix: string): string {
  if (!pathPrefix.startsWith('/')) {
    throw new RangeError(`faults.cycle: path prefix must start with '/', got '${pathPrefix}'`)
  }
  return pathPrefix
}

/** Counts down the first rule that matches and returns it; undefined when none does. */
function take<R extends Rule>(rules: R[], method: string, path: string): R | undefined {
  const rule = rules.find((r) => r.method === method && path.startsWith(r.prefix))
  if (rule === undefined) return undefined
  rule.left -= 1
  if (rule.left === 0) rules.splice(rules.indexOf(rule), 1)
  return rule
}

/** Same shape as the real answer (a list or one object), but the fields have the wrong types. */
function wrongTypes(outcome: Outcome): string {
  const body = outcome.kind === 'reply' ? (outcome.reply.body as { data?: unknown }) : undefined
  const item = { id: 5, name: null }
  const isObject = typeof body?.data === 'object' && body.data !== null && !Array.isArray(body.data)
  return JSON.stringify({ data: isObject ? item : [item] })
}

function errorOutcome(body: CycleErrorBody, headers?: Record<string, string>): Outcome {
  return { kind: 'reply', reply: { status: body.status, body: envelope(body) }, headers }
}

export function createCycleFaults(): CycleFaultControl {
  let drops: Rule[] = []
  let failures: (Rule & { status: FaultStatus; retryAfter: number })[] = []
  let malformations: (Rule & { kind: 'json' | 'types' })[] = []
  let pagingIgnored: string[] = []
  let delay = 0
  let actionDelay = 0
  let keyExpired = false
  let closed = false
  const pending = new Set<NodeJS.Timeout>()
  const rule = (method: string, pathPrefix: string, times: number): Rule => ({
    method: method.toUpperCase(),
    prefix: prefixOf(pathPrefix),
    left: positive('times', times)
  })

  const faults: CycleFaults = {
    dropResponse(method, pathPrefix, times = 1) {
      drops.push(rule(method, pathPrefix, times))
    },
    failWith(method, pathPrefix, status, times = 1, retryAfterSeconds = 1) {
      if (!(status in CODES)) throw new RangeError(`faults.cycle: status must be 500, 503 or 429`)
      if (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0) {
        throw new RangeError('faults.cycle: retryAfterSeconds must be a non-negative integer')
      }
      failures.push({ ...rule(method, pathPrefix, times), status, retryAfter: retryAfterSeconds })
    },
    get delayMs() {
      return delay
    },
    set delayMs(value) {
      delay = checkedDelay('faults.cycle.delayMs', value)
    },
    get actionDelayMs() {
      return actionDelay
    },
    set actionDelayMs(value) {
      actionDelay = checkedDelay('faults.cycle.actionDelayMs', value)
    },
    malformed(pathPrefix, kind, times = 1) {
      if (kind !== 'json' && kind !== 'types') {
        throw new RangeError(`faults.cycle: malformed kind must be 'json' or 'types'`)
      }
      malformations.push({ ...rule('GET', pathPrefix, times), kind })
    },
    ignorePaging(pathPrefix) {
      pagingIgnored.push(prefixOf(pathPrefix))
    },
    expireKey() {
      keyExpired = true
    },
    reset() {
      pagingIgnored = []
      drops = []
      failures = []
      malformations = []
      delay = 0
      actionDelay = 0
      keyExpired = false
    }
  }

  return {
    faults,
    ignoresPaging(method, path) {
      return method.toUpperCase() === 'GET' && pagingIgnored.some((p) => path.startsWith(p))
    },
    refusal(method, path) {
      if (keyExpired) {
        return errorOutcome({
          status: 401,
          code: '401.auth-expired',
          title: 'Expired API key',
          detail: 'The API key has expired or been revoked.'
        })
      }
      const failure = take(failures, method.toUpperCase(), path)
      if (failure === undefined) return undefined
      const { code, title } = CODES[failure.status]
      const headers =
        failure.status === 429 ? { 'Retry-After': String(failure.retryAfter) } : undefined
      return errorOutcome({ status: failure.status, code, title }, headers)
    },
    aftermath(method, path, outcome) {
      const verb = method.toUpperCase()
      if (take(drops, verb, path) !== undefined) return { kind: 'drop' }
      const bad = take(malformations, verb, path)
      if (bad === undefined) return outcome
      return {
        kind: 'raw',
        status: 200,
        text: bad.kind === 'json' ? INVALID_JSON : wrongTypes(outcome)
      }
    },
    later(send, method = 'GET') {
      const ms = delay + (method.toUpperCase() === 'GET' ? 0 : actionDelay)
      if (ms === 0 || closed) {
        send()
        return
      }
      const timer = setTimeout(() => {
        pending.delete(timer)
        send()
      }, ms)
      pending.add(timer)
    },
    close() {
      closed = true
      for (const timer of pending) clearTimeout(timer)
      pending.clear()
    }
  }
}
