import { afterEach, describe, expect, it } from 'vitest'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox } from '../../src-main/sandbox'
import { makeAgent, openStores, sandboxAccount } from '../support/agent'
import { FAST } from '../support/calls'
import { tempDir } from '../support/temp-dir'
import { accountState, nextEvent } from '../support/wait'

describe('the agent’s log', () => {
  const dir = tempDir()
  const stores = openStores(dir.path)
  let agent: Agent | undefined
  afterEach(() => {
    agent?.stop()
    stores.close()
    dir.remove()
  })

  it('says once that an account is offline, however often it retries, and never its credential', async () => {
    const sandbox = await startSandbox()
    const account = sandboxAccount(sandbox, 'Lab')
    const { token } = sandbox.connection().qbo
    await sandbox.close()
    const lines: string[] = []
    const record = (line: string) => lines.push(line)
    agent = makeAgent(stores, dir.path, [account], {
      ...FAST,
      log: { info: record, warn: record, error: record }
    })
    agent.start()
    for (let retries = 0; retries < 4; retries++) {
      await nextEvent(agent, accountState('connecting'))
      await nextEvent(agent, accountState('offline'))
    }
    expect(lines.filter((l) => l.startsWith('Lab (qbo) is offline'))).toHaveLength(1)
    expect(lines[0]).toBe('Lab (qbo) is connecting')
    expect(lines.join('\n')).not.toContain(token)
  })
})
