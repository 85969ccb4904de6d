import { z } from 'zod'
import { ACTION_VERBS, isActionVerb } from './action-args'
import { runAction } from './actions'
import type { ActionContext, ActionResult } from './actions'
import { SANDBOX_HOST, SANDBOX_VERSION, badRequest, buildEnvelope, ok } from './envelope'
import type { CommandOutcome, ConnectionInfo, QboEnvelope, QboPayload } from './envelope'
import { runGet } from './get'
import { mirrorUpdate } from './mirror'
import { cryptoRandom } from './random'
import type { QboHub } from './types'

export { badRequest } from './envelope'
export type { ActionContext, ActionResult, ProgressStep } from './actions'

/** Far above any real command line; anything bigger is garbage and answered with a 400. */
export const MAX_FRAME_CHARS = 64 * 1024
const MAX_CMD_CHARS = 4096

const Request = z.object({
  cmd: z.string().max(MAX_CMD_CHARS),
  uuid: z.string().max(256).optional()
})
// Read separately so that even a rejected request gets its caller id echoed.
const CallerOnly = z.object({ uuid: z.string().max(256) })

export type ParsedRequest =
  { ok: true; cmd: string; uuid: string } | { ok: false; uuid: string; message: string }

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'request'}: ${issue.message}`)
    .join('; ')
}

/** Validates one text frame as `{cmd, uuid}`; never throws, whatever the bytes. */
export function parseRequest(text: string): ParsedRequest {
  if (text.length > MAX_FRAME_CHARS) {
    return { ok: false, uuid: '', message: `request too large (over ${MAX_FRAME_CHARS} chars)` }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return {
      ok: false,
      uuid: '',
      message: 'malformed JSON: expected {"cmd": "...", "uuid": "..."}'
    }
  }
  const uuid = CallerOnly.safeParse(json).data?.uuid ?? ''
  const parsed = Request.safeParse(json)
  if (!parsed.success) {
    return { ok: false, uuid, message: `invalid request: ${describeIssues(parsed.error)}` }
  }
  return { ok: true, cmd: parsed.data.cmd, uuid: parsed.data.uuid ?? uuid }
}

function versionPayload(): QboPayload {
  const about = { host: SANDBOX_HOST, arch: 'x86_64' }
  return {
    version: [
      { qbo_cli: SANDBOX_VERSION, ...about },
      { qbo_api: SANDBOX_VERSION, ...about }
    ]
  }
}

/**
 * Splits a command line into tokens and the normalised `qbo …` line echoed in command_line. A
 * `get` may ask for everything as `--all` or `-A`; the reply echoes `-A`, as recorded replies do.
 */
export function tokenize(cmd: string): { tokens: string[]; commandLine: string } {
  const tokens = cmd.trim().split(/\s+/).filter(Boolean)
  // Tolerate callers that paste a whole CLI line, leading `qbo` included.
  if (tokens[0] === 'qbo') tokens.shift()
  const echoed = tokens[0] === 'get' ? tokens.map((t) => (t === '--all' ? '-A' : t)) : tokens
  return { tokens, commandLine: ['qbo', ...echoed].join(' ') }
}

/**
 * Runs one command line (without the leading `qbo`). Reads answer at once; actions change the
 * hub at once and return the steps still to run, which the caller schedules.
 */
export function executeCommand(ctx: ActionContext, cmd: string): ActionResult {
  const { tokens, commandLine } = tokenize(cmd)
  const [verb, ...args] = tokens
  const answer = (outcome: CommandOutcome): ActionResult => ({ outcome, pushes: [], steps: [] })
  if (verb === undefined) return answer(badRequest('empty command', commandLine))
  if (verb === 'version') {
    if (args.length > 0) {
      return answer(badRequest('version takes no arguments', commandLine, 'CMD_VERSION'))
    }
    return answer(ok(commandLine, 'CMD_VERSION', 'SUBCMD_VERSION', versionPayload()))
  }
  if (verb === 'get') return answer(runGet(ctx.hub, args, commandLine))
  if (isActionVerb(verb)) return runAction(ctx, verb, args, commandLine)
  const expected = `expected version, get, ${ACTION_VERBS.join(', ')}`
  return answer(badRequest(`unknown command '${verb}': ${expected}`, commandLine))
}

/** An action context with nothing armed to fail, for callers without a live sandbox. */
export function plainContext(hub: QboHub): ActionContext {
  return { hub, rand: cryptoRandom, now: Date.now, takeFailure: () => undefined }
}

/**
 * Answers one command line from the hub. An action's first answer comes back and its hub change
 * is made; its later steps are dropped (use executeCommand to run them).
 */
export function runCommand(hub: QboHub, cmd: string): CommandOutcome {
  return executeCommand(plainContext(hub), cmd).outcome
}

/** The whole request path for one text frame: validate, run, wrap in the envelope. */
export function answerFrame(
  hub: QboHub,
  text: string,
  conn: Omit<ConnectionInfo, 'uuid'>
): QboEnvelope {
  const request = parseRequest(text)
  const outcome = request.ok ? runCommand(hub, request.cmd) : badRequest(request.message)
  return buildEnvelope(outcome, { ...conn, uuid: request.uuid })
}

/** An unsolicited `get nodes`-shaped message, as a mirror pushes when watched nodes change. */
export function nodesUpdate(nodes: QboHub['nodes']): CommandOutcome {
  return mirrorUpdate(
    'nodes',
    nodes.map((node) => node.name),
    nodes
  )
}
