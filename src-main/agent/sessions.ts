import { CycleSession, type CycleSessionOptions } from '../providers/cycle/session'
import { QboSession } from '../providers/qbo/session'
import type { SessionSink } from '../providers/session'
import type { AccountSpec } from '../store/account-spec'

export type PlatformSession = QboSession | CycleSession

/** The live session for an account, by platform. */
export function openSession(
  spec: AccountSpec,
  sink: SessionSink,
  cycle: CycleSessionOptions = {}
): PlatformSession {
  return spec.kind === 'qbo'
    ? new QboSession({ url: spec.url, auth: spec.auth, protocol: spec.protocol }, sink)
    : new CycleSession({ url: spec.url, apiKey: spec.apiKey, hubId: spec.hubId }, sink, cycle)
}
