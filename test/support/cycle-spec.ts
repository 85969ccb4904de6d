import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020'
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020'
import addFormatsModule from 'ajv-formats'
import { WebSocket } from 'ws'
import { parse } from 'yaml'

/**
 * Validates bodies against Cycle's own OpenAPI document, so that the sandbox (and anything else
 * speaking Cycle) cannot drift from the published shapes. The document is the repository's copy
 * under specs/cycle (the one `npm run gen:cycle` reads) and is never edited: its known defects are
 * patched in memory here, as its README asks.
 */
export const CYCLE_SPEC_PATH = resolve(
  import.meta.dirname,
  '../../specs/cycle/platform-images-jobs.yml'
)
const SPEC_ID = 'https://cycle.sandbox.invalid/platform-images-jobs.json'
const JSON_SCHEMA = ['content', 'application/json', 'schema']
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

export type SpecResult = { ok: true } | { ok: false; errors: string }

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function child(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined
}

function loadDocument(): Json {
  const doc: unknown = parse(readFileSync(CYCLE_SPEC_PATH, 'utf8'), { maxAliasCount: -1 })
  if (!isObject(doc)) throw new Error(`${CYCLE_SPEC_PATH} is not an OpenAPI document`)
  // Defect: `required: ["status, code, title"]` is one string; it means three names.
  const error = child(child(child(doc, 'components'), 'schemas'), 'Error')
  if (isObject(error) && Array.isArray(error.required)) {
    error.required = error.required.flatMap((name: unknown) =>
      typeof name === 'string' ? name.split(',').map((part) => part.trim()) : []
    )
  }
  // Defect: the import task "Requires the `images-import` capability", which the Capability enum
  // (that a refusal's `extra.capability` must come from) no longer lists.
  const capability = child(child(child(doc, 'components'), 'schemas'), 'Capability')
  if (isObject(capability) && Array.isArray(capability.enum)) {
    if (!capability.enum.includes('images-import')) capability.enum.push('images-import')
  }
  return { ...doc, $id: SPEC_ID }
}

// ajv-formats is CommonJS; depending on the loader its plugin is the module or its default.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as typeof addFormatsModule

const doc = loadDocument()
const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false })
addFormats(ajv)
// Cycle's 24-hex ids (Mongo ObjectIds); generic validators do not know this format.
ajv.addFormat('objectid', /^[0-9a-f]{24}$/)
ajv.addSchema(doc, SPEC_ID)
const compiled = new Map<string, ValidateFunction>()

function pointer(parts: readonly string[]): string {
  return parts.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')
}

