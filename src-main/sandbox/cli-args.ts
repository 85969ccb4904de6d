import { parseArgs } from 'node:util'
import { MAX_SCALE_IMAGES, MAX_SCALE_JOBS } from './cycle/seed-scale'
import { GET_KINDS, getKindOf } from './qbo/get'
import { NARROW_QBO_KINDS } from './qbo/narrow'
import { MAX_NODES_PER_CLUSTER, MAX_SEED_CLUSTERS } from './qbo/seed'

export interface SandboxArgs {
  json: boolean
  help: boolean
  port: number
  token?: string
  seed?: number
  clusters?: number
  nodesPerCluster?: number
  cycleImages?: number
  cycleJobs?: number
  stepMs?: number
  keyFile?: string
  cycleKey?: string
  /** qbo answers only these `get` kinds and `version` (set by --qbo-commands or --qbo-narrow). */
  qboCommands?: string[]
  cycleStateWithoutCurrent?: boolean
}

export type SandboxArgsResult = { ok: true; args: SandboxArgs } | { ok: false; error: string }

export const SANDBOX_USAGE =
  'usage: sandbox [--json] [--port N] [--token T] [--seed N] [--clusters N] ' +
  '[--nodes-per-cluster N] [--cycle-images N] [--cycle-jobs N] [--step-ms N] ' +
  '[--key-file FILE] [--cycle-key K] [--qbo-narrow | --qbo-commands KIND,KIND…] ' +
  '[--cycle-state-without-current] [--help]'
// Upper bound of --step-ms: ten minutes a step is already far too slow to be useful.
const MAX_STEP_MS = 600_000

// The token travels in a cookie; keeping it to URL-safe characters means no client must encode it.
const TOKEN = /^[A-Za-z0-9._~-]{1,512}$/
// The Cycle key travels as an RFC 6750 bearer token, whose characters these are.
const BEARER_TOKEN = /^[A-Za-z0-9._~+/-]{1,512}=*$/

function integer(flag: string, text: string, min: number, max: number): number | string {
  const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    return `--${flag} must be an integer from ${min} to ${max}, got '${text}'`
  }
  return value
}

function readFlags(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      port: { type: 'string' },
      token: { type: 'string' },
      seed: { type: 'string' },
      clusters: { type: 'string' },
      'nodes-per-cluster': { type: 'string' },
      'cycle-images': { type: 'string' },
      'cycle-jobs': { type: 'string' },
      'step-ms': { type: 'string' },
      'key-file': { type: 'string' },
      'cycle-key': { type: 'string' },
      'qbo-narrow': { type: 'boolean' },
      'qbo-commands': { type: 'string' },
      'cycle-state-without-current': { type: 'boolean' }
    }
  }).values
}

/** Parses the sandbox command line without side effects, so that bad flags can be unit tested. */
export function parseSandboxArgs(argv: readonly string[]): SandboxArgsResult {
  let values: ReturnType<typeof readFlags>
  try {
    values = readFlags(argv)
  } catch (error) {
    // parseArgs throws on unknown flags, missing values and positionals, with a readable message.
    const message = error instanceof Error ? error.message : String(error)
    // Some parseArgs messages span lines; the CLI promises a single error line.
    return { ok: false, error: message.replace(/\s+/g, ' ').trim() }
  }

  const args: SandboxArgs = { json: values.json, help: values.help, port: 0 }
  const numbers = [
    ['port', 'port', values.port, 0, 65535],
    ['seed', 'seed', values.seed, -(2 ** 31), 2 ** 32 - 1],
    ['clusters', 'clusters', values.clusters, 0, MAX_SEED_CLUSTERS],
    ['nodes-per-cluster', 'nodesPerCluster', values['nodes-per-cluster'], 1, MAX_NODES_PER_CLUSTER],
    ['cycle-images', 'cycleImages', values['cycle-images'], 0, MAX_SCALE_IMAGES],
    ['cycle-jobs', 'cycleJobs', values['cycle-jobs'], 0, MAX_SCALE_JOBS],
    ['step-ms', 'stepMs', values['step-ms'], 0, MAX_STEP_MS]
  ] as const
  for (const [flag, key, text, min, max] of numbers) {
    if (text === undefined) continue
    const value = integer(flag, text, min, max)
    if (typeof value === 'string') return { ok: false, error: value }
    args[key] = value
  }
  const keyFile = values['key-file']
  if (keyFile !== undefined) {
    if (keyFile.trim() === '') return { ok: false, error: '--key-file needs a file path' }
    args.keyFile = keyFile
  }
  if (values.token !== undefined) {
    if (!TOKEN.test(values.token)) {
      return { ok: false, error: '--token must be 1 to 512 characters of A-Z a-z 0-9 . _ ~ -' }
    }
    args.token = values.token
  }
  const cycleKey = values['cycle-key']
  if (cycleKey !== undefined) {
    if (!BEARER_TOKEN.test(cycleKey)) {
      return {
        ok: false,
        error: '--cycle-key must be a bearer token: A-Z a-z 0-9 . _ ~ + / - then any ='
      }
    }
    args.cycleKey = cycleKey
  }
  const commands = values['qbo-commands']
  if (values['qbo-narrow'] === true && commands !== undefined) {
    return { ok: false, error: '--qbo-narrow and --qbo-commands are alternatives: give one' }
  }
  if (values['qbo-narrow'] === true) args.qboCommands = [...NARROW_QBO_KINDS]
  if (commands !== undefined) {
    const kinds = commands.split(',').map((word) => word.trim())
    const unknown = kinds.filter((word) => getKindOf(word) === undefined)
    if (unknown.length > 0 || commands.trim() === '') {
      return {
        ok: false,
        error: `--qbo-commands takes a comma list of ${GET_KINDS.join(', ')}, got '${commands}'`
      }
    }
    args.qboCommands = kinds
  }
  if (values['cycle-state-without-current'] === true) args.cycleStateWithoutCurrent = true
  return { ok: true, args }
}
