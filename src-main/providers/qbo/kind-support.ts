import type { ProviderError } from '../errors'
import type { QboPayloadKind } from './schemas'

/**
 * How many refreshes go by between two askings of a list the server refused: with the default
 * 30 s cadence a refused kind is asked about once every ten minutes, not twice a minute.
 */
export const REASK_EVERY = 20

/**
 * A refusal of a list is the server saying it does not have that command (an older or narrower
 * qbo answers 400 "unknown command"): a 4xx that is not about the credential. A network fault,
 * a timeout, a 5xx or a 401/403 says nothing about what the server supports.
 */
export const isRefusal = (error: ProviderError): boolean => error.kind === 'rejected'

/**
 * Which lists this server refused, and when to ask it again. A refused list is left out of the
 * refreshes that follow and asked again once every `reaskEvery` refreshes, or at once after
 * `askAgain` (a new connection may reach an upgraded server; the user pressed Refresh).
 */
export class KindSupport {
  /** Refused lists and how many more refreshes leave each out. */
  private readonly refused = new Map<QboPayloadKind, number>()

  constructor(private readonly reaskEvery = REASK_EVERY) {}

  /** The lists this refresh asks for, in the order given; counts the others' wait down. */
  plan(all: readonly QboPayloadKind[]): QboPayloadKind[] {
    return all.filter((payload) => {
      const left = this.refused.get(payload)
      if (left === undefined || left <= 0) return true
      this.refused.set(payload, left - 1)
      return false
    })
  }

  /** The server refused `payload`; true when that is news. */
  refuse(payload: QboPayloadKind): boolean {
    const known = this.refused.has(payload)
    this.refused.set(payload, Math.max(0, this.reaskEvery - 1))
    return !known
  }

  /** The server answered `payload`; true when it had refused it before. */
  answer(payload: QboPayloadKind): boolean {
    return this.refused.delete(payload)
  }

  /** The next refresh asks for every refused list again. */
  askAgain(): void {
    for (const payload of this.refused.keys()) this.refused.set(payload, 0)
  }

  has(payload: QboPayloadKind): boolean {
    return this.refused.has(payload)
  }

  get unsupported(): QboPayloadKind[] {
    return [...this.refused.keys()]
  }
}
