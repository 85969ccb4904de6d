import { fail, ok, type ConnectionReport, type Result } from '@contract'
import { ProviderError } from '../providers/errors'
import { QboSession } from '../providers/qbo/session'
import { ignoringSink } from '../providers/session'
import { CycleApi } from '../providers/cycle/api'
import type { AccountSpec, CycleAccountSpec } from '../store/account-spec'
import { timerMs } from './backoff'

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

export interface ConnectionTestOptions {
  /** The whole test, however the server behaves: the user is waiting for an answer. */
  timeoutMs?: number
}

const TEST_TIMEOUT_MS = 15_000

/**
 * Connects once with the given credentials and says what answered, or why nothing did, within
 * `timeoutMs` in all: a server that accepts and then trickles (or says nothing) gets an answer too.
 */
export async function testConnection(
  spec: AccountSpec,
  { timeoutMs = TEST_TIMEOUT_MS }: ConnectionTestOptions = {}
): Promise<Result<ConnectionReport>> {
  const deadline = new AbortController()
  const test =
    spec.kind === 'qbo' ? testQbo(spec, timeoutMs, deadline.signal) : testCycle(spec, timeoutMs)
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<Result<ConnectionReport>>((resolve) => {
    timer = setTimeout(() => {
      deadline.abort()
      resolve(
        fail(
          'unavailable',
          `${spec.url} gave no complete answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}; check the address, or try again when the server is less busy`,
          true
        )
      )
    }, timerMs(timeoutMs))
  })
  try {
    return await Promise.race([test, late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * A Cycle key is checked against the hub, then against each capability Berth needs to show the
 * hub, so a missing one is named rather than discovered later. One entry of each list proves
 * the capability: a hub's whole catalogue is not read for that.
 */
async function testCycle(
  spec: CycleAccountSpec,
  timeoutMs: number
): Promise<Result<ConnectionReport>> {
  // Each request is bounded too, so nothing is left running long after the answer.
  const api = new CycleApi(spec, { timeoutMs })
  try {
    const hub = await api.hub()
    await api.images({ limit: 1 })
    await api.sources({ limit: 1 })
    await api.jobs({ limit: 1 })
    return ok({ version: 'Cycle API v1', user: `hub “${hub.name}”`, host: new URL(spec.url).host })
  } catch (error) {
    return providerFailure(error)
  }
}

/** Connects once, asks qbo for its `version`, and hangs up. */
async function testQbo(
  spec: Extract<AccountSpec, { kind: 'qbo' }>,
  timeoutMs: number,
  deadline: AbortSignal
): Promise<Result<ConnectionReport>> {
  const session = new QboSession(
    { url: spec.url, auth: spec.auth, protocol: spec.protocol },
    ignoringSink,
    { connectTimeoutMs: timeoutMs, requestTimeoutMs: timeoutMs }
  )
  // Past the deadline nobody waits for this session any more: hang it up.
  deadline.addEventListener('abort', () => session.close(), { once: true })
  try {
    await session.connect()
    return ok(await session.version())
  } catch (error) {
    return providerFailure(error)
  } finally {
    session.close()
  }
}
