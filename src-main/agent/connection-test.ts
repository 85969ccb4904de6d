import { fail, ok, type ConnectionReport, type Result } from './contract'
import { ProviderError } from '../providers/errors'
import { QboSession } from '../providers/qbo/session'
import type { SessionSink } from '../providers/session'
import type { QboAccountSpec } from './accounts'

const ignore: SessionSink = {
  replace: () => {},
  patch: () => {},
  remove: () => {},
  dropped: () => {},
  problem: () => {}
}

/** Turns a provider failure into the error value the UI explains. */
export function providerFailure(error: unknown): Result<never> {
  if (!(error instanceof ProviderError)) {
    return fail('internal', error instanceof Error ? error.message : String(error))
  }
  switch (error.kind) {
    case 'auth':
      return fail('auth-failed', error.message)
    case 'network':
      return fail('unavailable', error.message, true)
    case 'rejected':
      return fail(error.code === 404 ? 'not-found' : 'invalid-request', error.message)
    default:
      return fail('internal', error.message)
  }
}

/** Connects once with the given credentials, asks `version`, and hangs up. */
export async function testConnection(
  spec: Pick<QboAccountSpec, 'url' | 'auth' | 'protocol'>
): Promise<Result<ConnectionReport>> {
  const session = new QboSession(
    { url: spec.url, auth: spec.auth, protocol: spec.protocol },
    ignore,
    {
      connectTimeoutMs: 10_000,
      requestTimeoutMs: 10_000
    }
  )
  try {
    await session.connect()
    return ok(await session.version())
  } catch (error) {
    return providerFailure(error)
  } finally {
    session.close()
  }
}
