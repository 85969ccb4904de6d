import { failure } from './envelope'
import type { CommandOutcome } from './envelope'
import { GET_KINDS, getKindOf } from './get'
import type { GetKind } from './get'

/** What an older or narrower qbo answers: these lists and `version`, nothing else. */
export const NARROW_QBO_KINDS: readonly GetKind[] = ['nodes', 'images', 'networks']

/** Checks a `qboCommands` list (kind names or their aliases) and returns the kinds it names. */
export function parseGetKinds(words: readonly string[]): ReadonlySet<GetKind> {
  const kinds = new Set<GetKind>()
  for (const word of words) {
    const kind = getKindOf(word.trim())
    if (kind === undefined) {
      throw new RangeError(`qboCommands: unknown kind '${word}', expected ${GET_KINDS.join(', ')}`)
    }
    kinds.add(kind)
  }
  return kinds
}

/**
 * The refusal of a command this server does not know, or undefined when it answers it. No public
 * record shows a real refusal: the shape (400, `BAD_REQUEST`, `CMD_NONE`, the line echoed in
 * `output[].message`) is a guess that keeps to what protocols/qbo.md says every error has.
 */
export function narrowRefusal(
  kinds: ReadonlySet<GetKind>,
  tokens: readonly string[],
  commandLine: string
): CommandOutcome | undefined {
  const [verb, what] = tokens
  if (verb === 'version') return undefined
  if (verb === 'get') {
    const kind = getKindOf(what)
    if (kind !== undefined && kinds.has(kind)) return undefined
  }
  const line = commandLine.replace(/^qbo /, '')
  return failure(
    400,
    'BAD_REQUEST',
    [`unknown command '${line}'`],
    commandLine,
    'CMD_NONE',
    'SUBCMD_NONE'
  )
}
