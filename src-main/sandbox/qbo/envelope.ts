import { randomUUID } from 'node:crypto'
import { apicommandFor, sourceLineFor } from './envelope-origin'
import { SANDBOX_USER } from './types'
import type {
  Mirrored,
  QboCluster,
  QboImage,
  QboIpvs,
  QboNetwork,
  QboNode,
  QboPod,
  QboService
} from './types'

export const SANDBOX_VERSION = 'sandbox-4.3.0'
export const SANDBOX_HOST = 'sandbox.qbo.local'
export const SANDBOX_AGENT = `qbo-thread/${SANDBOX_VERSION}-berth`

/** Field names of version objects changed across releases, so they stay an open map. */
export type QboVersion = Record<string, string>

/** A log line of a command: progress, an error's explanation. */
export interface QboMessage {
  message: string
}

/** What `get cluster NAME -k` puts in output[] instead of log lines. */
export interface QboKubeconfig {
  kubeconfig: string
}

/**
 * Exactly one of these arrays rides in each envelope, as on the real server. Resource arrays may
 * carry removed objects (`state: "deleted"`) when a mirror pushes them.
 */
export type QboPayload =
  | { nodes: Mirrored<QboNode>[] }
  | { images: QboImage[] }
  | { networks: Mirrored<QboNetwork>[] }
  | { clusters: Mirrored<QboCluster>[] }
  | { pods: Mirrored<QboPod>[] }
  | { services: Mirrored<QboService>[] }
  | { ipvs: Mirrored<QboIpvs>[] }
  | { version: QboVersion[] }
  | { output: (QboMessage | QboKubeconfig)[] }

export interface QboEnvelopeFields {
  timestamp: number
  status: string
  code: number
  command_id: string
  command_line: string
  command: string
  subcommand: string
  apicommand: string
  uuid: string
  user: string
  agent: string
  peer: string
  host: string
  source: string
  wsi: string
  thread_id: number
  vhost: string
}

/**
 * `done` is a Berth-sandbox extension on the last message of a long command; real qbo is not
 * known to send it, so clients must not depend on it.
 */
export type QboEnvelope = QboEnvelopeFields & QboPayload & { done?: true }

/** What the command layer decides: everything in the envelope that depends on the command. */
export interface CommandOutcome {
  status: string
  code: number
  commandLine: string
  command: string
  subcommand: string
  payload: QboPayload
  /** Marks the last message of a long command (see QboEnvelope). */
  done?: boolean
}

/** What the connection adds: who asked, and which socket and thread (libwebsockets-style). */
export interface ConnectionInfo {
  uuid: string
  peer: string
  wsi: string
  threadId: number
}

/** Microseconds since the epoch; the real server stamps messages with µs precision. */
export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000)
}

/**
 * Wraps an outcome for one connection. Every message of one command (the reply and its progress
 * lines) shares `commandId`, since the server's command_id names the command, not the message.
 */
export function buildEnvelope(
  outcome: CommandOutcome,
  conn: ConnectionInfo,
  commandId: string = randomUUID()
): QboEnvelope {
  const fields: QboEnvelopeFields = {
    timestamp: nowMicros(),
    status: outcome.status,
    code: outcome.code,
    command_id: commandId,
    command_line: outcome.commandLine,
    command: outcome.command,
    subcommand: outcome.subcommand,
    apicommand: apicommandFor(outcome.command, outcome.subcommand),
    uuid: conn.uuid,
    user: SANDBOX_USER,
    agent: SANDBOX_AGENT,
    peer: conn.peer,
    host: SANDBOX_HOST,
    source: sourceLineFor(outcome.command, outcome.code),
    wsi: conn.wsi,
    thread_id: conn.threadId,
    vhost: 'proxy'
  }
  return { ...fields, ...outcome.payload, ...(outcome.done === true ? { done: true } : {}) }
}

export function ok(
  commandLine: string,
  command: string,
  subcommand: string,
  payload: QboPayload
): CommandOutcome {
  return { status: 'OK', code: 200, commandLine, command, subcommand, payload }
}

/** An error answer: non-200 code, non-"OK" status, the reasons as output[] lines. */
export function failure(
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

export function badRequest(
  message: string,
  commandLine = 'qbo',
  command = 'CMD_NONE',
  subcommand = 'SUBCMD_NONE'
): CommandOutcome {
  return failure(400, 'BAD_REQUEST', [message], commandLine, command, subcommand)
}

export function notFound(
  messages: string[],
  commandLine: string,
  command: string,
  subcommand: string
): CommandOutcome {
  return failure(404, 'NOT_FOUND', messages, commandLine, command, subcommand)
}
