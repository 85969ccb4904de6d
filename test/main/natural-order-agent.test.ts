// Over the contract, as the page asks: names, versions and addresses come back in natural
// order (cluster-5 before cluster-30), reversed when descending.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { upsertAccount } from '../../src-main/cache/accounts'
import type { ClusterRecord, NodeRecord } from '../../src-main/cache/records'
import { replaceSet } from '../../src-main/cache/writes'
import { makeAgent, openStores } from '../support/agent'
import { value } from '../support/calls'
import { tempDir } from '../support/temp-dir'

const cluster = (name: string, address: string): ClusterRecord => ({
  name,
  id: `id-${name}`,
  address,
  controlPlane: '',
  state: 'running',
  raw: {}
})

const node = (name: string, address: string, image: string): NodeRecord => ({
  name,
  id: `id-${name}`,
  cluster: 'cluster-5',
  clusterId: 'id-cluster-5',
  state: 'ready',
  address,
  image,
  os: 'Ubuntu',
  kernel: '6.1',
  raw: {}
})

describe('natural order over the contract', () => {
  let dir: ReturnType<typeof tempDir>
  let stores: ReturnType<typeof openStores>
  let agent: Agent

  beforeEach(() => {
    dir = tempDir()
    stores = openStores(dir.path)
    upsertAccount(stores.db, { id: 'a', kind: 'qbo', name: 'Lab', endpoint: 'ws://lab' })
    replaceSet(stores.db, 'a', 'clusters', [
      cluster('cluster-30', '10.0.0.10'),
      cluster('cluster-100', '10.0.0.9'),
      cluster('cluster-5', '10.0.0.100')
    ])
    replaceSet(stores.db, 'a', 'nodes', [
      node('node-10', '192.168.1.20', 'kindest/node:v1.26.15'),
      node('node-9', '192.168.1.3', 'kindest/node:v1.26.6'),
      node('node-100', '192.168.1.100', 'kindest/node:v1.27.0')
    ])
    agent = makeAgent(stores, dir.path, [])
  })
  afterEach(() => {
    agent.stop()
    stores.close()
    dir.remove()
  })

  async function listed<R>(method: string, field: string, pick: (row: R) => string) {
    const run = async (dir: 'asc' | 'desc') =>
      (await value<Page<R>>(agent, method, { sort: { field, dir } })).items.map(pick)
    return { asc: await run('asc'), desc: await run('desc') }
  }

  it('lists clusters cluster-5, cluster-30, cluster-100, and the reverse descending', async () => {
    const names = await listed<{ name: string }>('clusters.list', 'name', (c) => c.name)
    expect(names.asc).toEqual(['cluster-5', 'cluster-30', 'cluster-100'])
    expect(names.desc).toEqual(['cluster-100', 'cluster-30', 'cluster-5'])
  })

  it('sorts addresses by each number: 10.0.0.9 before 10.0.0.10 before 10.0.0.100', async () => {
    const clusters = await listed<{ address: string }>('clusters.list', 'address', (c) => c.address)
    expect(clusters.asc).toEqual(['10.0.0.9', '10.0.0.10', '10.0.0.100'])
    expect(clusters.desc).toEqual(['10.0.0.100', '10.0.0.10', '10.0.0.9'])
    const nodes = await listed<{ address: string }>('nodes.list', 'address', (n) => n.address)
    expect(nodes.asc).toEqual(['192.168.1.3', '192.168.1.20', '192.168.1.100'])
    expect(nodes.desc).toEqual(['192.168.1.100', '192.168.1.20', '192.168.1.3'])
  })

  it('sorts versions: v1.26.6 before v1.26.15 before v1.27.0', async () => {
    const images = await listed<{ image: string }>('nodes.list', 'image', (n) => n.image)
    expect(images.asc).toEqual([
      'kindest/node:v1.26.6',
      'kindest/node:v1.26.15',
      'kindest/node:v1.27.0'
    ])
    expect(images.desc).toEqual([
      'kindest/node:v1.27.0',
      'kindest/node:v1.26.15',
      'kindest/node:v1.26.6'
    ])
    const names = await listed<{ name: string }>('nodes.list', 'name', (n) => n.name)
    expect(names.asc).toEqual(['node-9', 'node-10', 'node-100'])
  })
})
