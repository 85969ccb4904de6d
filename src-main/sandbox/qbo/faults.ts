import { checkedDelay } from '../fault-delay'

/** Switchable misbehaviour of the qbo emulator, for tests of a client's recovery. All off by default. */
export interface QboFaults {
  /**
   * Close (terminate) the socket of the client that sent a command right after the command took
   * effect, before any reply is sent: the reply is lost. Counts down: 1 = the next accepted
   * command only. A command is accepted when its frame is a valid `{cmd, uuid}` request.
   */
  dropAfterCommand: number
  /**
   * Terminate every client socket after N more messages have been sent to it (any message),
   * counted from when this is set, or from connecting for later clients. null = off.
   */
  dropAfterMessages: number | null
  /** Delay every message to a client (replies, progress lines, mirror updates) by this many ms. */
  delayMs: number
  /**
   * Delay the answer and progress lines of every action (add, start, stop, delete) to the client
   * that sent it by this many ms more: the hub changes at once, its word on it comes late.
   */
  actionDelayMs: number
  /** Send the next N replies as malformed JSON text instead (the command still takes effect). */
  malformedReplies: number
  /**
   * Refuse the current token from now on (upgrade 401) and close every open socket with code
   * 4001: an expired credential. The service account is still accepted.
   */
  expireToken(): void
  /** Turn everything off again (the token is accepted again). */
  reset(): void
}

/** What the server does when a fault switches on. */
export interface QboFaultHooks {
  /** `dropAfterMessages` was set: every open client gets this many more messages. */
  budgetChanged(budget: number | null): void
  /** `expireToken()` was called. */
  tokenExpired(): void
}

/** The faults as the server reads them; `faults` is what tests switch. */
export interface QboFaultControl {
  readonly faults: QboFaults
  /** True (and counted down) when the command just run must lose its socket. */
  takeDropAfterCommand(): boolean
  /** True (and counted down) when the reply about to go out must be malformed. */
  takeMalformedReply(): boolean
  readonly tokenExpired: boolean
  readonly delayMs: number
  readonly actionDelayMs: number
  readonly messageBudget: number | null
}

function count(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`faults.qbo.${name} must be a non-negative integer, got ${value}`)
  }
  return value
}

/** A truncated copy of the real message: a proper prefix of a JSON object never parses. */
export function malformed(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)))
}

export function createQboFaults(hooks: QboFaultHooks): QboFaultControl {
  let drops = 0
  let budget: number | null = null
  let delay = 0
  let actionDelay = 0
  let malformedLeft = 0
  let expired = false

  const faults: QboFaults = {
    get dropAfterCommand() {
      return drops
    },
    set dropAfterCommand(value) {
      drops = count('dropAfterCommand', value)
    },
    get dropAfterMessages() {
      return budget
    },
    set dropAfterMessages(value) {
      budget = value === null ? null : count('dropAfterMessages', value)
      hooks.budgetChanged(budget)
    },
    get delayMs() {
      return delay
    },
    set delayMs(value) {
      delay = checkedDelay('faults.qbo.delayMs', value)
    },
    get actionDelayMs() {
      return actionDelay
    },
    set actionDelayMs(value) {
      actionDelay = checkedDelay('faults.qbo.actionDelayMs', value)
    },
    get malformedReplies() {
      return malformedLeft
    },
    set malformedReplies(value) {
      malformedLeft = count('malformedReplies', value)
    },
    expireToken() {
      expired = true
      hooks.tokenExpired()
    },
    reset() {
      drops = 0
      delay = 0
      actionDelay = 0
      malformedLeft = 0
      expired = false
      if (budget !== null) faults.dropAfterMessages = null
    }
  }

  return {
    faults,
    takeDropAfterCommand() {
      if (drops === 0) return false
      drops -= 1
      return true
    },
    takeMalformedReply() {
      if (malformedLeft === 0) return false
      malformedLeft -= 1
      return true
    },
    get tokenExpired() {
      return expired
    },
    get delayMs() {
      return delay
    },
    get actionDelayMs() {
      return actionDelay
    },
    get messageBudget() {
      return budget
    }
  }
}
