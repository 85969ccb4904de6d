import type { IncomingHttpHeaders } from 'node:http'
import type { KeyCapability } from './capabilities'
import { CycleError, missingCapability, OAuthError } from './errors'
import type { ApiKey, CycleState } from './types'

const BEARER = /^Bearer[ ]+([^\s]+)[ ]*$/i

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/**
 * Checks a request as the platform does: a bearer API key it knows, the hub it belongs to in
 * `X-Hub-Id`, and the capability the endpoint needs. Returns the key or throws the refusal.
 */
export function authorize(
  state: CycleState,
  headers: IncomingHttpHeaders,
  capability: KeyCapability | undefined
): ApiKey {
  const authorization = header(headers, 'authorization')
  const match = authorization === undefined ? null : BEARER.exec(authorization)
  if (match?.[1] === undefined) {
    throw new OAuthError(
      authorization === undefined
        ? 'The request has no Authorization header; send "Authorization: Bearer <API key>".'
        : 'The Authorization header must be "Bearer <API key>".'
    )
  }
  const key = state.keys.find((k) => k.secret === match[1])
  if (key === undefined) {
    throw new CycleError({
      status: 401,
      code: '401.auth-invalid',
      title: 'Invalid API key',
      detail: 'The API key is unknown or has been revoked.'
    })
  }
  const hubId = header(headers, 'x-hub-id')
  if (hubId !== state.hub.id) {
    throw new CycleError({
      status: 403,
      code: '403.wrong-hub',
      title: 'Wrong hub',
      detail:
        hubId === undefined
          ? 'The request has no X-Hub-Id header; API keys act within one hub.'
          : `This API key belongs to another hub than ${hubId}.`
    })
  }
  if (capability !== undefined && !key.capabilities.has(capability)) {
    throw missingCapability(capability)
  }
  return key
}