function validatorAt(parts: readonly string[]): ValidateFunction {
  const ref = `${SPEC_ID}#/${pointer(parts)}`
  let validate = compiled.get(ref)
  if (validate === undefined) {
    validate = ajv.getSchema(ref)
    if (validate === undefined) throw new Error(`no schema at ${ref}`)
    compiled.set(ref, validate)
  }
  return validate
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map(
      (e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`
    )
    .join('\n')
}

function run(parts: readonly string[], body: unknown): SpecResult {
  const validate = validatorAt(parts)
  return validate(body) ? { ok: true } : { ok: false, errors: describeErrors(validate.errors) }
}

function operation(method: string, template: string): Json | undefined {
  const op = child(child(doc.paths, template), method.toLowerCase())
  return isObject(op) ? op : undefined
}

/** Follows a `$ref` to `#/components/responses/...`, returning where the response really lives. */
function responsePath(parts: string[]): string[] {
  const ref = child(
    parts.reduce<unknown>((node, key) => child(node, key), doc),
    '$ref'
  )
  if (typeof ref !== 'string') return parts
  if (!ref.startsWith('#/')) throw new Error(`external response $ref ${ref} is not supported`)
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
}

function isDescriptorResponse(response: unknown): boolean {
  const schema = child(child(child(response, 'content'), 'application/json'), 'schema')
  const ref = child(child(child(schema, 'properties'), 'data'), '$ref')
  return ref === '#/components/schemas/JobDescriptor'
}

/** RFC 6750 body; Error's description says authentication errors follow the OAuth spec. */
function isOAuthError(body: unknown): boolean {
  return (
    isObject(body) &&
    typeof body.error === 'string' &&
    typeof body.error_description === 'string' &&
    Object.keys(body).every((key) => key === 'error' || key === 'error_description')
  )
}

function errorEnvelope(body: unknown): SpecResult {
  return run(['components', 'responses', 'DefaultError', ...JSON_SCHEMA], body)
}

/**
 * Checks a response body against the operation's declared response for `status`, falling back
 * to `default` for errors. `pathTemplate` null means no operation matched (e.g. `404.uri`): only
 * the general error envelope applies then.
 */
export function validateResponse(
  method: string,
  pathTemplate: string | null,
  status: number,
  body: unknown
): SpecResult {
  if (status === 401 && isOAuthError(body)) return { ok: true }
  if (pathTemplate === null) {
    if (status < 400) return { ok: false, errors: `${status} answer for a path the spec lacks` }
    return errorEnvelope(body)
  }
  const op = operation(method, pathTemplate)
  if (op === undefined) return { ok: false, errors: `spec has no ${method} ${pathTemplate}` }
  const responses = isObject(op.responses) ? op.responses : {}
  const base = ['paths', pathTemplate, method.toLowerCase(), 'responses']
  let key: string | undefined = String(status) in responses ? String(status) : undefined
  if (key === undefined && status >= 200 && status < 300) {
    // Defect: descriptors are documented as 200 for some actions and 202 for others; any 2xx.
    key = Object.keys(responses).find(
      (k) => /^2\d\d$/.test(k) && isDescriptorResponse(responses[k])
    )
  }
  if (key === undefined && status >= 400 && 'default' in responses) key = 'default'
  if (key === undefined) {
    return { ok: false, errors: `${method} ${pathTemplate} does not document status ${status}` }
  }
  return run([...responsePath([...base, key]), ...JSON_SCHEMA], body)
}

/** Checks a request body against the operation's `requestBody` (absent body: only if allowed). */
export function validateRequest(method: string, pathTemplate: string, body: unknown): SpecResult {
  const op = operation(method, pathTemplate)
  if (op === undefined) return { ok: false, errors: `spec has no ${method} ${pathTemplate}` }
  const requestBody = op.requestBody
  if (!isObject(requestBody)) {
    return body === undefined ? { ok: true } : { ok: false, errors: 'operation takes no body' }
  }
  if (body === undefined) {
    return requestBody.required === true ? { ok: false, errors: 'body required' } : { ok: true }
  }
  const method_ = method.toLowerCase()
  return run(['paths', pathTemplate, method_, 'requestBody', ...JSON_SCHEMA], body)
}

interface Template {
  template: string
  pattern: RegExp
  /** Literal-segment flags: at the first difference a literal beats a `{param}`. */
  literals: boolean[]
  methods: Set<string>
}

const templates: Template[] = Object.entries(isObject(doc.paths) ? doc.paths : {}).map(
  ([template, item]) => {
    const segments = template.split('/')
    const source = segments
      .map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')
    return {
      template,
      pattern: new RegExp(`^${source}$`),
      literals: segments.map((s) => !s.startsWith('{')),
      methods: new Set(METHODS.filter((m) => isObject(child(item, m))))
    }
  }
)

function moreSpecific(a: Template, b: Template): number {
  for (let i = 0; i < Math.max(a.literals.length, b.literals.length); i++) {
    const x = a.literals[i] === true ? 1 : 0
    const y = b.literals[i] === true ? 1 : 0
    if (x !== y) return y - x
  }
  return 0
}

/** The spec's path template for a concrete path (query ignored), or null if none declares it. */
export function matchPath(method: string, concretePath: string): string | null {
  const path = concretePath.split('?')[0] ?? ''
  const m = method.toLowerCase()
  const hits = templates.filter((t) => t.methods.has(m) && t.pattern.test(path))
  return hits.sort(moreSpecific)[0]?.template ?? null
}

export interface CheckedResponse {
  status: number
  body: unknown
  /** The spec path template the request matched, null when the spec has no such operation. */
  template: string | null
  headers: Headers
}

/**
 * fetch() whose JSON answer must satisfy the spec for its method, path and status: tests built
 * on it fail as soon as the emulator's answers drift from Cycle's document.
 */
export async function fetchValidated(
  url: string,
  init: RequestInit = {}
): Promise<CheckedResponse> {
  const method = (init.method ?? 'GET').toUpperCase()
  const response = await fetch(url, init)
  const text = await response.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new Error(`${method} ${url} answered ${response.status} with non-JSON: ${text}`)
  }
  const template = matchPath(method, new URL(url).pathname)
  const result = validateResponse(method, template, response.status, body)
  if (!result.ok) {
    throw new Error(
      `${method} ${url} → ${response.status} breaks the spec (${template}):\n${result.errors}\n` +
        JSON.stringify(body, null, 2).slice(0, 4000)
    )
  }
  return { status: response.status, body, template, headers: response.headers }
}

export interface CycleCredentials {
  /** Base URL the `/v1/...` paths hang off. */
  url: string
  apiKey: string
  hubId: string
}

export interface CallOptions {
  /** Another key instead of the client's; null sends no Authorization header. */
  key?: string | null
  /** Another hub id; null sends no X-Hub-Id header. */
  hubId?: string | null
  headers?: Record<string, string>
  /** Sent verbatim instead of JSON-encoding `body` (for malformed bodies). */
  raw?: string
}

/** A Cycle API caller whose every answer, success or error, must satisfy the spec. */
export function createCycleClient(credentials: CycleCredentials) {
  return async <T>(method: string, path: string, body?: unknown, options: CallOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers }
    const key = options.key === undefined ? credentials.apiKey : options.key
    const hubId = options.hubId === undefined ? credentials.hubId : options.hubId
    if (key !== null) headers.Authorization = `Bearer ${key}`
    if (hubId !== null) headers['X-Hub-Id'] = hubId
    const text = options.raw ?? (body === undefined ? undefined : JSON.stringify(body))
    if (text !== undefined) headers['Content-Type'] = 'application/json'
    const response = await fetchValidated(`${credentials.url}${path}`, {
      method,
      headers,
      body: text
    })
    return { status: response.status, body: response.body as T }
  }
}

export type CycleClient = ReturnType<typeof createCycleClient>

/** The parts of a hub notification tests look at. */
export interface Notification {
  topic: string
  object: { id: string; state?: string; error?: string }
}

/** A notification socket that keeps every message and resolves waits on matching ones. */
export interface NotificationSocket<N extends Notification = Notification> {
  ws: WebSocket
  messages: N[]
  /** The first message (already received or still to come) that satisfies `match`. */
  next(match: (n: N) => boolean): Promise<N>
}

/** Opens the hub notification socket at `url` (with its `?token=`); rejects if refused. */
export async function connectNotifications<N extends Notification = Notification>(
  url: string
): Promise<NotificationSocket<N>> {
  const ws = new WebSocket(url)
  const messages: N[] = []
  const waiters: { match: (n: N) => boolean; resolve: (n: N) => void }[] = []
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as N
    messages.push(message)
    for (const waiter of [...waiters]) {
      if (!waiter.match(message)) continue
      waiters.splice(waiters.indexOf(waiter), 1)
      waiter.resolve(message)
    }
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return {
    ws,
    messages,
    next: (match) => {
      const seen = messages.find(match)
      if (seen !== undefined) return Promise.resolve(seen)
      return new Promise((resolve) => waiters.push({ match, resolve }))
    }
  }
}

const NOTIFICATIONS_PATH = '/v1/hubs/current/notifications'

/** The socket URL for a notification token (`ws://` beside the REST base). */
export function notificationsUrl(base: string, token?: string): string {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`
  return `${base.replace(/^http/, 'ws')}${NOTIFICATIONS_PATH}${query}`
}

/** The documented two steps: GET a token with the API key, then upgrade with `?token=`. */
export async function listenNotifications<N extends Notification = Notification>(
  credentials: CycleCredentials
): Promise<NotificationSocket<N>> {
  const answer = await createCycleClient(credentials)<{ data: { token: string } }>(
    'GET',
    NOTIFICATIONS_PATH
  )
  return connectNotifications<N>(notificationsUrl(credentials.url, answer.body.data.token))
}
