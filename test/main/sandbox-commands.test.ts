import { describe, expect, it } from 'vitest'
import { parseSandboxArgs } from '../../src-main/sandbox/cli-args'
import { answerFrame, parseRequest, runCommand } from '../../src-main/sandbox/qbo/commands'
import { parseCookies } from '../../src-main/sandbox/qbo/server'
import { mulberry32, seedHub } from '../../src-main/sandbox/qbo/seed'

const conn = { peer: '127.0.0.1', wsi: '0x55aa', threadId: 1 }

describe('seedHub', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(seedHub({ seed: 7 })).toEqual(seedHub({ seed: 7 }))
    expect(seedHub({ seed: 7 }).nodes[0]?.id).not.toBe(seedHub({ seed: 8 }).nodes[0]?.id)
    const a = mulberry32(3)
    const b = mulberry32(3)
    expect([a(), a(), a()]).toEqual([b(), b(), b()])
  })

  it('looks like a real hub', () => {
    const hub = seedHub()
    expect(hub.clusters.map((c) => c.name)).toEqual(['alex', 'staging', 'ci-runners', 'edge-lab'])
    expect(hub.networks.map((n) => n.name)).toEqual(hub.clusters.map((c) => c.name))

    for (const [index, cluster] of hub.clusters.entries()) {
      expect(cluster.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
      )
      const network = hub.networks[index]
      expect(network?.id).toBe(cluster.id)
      expect(network?.subnet).toBe(`172.18.${index}.0/24`)
      const nodes = hub.nodes.filter((n) => n.cluster === cluster.name)
      expect(nodes.length).toBeGreaterThanOrEqual(2)
      expect(nodes.length).toBeLessThanOrEqual(6)
      expect(nodes.filter((n) => n.name.startsWith('control-'))).toHaveLength(1)
      expect(nodes[0]?.name).toMatch(/^control-[0-9a-f]{8}\.localhost$/)
      for (const node of nodes.slice(1)) expect(node.name).toMatch(/^node-[0-9a-f]{8}\.localhost$/)
      for (const node of nodes) {
        expect(node.cluster_id).toBe(cluster.id)
        expect(node.address).toMatch(new RegExp(`^172\\.18\\.${index}\\.\\d+$`))
      }
    }

    for (const node of hub.nodes) {
      expect(node.id).toMatch(/^[0-9a-f]{64}$/)
      expect(node.image).toMatch(/^kindest\/node:v1\.(2[5-9]|30)\.\d+$/)
      expect(node.os).not.toBe('')
      expect(node.kernel).not.toBe('')
    }
    expect(new Set(hub.nodes.map((n) => n.name)).size).toBe(hub.nodes.length)
    expect(new Set(hub.nodes.map((n) => n.image)).size).toBeGreaterThan(1)

    const states = hub.nodes.map((n) => n.state)
    expect(states.filter((s) => s === 'ready').length).toBeGreaterThan(hub.nodes.length / 2)
    expect(states).toContain('notready')
    expect(states).toContain('running')
    const stopped = hub.clusters.filter((c) => c.state === 'stopped')
    expect(stopped).toHaveLength(1)
    const stoppedNodes = hub.nodes.filter((n) => n.cluster === stopped[0]?.name)
    expect(stoppedNodes.every((n) => n.state === 'stopped')).toBe(true)

    expect(hub.images.length).toBeGreaterThanOrEqual(8)
    const imageTags = new Set(hub.images.map((i) => i.tag))
    for (const node of hub.nodes) expect(imageTags).toContain(node.image.split(':')[1])
    for (const image of hub.images) {
      expect(image).toMatchObject({
        registry: 'hub.docker.com',
        user: 'kindest',
        repository: '',
        image: 'node'
      })
      expect(image.name).toBe(`hub.docker.com/kindest/node:${image.tag}`)
    }
  })

  it('keeps most nodes ready, with a straggler or two, for any seed', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const states = seedHub({ seed }).nodes.map((n) => n.state)
      expect(states.filter((s) => s === 'ready').length).toBeGreaterThan(states.length / 2)
      expect(states.some((s) => s === 'notready' || s === 'running')).toBe(true)
      expect(states).toContain('stopped')
    }
  })

  it('honours counts and names extra clusters', () => {
    const hub = seedHub({ clusters: 6, nodesPerCluster: 3 })
    expect(hub.clusters.map((c) => c.name).slice(4)).toEqual(['cluster-5', 'cluster-6'])
    expect(hub.nodes).toHaveLength(18)
    expect(seedHub({ clusters: 0 }).nodes).toEqual([])
    expect(() => seedHub({ clusters: -1 })).toThrow(RangeError)
    expect(() => seedHub({ nodesPerCluster: 0 })).toThrow(RangeError)
  })
})

