import { afterEach, describe, expect, it } from 'vitest'
import { seedImages, seedNetworks, seedNodes } from '../fixtures/qbo-seed'
import { makeAgent, openStores, tokenAccount } from '../support/agent'
import { scriptedQbo } from '../support/bare-qbo'
import { startSynced } from '../support/calls'
import { tempDir } from '../support/temp-dir'

const empty = (payload: string) => ({ status: 'OK', code: 200, [payload]: [] })

describe('the seed document’s three responses, replayed by a bare WebSocket server', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  it('are parsed and cached field for field, with the raw JSON kept', async () => {
    const replies: Record<string, object> = {
      'get nodes -A': seedNodes,
      'get images': seedImages,
      'get networks -A': seedNetworks,
      'get clusters -A': { ...empty('clusters'), command_line: 'qbo get clusters -A' },
      'get pods -A': { ...empty('pods'), command_line: 'qbo get pods -A' },
      'get services -A': { ...empty('services'), command_line: 'qbo get services -A' },
      'get ipvs -A': { ...empty('ipvs'), command_line: 'qbo get ipvs -A' }
    }
    // The recorded replies echo `--all`; the client sends `-A`: they must still be matched.
    const server = await scriptedQbo((cmd) => JSON.stringify(replies[cmd]))
    cleanups.push(server.close)
    const dir = tempDir()
    cleanups.push(dir.remove)
    const stores = openStores(dir.path)
    cleanups.push(stores.close)
    const agent = makeAgent(stores, dir.path, [tokenAccount('alex', server.url, 'uid')])
    cleanups.push(() => agent.stop())
    await startSynced(agent)

    const rows = (table: string) =>
      stores.db.prepare(`SELECT * FROM ${table} ORDER BY name`).all() as Array<
        Record<string, unknown>
      >
    const nodes = rows('nodes')
    expect(nodes).toHaveLength(2)
    seedNodes.nodes
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name))
      .forEach((n, i) => {
        expect(nodes[i]).toMatchObject({
          account_id: 'qbo:alex',
          name: n.name,
          id: n.id,
          image: n.image,
          cluster: n.cluster,
          cluster_id: n.cluster_id,
          state: n.state,
          address: n.address,
          os: n.os,
          kernel: n.kernel
        })
        expect(JSON.parse(nodes[i]!.raw as string)).toEqual(n)
      })

    const images = rows('images')
    expect(
      images.map(({ name, registry, user, repository, image, tag }) => ({
        name,
        registry,
        user,
        repository,
        image,
        tag
      }))
    ).toEqual(seedImages.images.slice().sort((a, b) => a.name.localeCompare(b.name)))
    const networks = rows('networks')
    expect(networks[0]).toMatchObject({
      name: 'alex',
      id: seedNetworks.networks[0]!.id,
      subnet: '172.18.0.0/24',
      state: 'ready'
    })
    expect(JSON.parse(networks[0]!.raw as string)).toEqual(seedNetworks.networks[0])

    const page = await agent.call('networks.list', {})
    expect(page).toMatchObject({ ok: true, value: { items: [{ name: 'alex', nodeCount: 2 }] } })
  })
})
