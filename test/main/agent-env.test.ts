// `npm start` and the bench start the agent with the same environment (scripts/agent-env.mjs).
import { describe, expect, it } from 'vitest'
import { agentEnv } from '../../scripts/agent-env.mjs'

describe("the agent's environment", () => {
  it('limits glibc to two malloc arenas on Linux', () => {
    expect(agentEnv({ PATH: '/bin' }, 'linux')).toEqual({ PATH: '/bin', MALLOC_ARENA_MAX: '2' })
  })

  it("keeps the user's own setting, and leaves other systems alone", () => {
    expect(agentEnv({ MALLOC_ARENA_MAX: '4' }, 'linux')).toEqual({ MALLOC_ARENA_MAX: '4' })
    expect(agentEnv({ PATH: '/bin' }, 'darwin')).toEqual({ PATH: '/bin' })
  })
})
