/** Parsing of `add|start|stop|delete cluster …` arguments; no hub access, so easy to test. */

export type ActionVerb = 'add' | 'start' | 'stop' | 'delete'
export const ACTION_VERBS: readonly ActionVerb[] = ['add', 'start', 'stop', 'delete']

export const DEFAULT_IMAGE = 'hub.docker.com/kindest/node:v1.27.2'
export const DEFAULT_WORKERS = 1
export const MAX_WORKERS = 50
// qbo's own rule for object names: up to 64 characters, starting with a letter or digit.
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
const CLUSTER_NOUNS = new Set(['cluster', 'clusters'])
// Real qbo objects the sandbox cannot act on: refused as unsupported rather than as unknown.
const OTHER_NOUNS = new Set(['node', 'nodes', 'instance', 'instances', 'network', 'networks'])

export interface AddArgs {
  names: string[]
  image: string
  workers: number
}

/** Clusters to act on: the names given, or every cluster (`-A`). */
export interface TargetArgs {
  names: string[]
  all: boolean
}

export type Parsed<T> = { ok: true; args: T } | { ok: false; message: string }

export function isActionVerb(verb: string): verb is ActionVerb {
  return (ACTION_VERBS as readonly string[]).includes(verb)
}

/** Checks `VERB cluster|clusters`; undefined when the noun is fine, else the reason. */
export function checkNoun(verb: ActionVerb, noun: string | undefined): string | undefined {
  if (noun === undefined) return `${verb} needs a resource: ${verb} cluster NAME`
  if (CLUSTER_NOUNS.has(noun)) return undefined
  if (OTHER_NOUNS.has(noun)) return `${verb} ${noun} is not supported by the Berth sandbox`
  return `unknown resource '${noun}' for ${verb}: expected cluster`
}

function checkName(name: string): string | undefined {
  if (NAME.test(name)) return undefined
  return `invalid cluster name '${name}': use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit`
}

function unique(names: string[]): string[] {
  return [...new Set(names)]
}

function workerCount(text: string | undefined): number | string {
  const value = text !== undefined && /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isInteger(value) || value < 1 || value > MAX_WORKERS) {
    const got = text === undefined ? 'nothing' : `'${text}'`
    return `-n must be a number of worker nodes from 1 to ${MAX_WORKERS}, got ${got}`
  }
  return value
}

/** `NAME… [-i IMAGE] [-n N]`, flags anywhere; the image is resolved against the hub later. */
export function parseAddArgs(args: readonly string[]): Parsed<AddArgs> {
  const names: string[] = []
  let image = DEFAULT_IMAGE
  let workers = DEFAULT_WORKERS
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '-n') {
      const count = workerCount(args[++i])
      if (typeof count === 'string') return { ok: false, message: count }
      workers = count
    } else if (arg === '-i') {
      const value = args[++i]
      if (value === undefined || value.startsWith('-')) {
        return { ok: false, message: '-i needs an image, e.g. -i ' + DEFAULT_IMAGE }
      }
      image = value
    } else if (arg.startsWith('-')) {
      return { ok: false, message: `unknown flag '${arg}' for add cluster: expected -i or -n` }
    } else {
      const invalid = checkName(arg)
      if (invalid !== undefined) return { ok: false, message: invalid }
      names.push(arg)
    }
  }
  if (names.length === 0) return { ok: false, message: 'add cluster needs a cluster NAME' }
  return { ok: true, args: { names, image, workers } }
}

/** `NAME…|-A` for start, stop and delete. */
export function parseTargetArgs(verb: ActionVerb, args: readonly string[]): Parsed<TargetArgs> {
  const names: string[] = []
  let all = false
  for (const arg of args) {
    if (arg === '-A' || arg === '--all') all = true
    else if (arg.startsWith('-')) {
      return { ok: false, message: `unknown flag '${arg}' for ${verb} cluster: expected -A` }
    } else {
      const invalid = checkName(arg)
      if (invalid !== undefined) return { ok: false, message: invalid }
      names.push(arg)
    }
  }
  if (!all && names.length === 0) {
    return { ok: false, message: `${verb} cluster needs a cluster NAME or -A` }
  }
  return { ok: true, args: { names: unique(names), all } }
}
