import { z } from 'zod'
import { SANDBOX_HOST, SANDBOX_VERSION, buildEnvelope } from './envelope'
import type { CommandOutcome, ConnectionInfo, QboEnvelope, QboPayload } from './envelope'
import type { QboHub } from './seed'

/** Far above any real command line; anything bigger is garbage and answered with a 400. */
export const MAX_FRAME_CHARS = 64 * 1024
const MAX_CMD_CHARS = 4096
// qbo's own limit on object names.
const MAX_NAME_CHARS = 64

const Request = z.object({
  cmd: z.string().max(MAX_CMD_CHARS),
  uuid: z.string().max(256).optional()
})
// Read separately so that even a rejected request gets its caller id echoed.
const CallerOnly = z.object({ uuid: z.string().max(256) })

export type ParsedRequest =
  { ok: true; cmd: string; uuid: string } | { ok: false; uuid: string; message: string }

type Kind = 'nodes' | 'images' | 'networks' | 'clusters'

const KINDS: Record<string, { kind: Kind; subcommand: string; noun: string }> = {
  node: { kind: 'nodes', subcommand: 'SUBCMD_NODE', noun: 'node' },
  nodes: { kind: 'nodes', subcommand: 'SUBCMD_NODE', noun: 'node' },
  image: { kind: 'images', subcommand: 'SUBCMD_IMAGE', noun: 'image' },
  images: { kind: 'images', subcommand: 'SUBCMD_IMAGE', noun: 'image' },
  net: { kind: 'networks', subcommand: 'SUBCMD_NETWORK', noun: 'network' },
  network: { kind: 'networks', subcommand: 'SUBCMD_NETWORK', noun: 'network' },
  networks: { kind: 'networks', subcommand: 'SUBCMD_NETWORK', noun: 'network' },
  cluster: { kind: 'clusters', subcommand: 'SUBCMD_CLUSTER', noun: 'cluster' },
  clusters: { kind: 'clusters', subcommand: 'SUBCMD_CLUSTER', noun: 'cluster' }
}

// Real qbo commands the sandbox does not emulate: refused clearly rather than as "unknown".
const UNSUPPORTED_VERBS = new Set(['add', 'delete', 'start', 'stop'])
const UNSUPPORTED_KINDS = new Set([
  'pod',
  'pods',
  'service',
  'services',
  'svc',
  'ipvs',
  'user',
  'users',
  'instance',
  'instances',
  'acme'
])

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

export function badRequest(
  message: string,
  commandLine = 'qbo',
  command = 'CMD_NONE'
): CommandOutcome {
  return failure(400, 'BAD_REQUEST', [message], commandLine, command, 'SUBCMD_NONE')
}

function failure(
  code: number,
  status: string,
  messages: string[],
  commandLine: string,
  command: string,
  subcommand: string
): CommandOutcome {
  const payload: QboPayload = { output: messages.map((message) => ({ message })) }
  return { status, code, commandLine, command, subcommand, payload }
}

function ok(
  commandLine: string,
  command: string,
  subcommand: string,
  payload: QboPayload
): CommandOutcome {
  return { status: 'OK', code: 200, commandLine, command, subcommand, payload }
}

function select<T extends { name: string }>(items: T[], names: string[]) {
  if (names.length === 0) return { found: items, missing: [] }
  const wanted = new Set(names)
  const found = items.filter((item) => wanted.has(item.name))
  const present = new Set(found.map((item) => item.name))
  return { found, missing: [...wanted].filter((name) => !present.has(name)) }
}

function listing(
  hub: QboHub,
  kind: Kind,
  names: string[]
): { missing: string[]; payload: QboPayload } {
  switch (kind) {
    case 'nodes': {
      const { found, missing } = select(hub.nodes, names)
      return { missing, payload: { nodes: found } }
    }
    case 'images': {
      const { found, missing } = select(hub.images, names)
      return { missing, payload: { images: found } }
    }
    case 'networks': {
      const { found, missing } = select(hub.networks, names)
      return { missing, payload: { networks: found } }
    }
    case 'clusters': {
      const { found, missing } = select(hub.clusters, names)
      return { missing, payload: { clusters: found } }
    }
  }
}

function runGet(hub: QboHub, args: string[], commandLine: string): CommandOutcome {
  const [what, ...rest] = args
  if (what === undefined) {
    return badRequest('get needs a resource: nodes, images, networks or clusters', commandLine)
  }
  const spec = KINDS[what]
  if (spec === undefined) {
    const message = UNSUPPORTED_KINDS.has(what)
      ? `get ${what} is not supported by the Berth sandbox`
      : `unknown resource '${what}': expected nodes, images, networks or clusters`
    return badRequest(message, commandLine, 'CMD_GET')
  }
  const names: string[] = []
  for (const arg of rest) {
    // -A and "no names" mean the same here: the sandbox has a single user who owns everything.
    if (arg === '-A' || arg === '--all') continue
    if (arg.startsWith('-')) {
      return badRequest(`unknown flag '${arg}' for get ${what}`, commandLine, 'CMD_GET')
    }
    if (arg.length > MAX_NAME_CHARS) {
      return badRequest(`name too long (over ${MAX_NAME_CHARS} chars)`, commandLine, 'CMD_GET')
    }
    names.push(arg)
  }
  const { missing, payload } = listing(hub, spec.kind, names)
  if (missing.length > 0) {
    const messages = missing.map((name) => `${spec.noun} '${name}' not found`)
    return failure(404, 'NOT_FOUND', messages, commandLine, 'CMD_GET', spec.subcommand)
  }
  // Copies, so a later mutation of the hub cannot change an answer already handed out.
  return ok(commandLine, 'CMD_GET', spec.subcommand, structuredClone(payload))
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

/** Answers one command line (without the leading `qbo`) from the hub. Pure apart from reads. */
export function runCommand(hub: QboHub, cmd: string): CommandOutcome {
  const tokens = cmd.trim().split(/\s+/).filter(Boolean)
  // Tolerate callers that paste a whole CLI line, leading `qbo` included.
  if (tokens[0] === 'qbo') tokens.shift()
  const commandLine = ['qbo', ...tokens].join(' ')
  const [verb, ...args] = tokens
  if (verb === undefined) return badRequest('empty command', commandLine)
  if (verb === 'version') {
    if (args.length > 0) return badRequest('version takes no arguments', commandLine, 'CMD_VERSION')
    return ok(commandLine, 'CMD_VERSION', 'SUBCMD_VERSION', versionPayload())
  }
  if (verb === 'get') return runGet(hub, args, commandLine)
  if (UNSUPPORTED_VERBS.has(verb)) {
    const command = `CMD_${verb.toUpperCase()}`
    return badRequest(`${verb} is not supported by the Berth sandbox`, commandLine, command)
  }
  return badRequest(`unknown command '${verb}': expected version or get`, commandLine)
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
  const commandLine = ['qbo', 'get', 'nodes', ...nodes.map((node) => node.name)].join(' ')
  return ok(commandLine, 'CMD_GET', 'SUBCMD_NODE', { nodes: structuredClone(nodes) })
}
