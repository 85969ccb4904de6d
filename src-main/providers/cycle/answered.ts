import { connectFailure } from '../connect-failure'
import { ProviderError } from '../errors'
import { cycleError, retryAfterMs } from './errors'

/** What openapi-fetch gives for a request. */
export type Fetched = { data?: unknown; error?: unknown; response: Response }

/**
 * The answer to a request to the hub at `url`, or the error it deserves (unreachable, not JSON,
 * refused).
 */
export async function answered(request: Promise<Fetched>, url: string): Promise<Fetched> {
  let fetched: Fetched
  try {
    fetched = await request
  } catch (error) {
    // openapi-fetch parses the body itself: a SyntaxError means an answer came, just not JSON.
    if (error instanceof SyntaxError) {
      throw new ProviderError('protocol', 'Cycle sent an answer that is not JSON')
    }
    throw new ProviderError('network', unreachable(url, error))
  }
  const { error, response } = fetched
  if (!response.ok) {
    throw cycleError(
      response.status,
      error,
      retryAfterMs(response.headers.get('retry-after')),
      Date.now(),
      response.url.replace(/\?.*/, '')
    )
  }
  return fetched
}

function unreachable(url: string, error: unknown): string {
  if ((error as Error).name === 'TimeoutError') return `${url} did not answer in time`
  // fetch says only "fetch failed": the reason is in its cause.
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause
  const code = typeof cause?.code === 'string' ? cause.code : undefined
  const message = typeof cause?.message === 'string' ? cause.message : ''
  return (
    connectFailure(url, code, message) ??
    `Could not reach ${url}: ${message || (error as Error).message}`
  )
}
