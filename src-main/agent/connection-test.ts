import { fail, ok, type ConnectionReport, type Result } from '@contract'
import { ProviderError } from '../providers/errors'
import { QboSession } from '../providers/qbo/session'
import type { SessionSink } from '../providers/session'
import { CycleApi } from '../providers/cycle/api'
import type { AccountSpec, CycleAccountSpec } from '../store/account-spec'

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

/** Connects once with the given credentials and says what answered, or why nothing did. */
export function testConnection(spec: AccountSpec): Promise<Result<ConnectionReport>> {
  return spec.kind === 'qbo' ? testQbo(spec) : testCycle(spec)
}

/**
 * A Cycle key is checked against the hub, then against each capability Berth needs to show the
 * hub, so a missing one is named rather than discovered later.
 */
async function testCycle(spec: CycleAccountSpec): Promise<Result<ConnectionReport>> {
  const api = new CycleApi(spec, { timeoutMs: 10_000, pageSize: 1 })
  try {
    const hub = await api.hub()
    await api.images()
    await api.sources()
    await api.jobs(1)
    return ok({ version: 'Cycle API v1', user: `hub “${hub.name}”`, host: new URL(spec.url).host })
  } catch (error) {
    return providerFailure(error)
  }
}

/** Connects once, asks qbo for its `version`, and hangs up. */
async function testQbo(
  spec: Extract<AccountSpec, { kind: 'qbo' }>
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
