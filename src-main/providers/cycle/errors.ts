import { MAX_WAIT_MS } from '../delay'
import { ProviderError } from '../errors'
import { ErrorEnvelope, OAuthError } from './schemas'

/** A Cycle error with the platform's code (e.g. `403.permissions`) and, if any, the capability. */
export class CycleApiError extends ProviderError {
  constructor(
    message: string,
    readonly status: number,
    readonly cycleCode: string,
    readonly capability?: string,
    /** From a Retry-After header (429, 503), in milliseconds, at most MAX_WAIT_MS. */
    override readonly retryAfterMs?: number
  ) {
    super(kindOf(status), message, status)
    this.name = 'CycleApiError'
  }
}

function kindOf(status: number): ProviderError['kind'] {
  if (status === 401) return 'auth'
  if (status === 403) return 'auth'
  if (status === 408 || status === 429 || status >= 500) return 'network'
  return 'rejected'
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/**
 * Reads either error form the platform sends into one typed error whose message a user can act on.
 * `retryAfter` is what the server asked for: the message says so as it was sent, the error
 * carries it capped, so that no wait it asks for (99999999 s, say) outlasts MAX_WAIT_MS.
 */
export function cycleError(
  status: number,
  body: unknown,
  retryAfter?: number,
  now = Date.now(),
  /** The address asked, to name it when what answered was not Cycle at all. */
  url?: string
): CycleApiError {
  const error = readError(status, body, url)
  if (retryAfter === undefined) return error
  const asked =
    retryAfter > 0 ? `; the hub asked to wait until ${clock(now + retryAfter, now)}` : ''
  return new CycleApiError(
    `${error.message}${asked}`,
    status,
    error.cycleCode,
    error.capability,
    Math.min(retryAfter, MAX_WAIT_MS)
  )
}

function readError(status: number, body: unknown, url?: string): CycleApiError {
  const envelope = ErrorEnvelope.safeParse(body)
  if (envelope.success) {
    const e = envelope.data.error
    const code = e.code ?? String(status)
    const capability = e.extra?.capability
    return new CycleApiError(
      describe(status, code, e.title, e.detail, capability),
      status,
      code,
      capability
    )
  }
  const oauth = OAuthError.safeParse(body)
  if (oauth.success) {
    return new CycleApiError(
      describe(
        status,
        `${status}.${oauth.data.error}`,
        oauth.data.error_description ?? oauth.data.error
      ),
      status,
      `${status}.${oauth.data.error}`
    )
  }
  if (status === 404 && url) {
    // Cycle says what was not found in its own error form; a bare 404 is some other server.
    return new CycleApiError(notCycle(url), status, String(status))
  }
  return new CycleApiError(describe(status, String(status)), status, String(status))
}

/** What a bare 404 to a Cycle path means: the address is not Cycle's API. */
function notCycle(url: string): string {
  let origin = url
  let path = ''
  try {
    const parsed = new URL(url)
    origin = parsed.origin
    path = parsed.pathname
  } catch {
    // An address that does not parse is named as it is.
  }
  return `No Cycle API at this address: ${origin} answered 404 to ${path || 'the API'}; check the API URL`
}

/** Local time: of day when it is today, with the date when it is not (a hostile far future). */
function clock(at: number, now: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  const d = new Date(at)
  if (Number.isNaN(d.getTime())) return 'a time too far away to name'
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  if (d.toDateString() === new Date(now).toDateString()) return time
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`
}

function describe(
  status: number,
  code: string,
  title?: string,
  detail?: string,
  capability?: string
): string {
  // Codes are matched by prefix: older clients spell them with underscores.
  const normal = code.replace(/_/g, '-')
  if (normal === '403.permissions' && capability) {
    return `This API key lacks the “${capability}” capability`
  }
  if (normal === '403.wrong-hub') return 'This API key does not belong to that hub'
  if (status === 401) return `Cycle refused the API key${title ? `: ${title}` : ''}`
  const text = [title, detail].filter(Boolean).join(' — ')
  // A code that is only the status says nothing more: it is not repeated.
  return text || `Cycle answered HTTP ${status}${code === String(status) ? '' : ` (${code})`}`
}
