import type { AgentEvent, JobView } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { nextEvent } from './wait'

/** Backoff and job polling short enough for agents against the local sandbox. */
export const FAST = {
  policy: { backoff: { baseMs: 20, capMs: 100, floorMs: 5 } },
  jobPolicy: { pollMs: 20 }
}

/** Calls an agent method and returns its value; a failed call throws with its message. */
export async function value<T>(agent: Agent, method: string, input: unknown = {}): Promise<T> {
  const result = await agent.call(method, input)
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`)
  return result.value as T
}

/** Matches the event that reports job `id` in a final state (succeeded, failed or unknown). */
export const jobEnded = (id: string) => (e: AgentEvent) =>
  e.type === 'job' && e.job.id === id && ['succeeded', 'failed', 'unknown'].includes(e.job.state)

/** Matches an account event once that account has synced at least once. */
export const accountSynced = (e: AgentEvent) =>
  e.type === 'account' && e.account.lastSyncAt !== null

/** Starts the agent and resolves once an account has synced. */
export async function startSynced(agent: Agent): Promise<void> {
  const synced = nextEvent(agent, accountSynced)
  agent.start()
  await synced
}

/** Starts the agent, waits for the first sync, then for a full refresh. */
export async function startOnline(agent: Agent): Promise<Agent> {
  await startSynced(agent)
  await agent.refresh()
  return agent
}

/** Calls a job-starting method and resolves with the job as its final event reports it. */
export async function runJob(agent: Agent, method: string, input: object): Promise<JobView> {
  const job = await value<JobView>(agent, method, input)
  const ended = await nextEvent(agent, jobEnded(job.id))
  if (ended.type !== 'job') throw new Error('unreachable')
  return ended.job
}
