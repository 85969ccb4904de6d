import { afterEach, beforeEach, expect } from 'vitest'
import type { JobView } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import type { AccountSpec } from '../../src-main/store/account-spec'
import { makeAgent, openStores, sandboxAccount } from './agent'
import { accountSynced, FAST, runJob, startOnline } from './calls'
import { matchPath, validateRequest } from './cycle-spec'
import { tempDir } from './temp-dir'
import { nextEvent } from './wait'

export const CYCLE_ID = 'cycle:Hub'
export const QBO_ID = 'qbo:Sandbox'
export const fastCycle = { ...FAST, cycle: { pollMs: 25, socketRetryMs: () => 30 } }

type SpecOverride = Partial<{ apiKey: string; hubId: string; url: string }>

export interface CycleLab {
  dir: ReturnType<typeof tempDir>
  sandbox: Sandbox
  stores: ReturnType<typeof openStores>
  /** The hub as a configured account, with any field replaced. */
  spec(over?: SpecOverride): AccountSpec
  /** An agent on the lab's files with the hub, once it is online (stopped after the test). */
  online(over?: SpecOverride): Promise<Agent>
  /** An agent with the sandbox's qbo server (QBO_ID) and the hub, once both have synced. */
  bothOnline(): Promise<Agent>
  /** Runs an action on the hub through the contract and resolves with the ended job. */
  run(agent: Agent, method: string, input: object): Promise<JobView>
  /** Stops this agent after the test. */
  track(agent: Agent): Agent
}

/**
 * Before each test: a fresh data folder, its stores and a sandbox stepping every `stepMs`; after
 * it, every agent stopped and every request the client sent checked against Cycle's official
 * document (whatever Berth sends must be what the API describes), then all taken down.
 */
export function useCycleLab(stepMs: number): CycleLab {
  const agents: Agent[] = []
  const lab = {
    spec: (over: SpecOverride = {}): AccountSpec => ({
      id: CYCLE_ID,
      kind: 'cycle',
      name: 'Hub',
      origin: 'config',
      ...lab.sandbox.connection().cycle,
      ...over
    }),
    online: async (over: SpecOverride = {}): Promise<Agent> => {
      return startOnline(
        lab.track(makeAgent(lab.stores, lab.dir.path, [lab.spec(over)], fastCycle))
      )
    },
    bothOnline: async (): Promise<Agent> => {
      const qbo = sandboxAccount(lab.sandbox, 'Sandbox')
      const agent = lab.track(makeAgent(lab.stores, lab.dir.path, [qbo, lab.spec()], fastCycle))
      const synced = (id: string) =>
        nextEvent(agent, (e) => accountSynced(e) && e.type === 'account' && e.account.id === id)
      const both = Promise.all([synced(QBO_ID), synced(CYCLE_ID)])
      agent.start()
      await both
      await agent.refresh()
      return agent
    },
    run: (agent: Agent, method: string, input: object): Promise<JobView> =>
      runJob(agent, method, { accountId: CYCLE_ID, ...input }),
    track: (agent: Agent): Agent => {
      agents.push(agent)
      return agent
    }
  } as CycleLab
  beforeEach(async () => {
    lab.dir = tempDir()
    lab.sandbox = await startSandbox({ stepMs })
    lab.stores = openStores(lab.dir.path)
  })
  afterEach(async () => {
    for (const a of agents.splice(0)) a.stop()
    for (const r of lab.sandbox.cycle.requests) {
      const template = matchPath(r.method, r.path)
      expect(template, `${r.method} ${r.path}`).not.toBeNull()
      expect(validateRequest(r.method, template!, r.body), `${r.method} ${r.path}`).toEqual({
        ok: true
      })
    }
    lab.stores.close()
    await lab.sandbox.close()
    lab.dir.remove()
  })
  return lab
}