describe('runCommand', () => {
  const hub = seedHub()

  it('lists every kind with and without -A, under all aliases', () => {
    expect(runCommand(hub, 'get nodes -A').payload).toEqual({ nodes: hub.nodes })
    expect(runCommand(hub, 'get nodes').payload).toEqual({ nodes: hub.nodes })
    expect(runCommand(hub, 'get images --all').payload).toEqual({ images: hub.images })
    expect(runCommand(hub, 'get net').payload).toEqual({ networks: hub.networks })
    expect(runCommand(hub, 'get networks -A').subcommand).toBe('SUBCMD_NETWORK')
    expect(runCommand(hub, 'get clusters').payload).toEqual({ clusters: hub.clusters })
  })

  it('normalises the command line', () => {
    const outcome = runCommand(hub, '  get   nodes\t-A ')
    expect(outcome).toMatchObject({ commandLine: 'qbo get nodes -A', command: 'CMD_GET' })
    expect(runCommand(hub, 'qbo get nodes').commandLine).toBe('qbo get nodes')
  })

  it('filters by name and reports unknown names as 404', () => {
    const [first, second] = hub.nodes
    const outcome = runCommand(hub, `get nodes ${first?.name} ${second?.name}`)
    expect(outcome.payload).toEqual({ nodes: [first, second] })
    expect(runCommand(hub, 'get cluster staging').payload).toEqual({
      clusters: hub.clusters.filter((c) => c.name === 'staging')
    })
    const missing = runCommand(hub, 'get clusters staging nope')
    expect(missing).toMatchObject({ code: 404, subcommand: 'SUBCMD_CLUSTER' })
    expect(missing.status).not.toBe('OK')
    expect(missing.payload).toEqual({ output: [{ message: "cluster 'nope' not found" }] })
  })

  it('answers version with CLI then API objects', () => {
    const outcome = runCommand(hub, 'version')
    expect(outcome).toMatchObject({ code: 200, subcommand: 'SUBCMD_VERSION' })
    expect(outcome.payload).toMatchObject({
      version: [{ qbo_cli: expect.any(String) }, { qbo_api: expect.any(String) }]
    })
  })

  it.each(['', 'frobnicate', 'get', 'get users', 'get widgets', 'get nodes -k', 'add cluster'])(
    'refuses %j with a 400 and an explanation',
    (cmd) => {
      const outcome = runCommand(hub, cmd)
      expect(outcome.code).toBe(400)
      expect(outcome.status).not.toBe('OK')
      expect(outcome.payload).toEqual({ output: [{ message: expect.any(String) }] })
    }
  )

  it('hands out copies, not the live objects', () => {
    const outcome = runCommand(hub, 'get nodes')
    if (!('nodes' in outcome.payload)) throw new Error('expected nodes')
    expect(outcome.payload.nodes[0]).not.toBe(hub.nodes[0])
  })
})

describe('parseRequest and answerFrame', () => {
  const hub = seedHub()

  it('accepts {cmd, uuid}', () => {
    expect(parseRequest('{"cmd":"version","uuid":"u-1"}')).toEqual({
      ok: true,
      cmd: 'version',
      uuid: 'u-1'
    })
  })

  it.each([
    ['bad syntax', 'not json', ''],
    ['an array', '[1,2]', ''],
    ['null', 'null', ''],
    ['a string', '"text"', ''],
    ['no cmd', '{"uuid":"u-2"}', 'u-2'],
    ['a numeric cmd', '{"cmd":42,"uuid":"u-3"}', 'u-3'],
    ['an oversize frame', JSON.stringify({ cmd: 'x'.repeat(70_000) }), '']
  ])('rejects %s with a 400 that echoes the caller', (_label, text, uuid) => {
    const envelope = answerFrame(hub, text, conn)
    expect(envelope).toMatchObject({ code: 400, uuid })
    expect(envelope.status).not.toBe('OK')
    expect(envelope).toMatchObject({ output: [{ message: expect.any(String) }] })
  })
})

describe('parseCookies', () => {
  it('copes with spacing, other cookies, quotes and URL-encoding', () => {
    const cookies = parseCookies(
      ' a=1;qbo_uid = abc%2Ddef ;  qbo_aux=; b="x y"; junk; qbo_uid=second'
    )
    expect(cookies.get('qbo_uid')).toBe('abc-def')
    expect(cookies.get('qbo_aux')).toBe('')
    expect(cookies.get('b')).toBe('x y')
    expect(parseCookies('qbo_uid=%E0%A4%A').get('qbo_uid')).toBe('%E0%A4%A')
    expect(parseCookies(undefined).size).toBe(0)
  })
})

describe('parseSandboxArgs', () => {
  it('reads valid flags', () => {
    expect(parseSandboxArgs([])).toEqual({ ok: true, args: { json: false, help: false, port: 0 } })
    const parsed = parseSandboxArgs([
      '--json',
      '--port',
      '9601',
      '--token=abc-123',
      '--seed',
      '42',
      '--clusters',
      '6'
    ])
    expect(parsed).toEqual({
      ok: true,
      args: { json: true, help: false, port: 9601, token: 'abc-123', seed: 42, clusters: 6 }
    })
  })

  it.each([
    [['--port', '70000'], /--port/],
    [['--port', 'abc'], /--port/],
    [['--port', '1.5'], /--port/],
    [['--port'], /port/],
    [['--clusters', '-1'], /--clusters/],
    [['--token', 'has space'], /--token/],
    [['--verbose'], /verbose/],
    [['extra'], /extra/]
  ])('refuses %j', (argv, message) => {
    const parsed = parseSandboxArgs(argv)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toMatch(message)
  })
})
