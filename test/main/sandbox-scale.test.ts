import { afterEach, describe, expect, it } from 'vitest'
import { parseSandboxArgs } from '../../src-main/sandbox/cli-args'
import { seedCycle } from '../../src-main/sandbox/cycle/seed'
import { seedHub } from '../../src-main/sandbox/qbo/seed'
import { cycleFetch, sandboxPool } from '../support/sandboxes'

const pool = sandboxPool()
afterEach(pool.closeAll)

describe('sandbox size flags', () => {
  it('reads --nodes-per-cluster, --cycle-images and --cycle-jobs', () => {
    const argv = ['--clusters', '400', '--nodes-per-cluster', '250']
    argv.push('--cycle-images', '50000', '--cycle-jobs', '10000')
    expect(parseSandboxArgs(argv)).toEqual({
      ok: true,
      args: {
        json: false,
        help: false,
        port: 0,
        clusters: 400,
        nodesPerCluster: 250,
        cycleImages: 50_000,
        cycleJobs: 10_000
      }
    })
  })

  it.each([
    [['--nodes-per-cluster', '0'], /--nodes-per-cluster must be an integer from 1 to 250/],
    [['--nodes-per-cluster', '251'], /--nodes-per-cluster/],
    [['--clusters', '1001'], /--clusters must be an integer from 0 to 1000/],
    [['--cycle-images', '-1'], /--cycle-images/],
    [['--cycle-images', '200001'], /--cycle-images/],
    [['--cycle-jobs', 'many'], /--cycle-jobs/]
  ])('refuses %j', (argv, message) => {
    const parsed = parseSandboxArgs(argv)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toMatch(message)
  })
})

describe('a qbo hub at scale', () => {
  it('seeds 400 clusters of 250 nodes with unique names and addresses past 172.18', () => {
    const hub = seedHub({ clusters: 400, nodesPerCluster: 250 })
    expect(hub.clusters).toHaveLength(400)
    expect(hub.nodes).toHaveLength(100_000)
    expect(new Set(hub.nodes.map((n) => n.name)).size).toBe(100_000)
    expect(new Set(hub.nodes.map((n) => n.address)).size).toBe(100_000)
    expect(new Set(hub.networks.map((n) => n.subnet)).size).toBe(400)
    expect(hub.networks[249]?.subnet).toBe('172.18.249.0/24')
    expect(hub.networks[250]?.subnet).toBe('172.19.0.0/24')
    expect(hub.clusters[399]).toMatchObject({ name: 'cluster-400', address: '172.19.149.2' })
    // Every running cluster runs its system pods and a kube-proxy per node: over 100,000 pods.
    expect(hub.pods.length).toBeGreaterThan(100_000)
    expect(hub.nodes.filter((n) => n.state === 'notready')).toHaveLength(1)
  })
})

describe('pods at scale', () => {
  it('keeps pod names unique per cluster and namespace, as Kubernetes does', () => {
    // At this size seed 1 draws the same five-character suffix twice within one cluster.
    const hub = seedHub({ clusters: 250, nodesPerCluster: 250 })
    const keys = new Set(hub.pods.map((p) => `${p.cluster}/${p.namespace}/${p.name}`))
    expect(keys.size).toBe(hub.pods.length)
  })
})

describe('a Cycle hub at scale', () => {
  it('adds generated images and finished jobs, keeping the planned ones as they were', () => {
    const plain = seedCycle()
    const scaled = seedCycle({ images: 2_000, jobs: 300 })
    // 2,000 generated, then the 13 seeded (eight planned, five of seed-fidelity.ts).
    expect(scaled.images).toHaveLength(2_013)
    expect(new Set(scaled.images.map((i) => i.id)).size).toBe(2_013)
    // The seeded ones keep their ids and contents, after the generated (older) ones.
    expect(scaled.images.slice(2_000)).toEqual(plain.images)
    expect(scaled.sources).toEqual(plain.sources)
    const created = scaled.images.map((i) => Date.parse(i.events.created))
    expect(created).toEqual([...created].sort((a, b) => a - b))
    const states = new Set(scaled.images.map((i) => i.state.current))
    expect([...states].sort()).toEqual(['live', 'new'])

    const generatedJobs = scaled.jobs.slice(plain.jobs.length)
    expect(generatedJobs).toHaveLength(300)
    for (const job of generatedJobs) {
      expect(job).toMatchObject({ state: { current: 'completed' }, caption: 'Import Image' })
      expect(job.tasks[0]?.steps?.every((s) => s.completed > s.started)).toBe(true)
    }
    expect(() => seedCycle({ images: -1 })).toThrow(RangeError)
    expect(() => seedCycle({ jobs: 1.5 })).toThrow(RangeError)
  })
})

describe('the sandbox serves a hub at scale', () => {
  it('answers get nodes -A with 100,000 nodes and pages 50,000 Cycle images', async () => {
    const sandbox = await pool.start({ clusters: 400, nodesPerCluster: 250, cycleImages: 50_000 })

    const qbo = await pool.openQbo(sandbox)
    qbo.send('get nodes -A', 'scale')
    const reply = await qbo.next<{ code: number; nodes: { name: string }[] }>()
    expect(reply.code).toBe(200)
    expect(reply.nodes).toHaveLength(100_000)

    const get = cycleFetch(sandbox)
    const ids: string[] = []
    let last = ''
    for (let page = 1; ; page++) {
      const response = await get('GET', `/v1/images?page[size]=1000&page[number]=${page}`)
      expect(response.status).toBe(200)
      const { data } = (await response.json()) as {
        data: { id: string; events: { created: string } }[]
      }
      for (const image of data) {
        // Newest first, as Cycle lists them, across page boundaries too.
        if (last !== '')
          expect(Date.parse(image.events.created)).toBeLessThanOrEqual(Date.parse(last))
        last = image.events.created
        ids.push(image.id)
      }
      if (data.length < 1000) break
    }
    expect(ids).toHaveLength(50_013)
    expect(new Set(ids).size).toBe(50_013)
  }, 120_000)
})
