import type { KeyCapability } from './capabilities'

/** The platform's error object (`components/schemas/Error`). */
export interface CycleErrorBody {
  status: number
  code: string
  title: string
  detail?: string
  /** RFC 6901 pointer to the offending input. */
  source?: string
  extra?: { capability?: KeyCapability }
}

/** Thrown by handlers; the router turns it into `{error, data: null}` with its status. */
export class CycleError extends Error {
  readonly body: CycleErrorBody

  constructor(body: CycleErrorBody) {
    super(`${body.code}: ${body.title}`)
    this.body = body
  }
}

/** Some 401s follow OAuth (RFC 6750) instead of the envelope; Error's description says so. */
export class OAuthError extends Error {
  constructor(readonly description: string) {
    super(description)
  }
}

export function envelope(body: CycleErrorBody): { error: CycleErrorBody; data: null } {
  return { error: body, data: null }
}

export const notFound = (code: string, title: string, detail?: string) =>
  new CycleError({ status: 404, code, title, ...(detail === undefined ? {} : { detail }) })

export const uriNotFound = (method: string, path: string) =>
  notFound('404.uri', 'Resource not found', `No route for ${method} ${path}.`)

export const invalidInput = (source: string, detail: string) =>
  new CycleError({ status: 422, code: '422.invalid-input', title: 'Invalid input', detail, source })

export const missingArgument = (source: string, detail: string) =>
  new CycleError({
    status: 422,
    code: '422.missing-argument',
    title: 'Missing argument',
    detail,
    source
  })

export const invalidArgument = (detail: string, source?: string) =>
  new CycleError({
    status: 422,
    code: '422.invalid-argument',
    title: 'Invalid argument',
    detail,
    ...(source === undefined ? {} : { source })
  })

export const invalidState = (detail: string) =>
  new CycleError({ status: 403, code: '403.invalid-state', title: 'Invalid state', detail })

export const missingCapability = (capability: KeyCapability) =>
  new CycleError({
    status: 403,
    code: '403.permissions',
    title: 'Insufficient permissions',
    detail: `This API key's role lacks the ${capability} capability.`,
    extra: { capability }
  })
