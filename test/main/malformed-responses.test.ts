import { afterEach, describe, expect, it } from 'vitest'
import type { MethodOutput } from '@contract'
import { makeAgent, openStores, tokenAccount } from '../support/agent'
import { scriptedQbo } from '../support/bare-qbo'
import { startSynced } from '../support/calls'
import { tempDir } from '../support/temp-dir'
import { nextEvent } from '../support/wait'

const good: Record<string, Record<string, unknown>> = {
  'get nodes -A': {
    nodes: [{ name: 'control-f5047fd5.localhost', cluster: 'alex', state: 'ready' }]
  },
  'get images': { images: [{ name: 'hub.docker.com/kindest/node:v1.27.2', tag: 'v1.27.2' }] },
  'get networks -A': { networks: [{ name: 'alex', subnet: '172.18.0.0/24' }] },
  'get clusters -A': { clusters: [{ name: 'alex', state: 'running' }] },
  'get pods -A': { pods: [] },
  'get services -A': { services: [] },
  'get ipvs -A': { ipvs: [] }
}

describe('a malformed or wrongly typed response', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  it.each([
    ['a wrongly typed field', { nodes: [{ name: 'n2', state: 7 }] }],
    ['a node without a name', { nodes: [{ cluster: 'alex' }] }],
    ['a payload that is not an array', { nodes: { name: 'n2' } }],
    ['text that is not JSON', '{"status":"OK", nodes: ['],
    [
      'an envelope without a code',
      JSON.stringify({ status: 'OK', command_line: 'qbo get nodes -A', nodes: [] })
    ]
  ])('(%s) leaves the cache exactly as it was and surfaces an error', async (_label, badNodes) => {
    let broken = false
    const server = await scriptedQbo((cmd) =>
      broken && cmd === 'get nodes -A' ? badNodes : (good[cmd] ?? {})
    )
    cleanups.push(server.close)
    const dir = tempDir()
    cleanups.push(dir.remove)
    const stores = openStores(dir.path)
    const db = stores.db
    cleanups.push(stores.close)
    const agent = makeAgent(stores, dir.path, [tokenAccount('qbo', server.url, 't')])
    cleanups.push(() => agent.stop())
    await startSynced(agent)
    // Joins the first refresh if it is still finishing (refreshes never overlap).
    await agent.call('accounts.refresh', {})
    const before = db.prepare('SELECT * FROM nodes').all()

    broken = true
    const reported = nextEvent(agent, (e) => e.type === 'account' && e.account.syncError !== null)
    // A frame that cannot even be matched to its command is reported as it arrives; the command
    // itself then waits for its timeout, so the refresh is not awaited here.
    void agent.call('accounts.refresh', {})
    const event = await reported
    expect(db.prepare('SELECT * FROM nodes').all()).toEqual(before)
    const page = (await agent.call('nodes.list', {})) as {
      ok: true
      value: MethodOutput<'nodes.list'>
    }
    expect(page.value.items.map((n) => n.name)).toEqual(['control-f5047fd5.localhost'])
    if (event.type !== 'account') throw new Error('expected an account event')
    expect(event.account.syncError).toMatch(/malformed|not JSON|unexpected message/)
    expect(event.account.status.state).toBe('online')
  })
})
