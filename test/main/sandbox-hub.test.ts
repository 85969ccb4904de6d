import { describe, expect, it } from 'vitest'
import { parseSandboxArgs } from '../../src-main/sandbox/cli-args'
import { parseAddArgs, parseTargetArgs } from '../../src-main/sandbox/qbo/action-args'
import type { ActionVerb } from '../../src-main/sandbox/qbo/action-args'
import { executeCommand, runCommand } from '../../src-main/sandbox/qbo/commands'
import type { ActionContext } from '../../src-main/sandbox/qbo/commands'
import type { CommandOutcome } from '../../src-main/sandbox/qbo/envelope'
import { mulberry32, seedHub } from '../../src-main/sandbox/qbo/seed'
import type { QboHub } from '../../src-main/sandbox/qbo/seed'

const POD_FIELDS = [
  'name',
  'id',
  'namespace',
  'address',
  'status',
  'ready',
  'started',
  'node',
  'node_status',
  'cluster',
  'cluster_id',
  'user'
]
const SERVICE_FIELDS = [
  'name',
  'id',
  'namespace',
  'address',
  'external_address',
  'type',
  'port_name',
  'port_number',
  'target_port',
  'node_port',
  'protocol',
  'cluster',
  'user'
]
const IPVS_FIELDS = [
  'id',
  'vip',
  'vip_port',
  'rip',
  'rip_port',
  'protocol',
  'scheduler',
  'forward',
  'weight',
  'state',
  'node',
  'cluster',
  'user'
]
const CLUSTER_FIELDS = ['name', 'id', 'address', 'control_plane', 'state', 'user']

function expectStrings(items: object[], fields: string[]): void {
  for (const item of items) {
    expect(Object.keys(item).sort()).toEqual([...fields].sort())
    for (const value of Object.values(item)) expect(typeof value).toBe('string')
  }
}

function context(hub: QboHub, failures: Partial<Record<ActionVerb, string>> = {}): ActionContext {
  return {
    hub,
    rand: mulberry32(99),
    now: () => Date.UTC(2025, 0, 2),
    takeFailure: (verb) => {
      const message = failures[verb]
      delete failures[verb]
      return message
    }
  }
}

function lines(outcome: CommandOutcome): string[] {
  const output = 'output' in outcome.payload ? outcome.payload.output : []
  return output.map((line) => ('message' in line ? line.message : line.kubeconfig))
}

/** Applies every step at once: the progression without the timers. */
function runAll(ctx: ActionContext, cmd: string) {
  const result = executeCommand(ctx, cmd)
  const progress = result.steps.map((step) => ({
    message: step.message,
    failed: step.failed === true,
    pushes: step.apply()
  }))
  return { ...result, progress }
}

