import { afterEach, describe, expect, it } from 'vitest'
import { parseSandboxArgs } from '../../src-main/sandbox/cli-args'
import { startSandbox } from '../../src-main/sandbox/index'
import { sandboxPool } from '../support/sandboxes'
import type { QboInbox } from '../support/sandboxes'

const pool = sandboxPool({ stepMs: 1 })
afterEach(pool.closeAll)

interface Reply {
  code: number
  status: string
  command_line: string
  command: string
  subcommand: string
  apicommand: string
  source: string
  images?: { name: string; tag: string }[]
  output?: { message: string }[]
  [payload: string]: unknown
}

/** Sends one command and reads its answer (nothing here runs an action that would push more). */
async function ask(inbox: QboInbox, cmd: string): Promise<Reply> {
  inbox.send(cmd, 'fidelity')
  return inbox.next<Reply>()
}

const LISTS = ['nodes', 'images', 'networks', 'clusters', 'pods', 'services', 'ipvs'] as const

describe('qbo sandbox: the all-namespace flag', () => {
  it('takes --all and -A on every list and echoes -A, as recorded replies do', async () => {
    const sandbox = await pool.start()
    const inbox = await pool.openQbo(sandbox)
    for (const kind of LISTS) {
      const long = await ask(inbox, `get ${kind} --all`)
      const short = await ask(inbox, `get ${kind} -A`)
      expect(long, kind).toMatchObject({ code: 200, command_line: `qbo get ${kind} -A` })
      expect(short.command_line).toBe(`qbo get ${kind} -A`)
      expect(long[kind]).toEqual(short[kind])
      expect((long[kind] as unknown[]).length, kind).toBeGreaterThan(0)
    }
    // Both spellings are one command to the server.
    expect(sandbox.qbo.requests.get('get nodes -A')).toBe(2)
    expect(sandbox.qbo.requests.has('get nodes --all')).toBe(false)
  })
})

describe('qbo sandbox: envelopes vary by command', () => {
  it('marks get images as a registry lookup and names a source line per command', async () => {
    const sandbox = await pool.start()
    const inbox = await pool.openQbo(sandbox)
    const images = await ask(inbox, 'get images')
    const nodes = await ask(inbox, 'get nodes -A')
    const version = await ask(inbox, 'version')
    const refused = await ask(inbox, 'get nothing-such')
    expect(images.apicommand).toBe('APICMD_REGISTRY_AUTH')
    expect(nodes.apicommand).toBe('APICMD_NONE')
    expect(version.apicommand).toBe('APICMD_NONE')
    // The seed document shows qbo.c:7147 for every get; others differ.
    expect(images.source).toBe('qbo.c:7147')
    expect(nodes.source).toBe('qbo.c:7147')
    expect(version.source).not.toBe('qbo.c:7147')
    expect(refused.code).toBe(400)
    expect(new Set([nodes.source, version.source, refused.source]).size).toBe(3)
    for (const source of [version.source, refused.source]) {
      expect(source).toMatch(/^[a-z_]+\.c:\d+$/)
    }
  })

  it('lists a node image of every kind family from v1.18 up, the clusters’ own among them', async () => {
    const sandbox = await pool.start()
    const inbox = await pool.openQbo(sandbox)
    const { images = [] } = await ask(inbox, 'get images -A')
    const minors = new Set(images.map((i) => Number(i.tag.split('.')[1])))
    for (let minor = 18; minor <= 34; minor++) expect(minors, `v1.${minor}`).toContain(minor)
    const names = images.map((i) => i.name)
    for (const tag of ['v1.27.2', 'v1.29.2']) {
      expect(names).toContain(`hub.docker.com/kindest/node:${tag}`)
    }
    for (const node of sandbox.qbo.hub.nodes) {
      expect(names).toContain(`hub.docker.com/${node.image}`)
    }
    // Oldest first, as versions (v1.9 < v1.18), not as text.
    const versions = images.map((i) => i.tag.slice(1).split('.').map(Number))
    const sorted = [...versions].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!)
    expect(versions).toEqual(sorted)
  })
})

describe('qbo sandbox: a narrower, older server', () => {
  it('answers nodes, images, networks and version; refuses the rest; counts every request', async () => {
    const sandbox = await pool.start({ qboNarrow: true })
    expect(sandbox.qbo.getKinds).toEqual(['nodes', 'images', 'networks'])
    const inbox = await pool.openQbo(sandbox)
    for (const cmd of ['get nodes -A', 'get images --all', 'get net -A', 'version']) {
      expect((await ask(inbox, cmd)).code, cmd).toBe(200)
    }
    const clustersBefore = structuredClone(sandbox.qbo.hub.clusters)
    const refusals = [
      'get clusters -A',
      'get pods --all',
      'get services -A',
      'get ipvs -A',
      'get cluster alex -k',
      'add cluster lab',
      'stop clusters alex'
    ]
    for (const cmd of refusals) {
      const answer = await ask(inbox, cmd)
      const line = cmd.replace('--all', '-A')
      expect(answer, cmd).toMatchObject({
        code: 400,
        status: 'BAD_REQUEST',
        command_line: `qbo ${line}`,
        output: [{ message: `unknown command '${line}'` }]
      })
      expect(Object.keys(answer), cmd).not.toContain('clusters')
    }
    // Nothing was done: the refused actions changed no cluster.
    expect(sandbox.qbo.hub.clusters).toEqual(clustersBefore)
    await ask(inbox, 'get clusters --all')
    expect(sandbox.qbo.requests.get('get clusters -A')).toBe(2)
    expect(sandbox.qbo.requests.get('get pods -A')).toBe(1)
    expect(sandbox.qbo.requests.get('version')).toBe(1)
    sandbox.qbo.requests.clear()
    expect(sandbox.qbo.requests.size).toBe(0)
  })

  it('takes any list of kinds, by their get names, and nothing unknown', async () => {
    const sandbox = await pool.start({ qboCommands: ['node', 'svc'] })
    expect(sandbox.qbo.getKinds).toEqual(['nodes', 'services'])
    const inbox = await pool.openQbo(sandbox)
    expect((await ask(inbox, 'get services -A')).code).toBe(200)
    expect((await ask(inbox, 'get images -A')).code).toBe(400)
    await expect(startSandbox({ qboCommands: ['users'] })).rejects.toThrow(RangeError)
    await expect(startSandbox({ qboNarrow: true, qboCommands: ['nodes'] })).rejects.toThrow(
      RangeError
    )
    // The full server answers everything and says so.
    expect((await pool.start()).qbo.getKinds).toBeNull()
  })

  it('is a command-line flag too', () => {
    const narrow = parseSandboxArgs(['--qbo-narrow'])
    expect(narrow).toMatchObject({
      ok: true,
      args: { qboCommands: ['nodes', 'images', 'networks'] }
    })
    expect(parseSandboxArgs(['--qbo-commands', 'nodes,pods'])).toMatchObject({
      ok: true,
      args: { qboCommands: ['nodes', 'pods'] }
    })
    for (const bad of [
      ['--qbo-commands', 'nodes,users'],
      ['--qbo-commands', '']
    ]) {
      expect(parseSandboxArgs(bad).ok, bad.join(' ')).toBe(false)
    }
    expect(parseSandboxArgs(['--qbo-narrow', '--qbo-commands', 'nodes']).ok).toBe(false)
    // Without the flags, the parsed arguments are as they always were.
    expect(parseSandboxArgs([])).toEqual({ ok: true, args: { json: false, help: false, port: 0 } })
  })
})
