import { ProviderError } from '../errors'
import { ErrorEnvelope, OAuthError } from './schemas'

/** A Cycle error with the platform's code (e.g. `403.permissions`) and, if any, the capability. */
export class CycleApiError extends ProviderError {
  constructor(
    message: string,
    readonly status: number,
    readonly cycleCode: string,
    readonly capability?: string,
    /** From a Retry-After header (429, 503), in milliseconds. */
    readonly retryAfterMs?: number
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

/** Reads either error form the platform sends into one typed error whose message a user can act on. */
export function cycleError(status: number, body: unknown, retryAfter?: number): CycleApiError {
  const envelope = ErrorEnvelope.safeParse(body)
  if (envelope.success) {
    const e = envelope.data.error
    const code = e.code ?? String(status)
    const capability = e.extra?.capability
    return new CycleApiError(
      describe(status, code, e.title, e.detail, capability),
      status,
      code,
      capability,
      retryAfter
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
      `${status}.${oauth.data.error}`,
      undefined,
      retryAfter
    )
  }
  return new CycleApiError(
    describe(status, String(status)),
    status,
    String(status),
    undefined,
    retryAfter
  )
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
  return text || `Cycle answered HTTP ${status} (${code})`
}
