/** Why a provider call failed, in the terms the connection policy acts on. */
export type ProviderErrorKind =
  /** The server refused the credential: retry slowly, never in a tight loop. */
  | 'auth'
  /** Unreachable, dropped, timed out, 5xx: retry with backoff. */
  | 'network'
  /** The server answered something we cannot accept: keep the cache, report it. */
  | 'protocol'
  /** The server understood and refused the command (unknown name, bad arguments). */
  | 'rejected'

export class ProviderError extends Error {
  /** How long the server asked to be left alone (Retry-After), at most MAX_WAIT_MS. */
  declare readonly retryAfterMs?: number

  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly code?: number,
    /** True when the request certainly never left this machine (safe to send again). */
    readonly unsent = false
  ) {
    super(message)
    this.name = 'ProviderError'
  }
}

/** Anything thrown by a provider, as a ProviderError (unexpected ones count as protocol faults). */
export function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error
  return new ProviderError('protocol', error instanceof Error ? error.message : String(error))
}
