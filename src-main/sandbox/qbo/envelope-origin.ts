/**
 * What a real server puts in `apicommand` and `source` for each command. The seed document's three
 * pairs are the only record: `get nodes`, `get images` and `get networks` all came from
 * `qbo.c:7147`, and `get images` alone carried `APICMD_REGISTRY_AUTH` (the server asks the
 * registry for its tags). Everything else below is a guess, marked as one, so that clients meet
 * envelopes that vary by command as a real server's do instead of one constant.
 */

/** The C source line the seed document shows for every `get`. */
const GET_SOURCE = 'qbo.c:7147'

// Guesses: plausible file:line pairs of a C server on libwebsockets, one per kind of work.
const GUESSED_SOURCES: Record<string, string> = {
  CMD_VERSION: 'qbo.c:6918',
  CMD_ADD: 'cluster.c:1284',
  CMD_START: 'cluster.c:1502',
  CMD_STOP: 'cluster.c:1561',
  CMD_DELETE: 'cluster.c:1633'
}
/** Guess: refusals come from the command parser, before any handler runs. */
const ERROR_SOURCE = 'qbo.c:6874'

export function sourceLineFor(command: string, code: number): string {
  if (code >= 400) return ERROR_SOURCE
  if (command === 'CMD_GET') return GET_SOURCE
  return GUESSED_SOURCES[command] ?? GET_SOURCE
}

/** `get images` is answered after a registry lookup; the seed shows nothing else using one. */
export function apicommandFor(command: string, subcommand: string): string {
  return command === 'CMD_GET' && subcommand === 'SUBCMD_IMAGE'
    ? 'APICMD_REGISTRY_AUTH'
    : 'APICMD_NONE'
}
