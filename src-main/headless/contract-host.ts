import type { AgentEvent, Result } from '@contract'

/** What the bridge serves: the agent, or a stand-in in tests. */
export interface ContractHost {
  call(method: unknown, input: unknown): Promise<Result<unknown>>
  onEvent(listener: (event: AgentEvent) => void): () => void
}
