import type { AgentEvent } from '@contract'

interface EventSource {
  onEvent(listener: (event: AgentEvent) => void): () => void
}

/** Resolves with the first event that satisfies `match` (events, not sleeps, synchronise tests). */
export function nextEvent<E extends AgentEvent>(
  source: EventSource,
  match: (event: AgentEvent) => event is E
): Promise<E>
export function nextEvent(
  source: EventSource,
  match: (event: AgentEvent) => boolean
): Promise<AgentEvent>
export function nextEvent(
  source: EventSource,
  match: (event: AgentEvent) => boolean
): Promise<AgentEvent> {
  return new Promise((resolve) => {
    const dispose = source.onEvent((event) => {
      if (!match(event)) return
      dispose()
      resolve(event)
    })
  })
}

export const accountState =
  (state: string, accountId?: string) =>
  (event: AgentEvent): boolean =>
    event.type === 'account' &&
    event.account.status.state === state &&
    (accountId === undefined || event.account.id === accountId)
