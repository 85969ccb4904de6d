import { randomUUID } from 'node:crypto'
import { SANDBOX_USER } from './seed'
import type { QboCluster, QboImage, QboNetwork, QboNode } from './seed'

export const SANDBOX_VERSION = 'sandbox-4.3.0'
export const SANDBOX_HOST = 'sandbox.qbo.local'
export const SANDBOX_AGENT = `qbo-thread/${SANDBOX_VERSION}-berth`

/** Field names of version objects changed across releases, so they stay an open map. */
export type QboVersion = Record<string, string>

export interface QboMessage {
  message: string
}

/** Exactly one of these arrays rides in each envelope, as on the real server. */
export type QboPayload =
  | { nodes: QboNode[] }
  | { images: QboImage[] }
  | { networks: QboNetwork[] }
  | { clusters: QboCluster[] }
  | { version: QboVersion[] }
  | { output: QboMessage[] }

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

export type QboEnvelope = QboEnvelopeFields & QboPayload

/** What the command layer decides: everything in the envelope that depends on the command. */
export interface CommandOutcome {
  status: string
  code: number
  commandLine: string
  command: string
  subcommand: string
  payload: QboPayload
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

export function buildEnvelope(outcome: CommandOutcome, conn: ConnectionInfo): QboEnvelope {
  const fields: QboEnvelopeFields = {
    timestamp: nowMicros(),
    status: outcome.status,
    code: outcome.code,
    command_id: randomUUID(),
    command_line: outcome.commandLine,
    command: outcome.command,
    subcommand: outcome.subcommand,
    apicommand: 'APICMD_NONE',
    uuid: conn.uuid,
    user: SANDBOX_USER,
    agent: SANDBOX_AGENT,
    peer: conn.peer,
    host: SANDBOX_HOST,
    source: 'qbo.c:7147',
    wsi: conn.wsi,
    thread_id: conn.threadId,
    vhost: 'proxy'
  }
  return { ...fields, ...outcome.payload }
}
