import { ProviderError } from '../errors'
import { QboEnvelope, payloadSchemas, type QboPayloadKind } from './schemas'

export type QboMessage = QboEnvelope & Record<string, unknown>

/** Parses one text frame into an envelope; anything else is a protocol error. */
export function parseMessage(data: string): QboMessage {
  let json: unknown
  try {
    json = JSON.parse(data)
  } catch {
    throw new ProviderError('protocol', 'The qbo server sent a message that is not JSON')
  }
  const parsed = QboEnvelope.safeParse(json)
  if (!parsed.success) {
    throw new ProviderError(
      'protocol',
      `The qbo server sent an unexpected message: ${parsed.error.issues[0]?.message ?? 'bad envelope'}`
    )
  }
  return parsed.data as QboMessage
}

/** The explanation a failed command carries in `output[].message`. */
export function outputText(message: QboEnvelope): string {
  return (message.output ?? [])
    .map((o) => o.message)
    .filter((m): m is string => Boolean(m))
    .join('\n')
}

export const isSuccess = (message: QboEnvelope): boolean =>
  message.code === 200 && message.status.toUpperCase() === 'OK'

/** Which resource arrays a message carries (a reply or an unsolicited mirror update). */
export function payloadKinds(message: QboMessage): QboPayloadKind[] {
  return (Object.keys(payloadSchemas) as QboPayloadKind[]).filter((k) => Array.isArray(message[k]))
}

export function payload<K extends QboPayloadKind>(message: QboMessage, kind: K) {
  const parsed = payloadSchemas[kind].safeParse(message[kind])
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ProviderError(
      'protocol',
      `The qbo server sent malformed ${kind}: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`
    )
  }
  return parsed.data as ReturnType<(typeof payloadSchemas)[K]['parse']>
}

/**
 * Requests and replies are matched on the command line the server echoes: whitespace folded, and
 * `--all` read as its short form `-A` (recorded replies show either).
 */
export const normaliseCommandLine = (line: string): string =>
  line
    .trim()
    .replace(/^qbo\s+/, '')
    .split(/\s+/)
    .map((word) => (word === '--all' ? '-A' : word))
    .join(' ')