describe('seeded workloads', () => {
  const hub = seedHub()

  it('gives every non-stopped cluster kube-system pods, services and IPVS, all as strings', () => {
    expectStrings(hub.clusters, CLUSTER_FIELDS)
    expectStrings(hub.pods, POD_FIELDS)
    expectStrings(hub.services, SERVICE_FIELDS)
    expectStrings(hub.ipvs, IPVS_FIELDS)
    expect(hub.clusters.map((c) => c.state).sort()).toEqual([
      'running',
      'running',
      'running',
      'stopped'
    ])

    for (const cluster of hub.clusters) {
      const pods = hub.pods.filter((p) => p.cluster === cluster.name)
      const services = hub.services.filter((s) => s.cluster === cluster.name)
      const ipvs = hub.ipvs.filter((i) => i.cluster === cluster.name)
      if (cluster.state === 'stopped') {
        expect([...pods, ...services, ...ipvs]).toEqual([])
        continue
      }
      const names = pods.map((p) => p.name)
      const control = hub.nodes.find((n) => n.cluster === cluster.name)
      expect(names).toContain(`etcd-${control?.name}`)
      expect(names).toContain(`kube-apiserver-${control?.name}`)
      expect(names.filter((n) => /^coredns-[a-z0-9]{10}-[a-z0-9]{5}$/.test(n))).toHaveLength(2)
      expect(names.filter((n) => n.startsWith('kube-proxy-'))).toHaveLength(
        hub.nodes.filter((n) => n.cluster === cluster.name).length
      )
      expect(pods.filter((p) => p.namespace === 'default').length).toBeGreaterThanOrEqual(2)
      for (const pod of pods) {
        expect(pod.cluster_id).toBe(cluster.id)
        expect(hub.nodes.find((n) => n.name === pod.node)?.state).toBe(pod.node_status)
        expect(Date.parse(pod.started)).not.toBeNaN()
      }
      expect(services.map((s) => [s.name, s.type])).toEqual([
        ['kubernetes', 'ClusterIP'],
        ['kube-dns', 'ClusterIP'],
        ['web', 'LoadBalancer']
      ])
      expect(services[0]).toMatchObject({ port_number: '443', target_port: '6443' })
      const lb = services[2]
      expect(ipvs.length).toBeGreaterThanOrEqual(1)
      expect(ipvs.length).toBeLessThanOrEqual(2)
      for (const entry of ipvs) {
        expect(entry).toMatchObject({ vip: lb?.external_address, rip_port: lb?.node_port })
        expect(hub.nodes.find((n) => n.name === entry.node)?.address).toBe(entry.rip)
      }
    }
    const ids = [...hub.pods, ...hub.services, ...hub.ipvs].map((x) => x.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('stays reproducible', () => {
    expect(seedHub({ seed: 5 })).toEqual(seedHub({ seed: 5 }))
    // Single-node clusters run their app on the control plane.
    const tiny = seedHub({ clusters: 1, nodesPerCluster: 1 })
    expect(tiny.ipvs).toHaveLength(1)
    expect(tiny.ipvs[0]?.node).toBe(tiny.nodes[0]?.name)
  })
})

describe('get', () => {
  const hub = seedHub()
  const running = hub.clusters.filter((c) => c.state === 'running')
  const [first, second] = running
  if (first === undefined || second === undefined) throw new Error('seed needs two clusters')

  it.each([
    ['pods', 'pods', 'SUBCMD_POD'],
    ['pod', 'pods', 'SUBCMD_POD'],
    ['services', 'services', 'SUBCMD_SERVICE'],
    ['svc', 'services', 'SUBCMD_SERVICE'],
    ['ipvs', 'ipvs', 'SUBCMD_IPVS']
  ] as const)('get %s lists all, or by cluster name', (what, key, subcommand) => {
    const all = hub[key]
    for (const cmd of [`get ${what}`, `get ${what} -A`, `get ${what} --all`]) {
      expect(runCommand(hub, cmd)).toMatchObject({ code: 200, subcommand, payload: { [key]: all } })
    }
    const some = runCommand(hub, `get ${what} ${first.name} ${second.name}`)
    const wanted = all.filter((x) => x.cluster === first.name || x.cluster === second.name)
    expect(some.payload).toEqual({ [key]: wanted })
    expect(wanted.length).toBeGreaterThan(0)
    const stopped = hub.clusters.find((c) => c.state === 'stopped')
    expect(runCommand(hub, `get ${what} ${stopped?.name}`).payload).toEqual({ [key]: [] })

    const missing = runCommand(hub, `get ${what} ${first.name} nope`)
    expect(missing).toMatchObject({ code: 404, subcommand, status: 'NOT_FOUND' })
    expect(missing.payload).toEqual({ output: [{ message: "cluster 'nope' not found" }] })
  })

  it('lists a cluster’s nodes by cluster name, and a node by its own', () => {
    const nodes = hub.nodes.filter((n) => n.cluster === first.name)
    expect(runCommand(hub, `get nodes ${first.name}`).payload).toEqual({ nodes })
    expect(runCommand(hub, `get nodes ${nodes[0]?.name}`).payload).toEqual({
      nodes: [nodes[0]]
    })
  })

  it('returns a kubeconfig for get cluster NAME -k', () => {
    for (const cmd of [`get cluster ${first.name} -k`, `get clusters -k ${first.name}`]) {
      const outcome = runCommand(hub, cmd)
      expect(outcome).toMatchObject({ code: 200, command: 'CMD_GET', subcommand: 'SUBCMD_CLUSTER' })
      if (!('output' in outcome.payload)) throw new Error('expected output')
      const [entry] = outcome.payload.output
      if (entry === undefined || !('kubeconfig' in entry)) throw new Error('expected kubeconfig')
      const config = entry.kubeconfig
      expect(config).toContain(`server: https://${first.address}:6443`)
      expect(config).toMatch(/^apiVersion: v1$/m)
      expect(config).toMatch(/^kind: Config$/m)
      expect(config).toMatch(/certificate-authority-data: [A-Za-z0-9+/=]{100,}$/m)
      expect(config).toMatch(/token: sandbox\.[0-9a-f]{48}$/m)
      expect(config).toContain(`current-context: ${first.name}`)
    }
    const again = runCommand(hub, `get cluster ${first.name} -k`)
    const other = runCommand(hub, `get cluster ${second.name} -k`)
    expect(again).toMatchObject({
      payload: runCommand(hub, `get cluster ${first.name} -k`).payload
    })
    expect(other.payload).not.toEqual(again.payload)

    expect(runCommand(hub, 'get cluster nope -k')).toMatchObject({ code: 404 })
    expect(runCommand(hub, 'get cluster -k')).toMatchObject({ code: 400 })
    expect(runCommand(hub, 'get pods -k')).toMatchObject({ code: 400 })
  })
})

describe('action arguments', () => {
  it('reads add cluster', () => {
    expect(parseAddArgs(['demo'])).toEqual({
      ok: true,
      args: { names: ['demo'], image: 'hub.docker.com/kindest/node:v1.27.2', workers: 1 }
    })
    expect(parseAddArgs(['-n', '3', 'a', '-i', 'kindest/node:v1.29.2', 'b'])).toEqual({
      ok: true,
      args: { names: ['a', 'b'], image: 'kindest/node:v1.29.2', workers: 3 }
    })
  })

  it.each([
    [[], /NAME/],
    [['x', '-n', 'abc'], /-n/],
    [['x', '-n', '0'], /-n/],
    [['x', '-n', '51'], /-n/],
    [['x', '-n'], /-n/],
    [['x', '-i'], /-i/],
    [['x', '--force'], /--force/],
    [['-bad'], /-bad/],
    [['bad/name'], /invalid cluster name/],
    [['x'.repeat(65)], /invalid cluster name/]
  ])('refuses add %j', (args, message) => {
    const parsed = parseAddArgs(args)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toMatch(message)
  })

  it('reads start/stop/delete targets', () => {
    expect(parseTargetArgs('stop', ['a', 'b', 'a'])).toEqual({
      ok: true,
      args: { names: ['a', 'b'], all: false }
    })
    expect(parseTargetArgs('start', ['-A'])).toEqual({ ok: true, args: { names: [], all: true } })
    expect(parseTargetArgs('delete', []).ok).toBe(false)
    expect(parseTargetArgs('delete', ['-k']).ok).toBe(false)
  })
})

describe('actions without timers', () => {
  it('adds a cluster in steps, each with its hub change and mirror updates', () => {
    const hub = seedHub()
    const ctx = context(hub)
    const { outcome, pushes, progress } = runAll(ctx, 'add cluster demo -n 2')
    expect(outcome).toMatchObject({
      code: 200,
      status: 'OK',
      command: 'CMD_ADD',
      subcommand: 'SUBCMD_CLUSTER',
      commandLine: 'qbo add cluster demo -n 2',
      payload: { output: [{ message: 'Creating cluster demo' }] }
    })
    expect(pushes).toMatchObject([
      { commandLine: 'qbo get clusters demo', payload: { clusters: [{ state: 'creating' }] } }
    ])
    const messages = progress.map((p) => p.message)
    expect(messages[0]).toBe('Pulling hub.docker.com/kindest/node:v1.27.2')
    expect(messages[1]).toBe('Creating network demo (172.18.4.0/24)')
    expect(messages[2]).toMatch(/^Creating control plane control-[0-9a-f]{8}\.localhost$/)
    expect(messages[3]).toMatch(/^Creating node node-[0-9a-f]{8}\.localhost$/)
    expect(messages[4]).toMatch(/^Creating node node-[0-9a-f]{8}\.localhost$/)
    expect(messages.slice(5)).toEqual([
      'Waiting for nodes to become ready',
      'Cluster demo is ready'
    ])

    const cluster = hub.clusters.find((c) => c.name === 'demo')
    expect(cluster).toMatchObject({ state: 'running', address: '172.18.4.2' })
    const nodes = hub.nodes.filter((n) => n.cluster === 'demo')
    expect(nodes.map((n) => n.state)).toEqual(['ready', 'ready', 'ready'])
    expect(nodes.map((n) => n.address)).toEqual(['172.18.4.2', '172.18.4.3', '172.18.4.4'])
    expect(nodes[0]?.image).toBe('kindest/node:v1.27.2')
    expect(hub.pods.some((p) => p.cluster === 'demo')).toBe(true)
    // The final step announces workloads before the cluster itself turns running.
    const last = progress.at(-1)?.pushes.map((p) => p.commandLine)
    expect(last).toEqual([
      'qbo get pods demo',
      'qbo get services demo',
      'qbo get ipvs demo',
      'qbo get clusters demo'
    ])
  })

  it('runs several clusters of one command one after another, in one stream', () => {
    const hub = seedHub()
    const ctx = context(hub)
    const add = runAll(ctx, 'add cluster one two -n 1')
    expect(lines(add.outcome)).toEqual(['Creating cluster one', 'Creating cluster two'])
    const messages = add.progress.map((p) => p.message)
    expect(messages.indexOf('Cluster one is ready')).toBeLessThan(
      messages.indexOf('Pulling hub.docker.com/kindest/node:v1.27.2', 1)
    )
    expect(messages.at(-1)).toBe('Cluster two is ready')
    expect(
      hub.networks.filter((n) => ['one', 'two'].includes(n.name)).map((n) => n.subnet)
    ).toEqual(['172.18.4.0/24', '172.18.5.0/24'])

    const wipe = runAll(ctx, 'delete clusters -A')
    expect(wipe.outcome).toMatchObject({ code: 200, command: 'CMD_DELETE' })
    expect(wipe.progress.at(-1)?.message).toBe('Cluster two deleted')
    for (const kind of ['clusters', 'nodes', 'networks', 'pods', 'services', 'ipvs'] as const) {
      expect(hub[kind]).toEqual([])
    }
    expect(lines(executeCommand(ctx, 'stop clusters -A').outcome)).toEqual(['No clusters to stop'])
  })

  it('refuses duplicates, unknown images and unknown clusters', () => {
    const hub = seedHub()
    const ctx = context(hub)
    const dup = executeCommand(ctx, 'add cluster alex')
    expect(dup.outcome).toMatchObject({ code: 409, status: 'CONFLICT', command: 'CMD_ADD' })
    expect(lines(dup.outcome)).toEqual(['cluster alex already exists'])
    expect(executeCommand(ctx, 'add cluster a a').outcome.code).toBe(409)
    const image = executeCommand(ctx, 'add cluster x -i hub.docker.com/kindest/node:v0.0.1')
    expect(image.outcome.code).toBe(404)
    expect(lines(image.outcome)).toEqual(["image 'hub.docker.com/kindest/node:v0.0.1' not found"])
    expect(executeCommand(ctx, 'add cluster x -i kindest/node:v1.29.2').outcome.code).toBe(200)
    for (const verb of ['start', 'stop', 'delete']) {
      const missing = executeCommand(ctx, `${verb} clusters nope`)
      expect(missing.outcome).toMatchObject({ code: 404, command: `CMD_${verb.toUpperCase()}` })
      expect(lines(missing.outcome)).toEqual(["cluster 'nope' not found"])
    }
    expect(executeCommand(ctx, 'add node x').outcome.code).toBe(400)
    expect(executeCommand(ctx, 'stop widgets x').outcome.code).toBe(400)
    // x is still being created: nothing else may touch it meanwhile.
    expect(executeCommand(ctx, 'delete cluster x').outcome).toMatchObject({ code: 409 })
  })

  it('answers already-there clusters at once, with nothing to follow', () => {
    const hub = seedHub()
    const stopped = hub.clusters.find((c) => c.state === 'stopped')?.name
    const ctx = context(hub)
    const start = executeCommand(ctx, 'start clusters alex')
    expect(start.outcome).toMatchObject({ code: 200, done: true })
    expect(lines(start.outcome)).toEqual(['Cluster alex is already running'])
    expect(start.steps).toEqual([])
    const stop = executeCommand(ctx, `stop cluster ${stopped}`)
    expect(lines(stop.outcome)).toEqual([`Cluster ${stopped} is already stopped`])
    // -A acts on the others and mentions the rest.
    const all = executeCommand(ctx, 'stop clusters -A')
    expect(lines(all.outcome)).toEqual(
      [
        'Stopping cluster alex',
        'Stopping cluster staging',
        'Stopping cluster ci-runners',
        'Stopping cluster edge-lab'
      ]
        .filter((line) => !line.endsWith(` ${stopped}`))
        .concat(`Cluster ${stopped} is already stopped`)
    )
  })

  it('fails an armed action after a couple of steps and reverts the cluster', () => {
    const hub = seedHub()
    const ctx = context(hub, { add: 'disk full', stop: 'node wedged' })
    const add = runAll(ctx, 'add cluster demo')
    expect(add.progress.map((p) => [p.message, p.failed])).toEqual([
      ['Pulling hub.docker.com/kindest/node:v1.27.2', false],
      ['Creating network demo (172.18.4.0/24)', false],
      ['disk full', true]
    ])
    expect(hub.clusters.find((c) => c.name === 'demo')?.state).toBe('error')

    const stop = runAll(ctx, 'stop clusters alex')
    expect(stop.progress.at(-1)).toMatchObject({ message: 'node wedged', failed: true })
    expect(hub.clusters.find((c) => c.name === 'alex')?.state).toBe('running')
    // Only the next action of a kind fails.
    expect(runAll(ctx, 'stop clusters alex').progress.some((p) => p.failed)).toBe(false)
    expect(hub.clusters.find((c) => c.name === 'alex')?.state).toBe('stopped')
  })
})

describe('parseSandboxArgs (actions and keys)', () => {
  it('reads --step-ms and --key-file', () => {
    expect(parseSandboxArgs(['--step-ms', '20', '--key-file', '/tmp/k.json'])).toEqual({
      ok: true,
      args: { json: false, help: false, port: 0, stepMs: 20, keyFile: '/tmp/k.json' }
    })
    expect(parseSandboxArgs(['--step-ms', '-1']).ok).toBe(false)
    expect(parseSandboxArgs(['--step-ms', 'fast']).ok).toBe(false)
    expect(parseSandboxArgs(['--key-file', '']).ok).toBe(false)
  })
})
