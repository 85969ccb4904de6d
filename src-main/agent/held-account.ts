import type { AccountStatus } from '@contract'
import { ignoringSink, type ProviderSession } from '../providers/session'
import type { AccountSpec } from '../store/account-spec'
import type { UnreadableAccount } from '../store/account-store'
import { AccountRunner } from './account-runner'
import type { LiveAccount } from './agent-port'
import { openSession } from './sessions'

/**
 * The runner of an account whose secret cannot be opened: it never connects (there is nothing
 * to connect with), and reconnecting changes nothing. Its status says why and what to do.
 */
class HeldRunner extends AccountRunner {
  private readonly held: AccountStatus

  constructor(session: ProviderSession, reason: string, since: number) {
    super(session, { status() {}, syncError() {} })
    this.held = { state: 'auth-failed', since, reason, retryAt: null, needsReentry: true }
  }

  override get status(): AccountStatus {
    return this.held
  }

  override start(): void {}

  override reconnect(): void {}
}

export interface HeldAccount extends LiveAccount {
  /** Why its secret could not be used. */
  problem: UnreadableAccount
}

/**
 * A stored account listed without its credential: its cache stays browsable and its queued
 * actions wait, until the user removes it and adds it again. The spec carries empty secrets;
 * its session is never connected.
 */
export function heldAccount(account: UnreadableAccount, since: number): HeldAccount {
  const base = { id: account.id, name: account.name, url: account.url, origin: 'stored' as const }
  const spec: AccountSpec =
    account.kind === 'qbo'
      ? { ...base, kind: 'qbo', auth: { kind: 'token', token: '' } }
      : { ...base, kind: 'cycle', apiKey: '', hubId: '' }
  const session = openSession(spec, ignoringSink)
  const runner = new HeldRunner(session, account.reason, since)
  return { spec, runner, session, syncError: null, problem: account }
}

/** Whether this account is held for want of its credential (see `heldAccount`). */
export const isHeld = (account: LiveAccount): boolean => {
  const status = account.runner.status
  return status.state === 'auth-failed' && status.needsReentry === true
}
