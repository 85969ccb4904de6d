import { once } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'
import type { Sandbox } from '../../src-main/sandbox/index'
import { sandboxPool } from '../support/sandboxes'

/** A parsed message: envelope fields plus whichever payload array it carries. */
type Message = Record<string, unknown> & {
  code: number
  status: string
  command: string
  subcommand: string
  command_line: string
  command_id: string
  uuid: string
  done?: boolean
  output?: { message: string }[]
}

const RESOURCES = ['clusters', 'nodes', 'networks', 'pods', 'services', 'ipvs'] as const

const pool = sandboxPool({ stepMs: 5 })
afterEach(pool.closeAll)
const { start, track } = pool

/** Every message a socket receives, in order, with a way to await the next ones. */
class Inbox {
  private readonly seen: Message[] = []
  private read = 0
  private wake: (() => void) | undefined

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.seen.push(JSON.parse(data.toString('utf8')) as Message)
      this.wake?.()
    })
  }

  async next(): Promise<Message> {
    while (this.read >= this.seen.length) {
      await new Promise<void>((resolve) => (this.wake = resolve))
    }
    return this.seen[this.read++] as Message
  }

  /** Reads messages up to and including the first that matches. */
  async until(match: (m: Message) => boolean): Promise<Message[]> {
    const out: Message[] = []
    for (;;) {
      const message = await this.next()
      out.push(message)
      if (match(message)) return out
    }
  }

  /** Whatever has arrived and not been read yet. */
  unread(): Message[] {
    return this.seen.slice(this.read)
  }

  send(cmd: string, uuid = 'caller'): void {
    this.ws.send(JSON.stringify({ cmd, uuid }))
  }

  /** Sends a command and returns its answer, passing over mirror updates that come first. */
  async ask(cmd: string, uuid = 'caller'): Promise<Message> {
    this.send(cmd, uuid)
    const commandLine = ['qbo', ...cmd.trim().split(/\s+/)].join(' ')
    const read = await this.until((m) => m.command_line === commandLine)
    return read.at(-1) as Message
  }
}

async function connect(sandbox: Sandbox): Promise<Inbox> {
  const { url, token } = sandbox.connection().qbo
  const ws = track(new WebSocket(url, 'qbo', { headers: { Cookie: `qbo_uid=${token}; qbo_aux=` } }))
  const inbox = new Inbox(ws)
  await once(ws, 'open')
  return inbox
}

const isMirror = (m: Message) => m.command === 'CMD_GET'
/**
 * The sandbox's step timers, told apart by their delay (tests use a minute-long step): counting
 * every timer of the process would also count other sockets' timers coming and going meanwhile.
 */
function watchStepTimers(stepMs: number) {
  const steps = new Set<unknown>()
  const cleared = new Set<unknown>()
  const realSet = globalThis.setTimeout
  const realClear = globalThis.clearTimeout
  const spies = [
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
      ...args: Parameters<typeof setTimeout>
    ) => {
      const timer = realSet(...args)
      const ms = args[1]
      if (ms === stepMs) steps.add(timer)
      return timer
    }) as typeof setTimeout),
    vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((timer?: NodeJS.Timeout) => {
      cleared.add(timer)
      realClear(timer)
    }) as typeof clearTimeout)
  ]
  return {
    scheduled: () => steps.size,
    allCleared: () => [...steps].every((t) => cleared.has(t)),
    restore: () => spies.forEach((spy) => spy.mockRestore())
  }
}
const resourcesOf = (m: Message) => RESOURCES.filter((key) => key in m)
const lineOf = (m: Message) => m.output?.map((o) => o.message).join('\n') ?? ''

/** The command's own messages: the reply and every progress line, up to `done`. */
async function progression(inbox: Inbox, commandLine: string) {
  const all = await inbox.until((m) => m.command_line === commandLine && m.done === true)
  const own = all.filter((m) => m.command_line === commandLine)
  return { own, mirrors: all.filter(isMirror) }
}

/** Mirror updates up to the one saying `kind` object `name` reached `state`. */
function mirrorsUntil(inbox: Inbox, kind: (typeof RESOURCES)[number], name: string, state: string) {
  return inbox.until((m) => {
    const items = m[kind]
    return (
      isMirror(m) &&
      Array.isArray(items) &&
      items.some((i: { name?: string; state?: string }) => i.name === name && i.state === state)
    )
  })
}

describe('long actions over WebSocket', () => {
  it('adds a cluster: reply, progress lines ending done, and mirror updates to every client', async () => {
    const sandbox = await start()
    const actor = await connect(sandbox)
    const watcher = await connect(sandbox)
    await watcher.ask('version', 'watcher')

    actor.send('add   cluster demo -n 2', 'actor')
    const reply = await actor.next()
    expect(reply).toMatchObject({
      status: 'OK',
      code: 200,
      command: 'CMD_ADD',
      subcommand: 'SUBCMD_CLUSTER',
      command_line: 'qbo add cluster demo -n 2',
      uuid: 'actor',
      output: [{ message: 'Creating cluster demo' }]
    })
    expect(resourcesOf(reply)).toEqual([])
    expect(reply.done).toBeUndefined()

    const { own, mirrors } = await progression(actor, 'qbo add cluster demo -n 2')
    const lines = own.map(lineOf)
    expect(lines).toEqual([
      'Pulling hub.docker.com/kindest/node:v1.27.2',
      'Creating network demo (172.18.4.0/24)',
      expect.stringMatching(/^Creating control plane control-[0-9a-f]{8}\.localhost$/),
      expect.stringMatching(/^Creating node node-[0-9a-f]{8}\.localhost$/),
      expect.stringMatching(/^Creating node node-[0-9a-f]{8}\.localhost$/),
      'Waiting for nodes to become ready',
      'Cluster demo is ready'
    ])
    for (const [index, message] of own.entries()) {
      expect(message).toMatchObject({
        code: 200,
        status: 'OK',
        command: 'CMD_ADD',
        subcommand: 'SUBCMD_CLUSTER',
        command_id: reply.command_id,
        uuid: 'actor'
      })
      expect(resourcesOf(message)).toEqual([])
      expect(message.done).toBe(index === own.length - 1 ? true : undefined)
    }

    // The watcher never asked, yet sees the cluster come up, one object kind per message.
    const seen = await mirrorsUntil(watcher, 'clusters', 'demo', 'running')
    for (const message of [...seen, ...mirrors]) {
      expect(message).toMatchObject({ code: 200, status: 'OK', command: 'CMD_GET' })
      expect(resourcesOf(message)).toHaveLength(1)
      expect(message.command_line).toMatch(
        /^qbo get (clusters|nodes|networks|pods|services|ipvs) demo$/
      )
    }
    expect(seen[0]).toMatchObject({ clusters: [{ name: 'demo', state: 'creating' }] })
    expect(seen.find((m) => 'networks' in m)).toMatchObject({
      networks: [{ name: 'demo', subnet: '172.18.4.0/24' }]
    })
    const nodeStates = seen.flatMap((m) => (m.nodes as { state: string }[] | undefined) ?? [])
    expect(nodeStates.filter((n) => n.state === 'creating')).toHaveLength(3)
    expect(nodeStates.filter((n) => n.state === 'ready')).toHaveLength(3)
    const kinds = seen.map((m) => resourcesOf(m)[0])
    expect(kinds.slice(-4)).toEqual(['pods', 'services', 'ipvs', 'clusters'])
    expect(seen.every((m) => m.uuid === 'watcher')).toBe(true)
    // The actor got the same updates, interleaved with its progress lines.
    expect(mirrors.map((m) => m.command_line)).toEqual(seen.map((m) => m.command_line))

    const cluster = await watcher.ask('get clusters demo')
    expect(cluster.clusters).toEqual([expect.objectContaining({ state: 'running' })])
    const pods = await watcher.ask('get pods demo')
    expect((pods.pods as unknown[]).length).toBeGreaterThan(0)
    const kubeconfig = await watcher.ask('get cluster demo -k')
    expect(kubeconfig.output).toEqual([
      { kubeconfig: expect.stringContaining('server: https://172.18.4.2:6443') }
    ])
    expect(sandbox.qbo.hub.nodes.filter((n) => n.cluster === 'demo')).toHaveLength(3)
  })

  it('stops, starts and deletes a cluster, announcing each change', async () => {
    const sandbox = await start()
    const { hub } = sandbox.qbo
    const actor = await connect(sandbox)
    const watcher = await connect(sandbox)
    const nodes = hub.nodes.filter((n) => n.cluster === 'alex').map((n) => n.name)
    const podCount = hub.pods.filter((p) => p.cluster === 'alex').length

    const stopReply = await actor.ask('stop clusters alex')
    expect(stopReply).toMatchObject({
      command: 'CMD_STOP',
      output: [{ message: 'Stopping cluster alex' }]
    })
    const stop = await progression(actor, 'qbo stop clusters alex')
    expect(stop.own.map(lineOf)).toEqual([
      ...nodes.map((n) => `Stopping node ${n}`),
      'Cluster alex is stopped'
    ])
    const stopSeen = await mirrorsUntil(watcher, 'clusters', 'alex', 'stopped')
    expect(stopSeen[0]).toMatchObject({ clusters: [{ name: 'alex', state: 'stopping' }] })
    const removedPods = stopSeen.flatMap((m) => (m.pods as { state: string }[] | undefined) ?? [])
    expect(removedPods).toHaveLength(podCount)
    expect(removedPods.every((p) => p.state === 'deleted')).toBe(true)
    expect(hub.clusters.find((c) => c.name === 'alex')?.state).toBe('stopped')
    expect(hub.nodes.filter((n) => n.cluster === 'alex').every((n) => n.state === 'stopped')).toBe(
      true
    )
    expect(hub.pods.filter((p) => p.cluster === 'alex')).toEqual([])

    await actor.ask('start cluster alex')
    const started = await progression(actor, 'qbo start cluster alex')
    expect(started.own.map(lineOf)).toEqual([
      ...nodes.map((n) => `Starting node ${n}`),
      'Cluster alex is running'
    ])
    await mirrorsUntil(watcher, 'clusters', 'alex', 'running')
    expect(hub.nodes.filter((n) => n.cluster === 'alex').every((n) => n.state === 'ready')).toBe(
      true
    )
    expect(hub.pods.filter((p) => p.cluster === 'alex').length).toBe(podCount)

    const deleteReply = await actor.ask('delete clusters alex')
    expect(deleteReply).toMatchObject({
      command: 'CMD_DELETE',
      output: [{ message: 'Deleting cluster alex' }]
    })
    const deleted = await progression(actor, 'qbo delete clusters alex')
    expect(deleted.own.map(lineOf)).toEqual([
      ...nodes.map((n) => `Deleting node ${n}`),
      'Deleting network alex',
      'Cluster alex deleted'
    ])
    const deleteSeen = await mirrorsUntil(watcher, 'clusters', 'alex', 'deleted')
    const gone = (kind: (typeof RESOURCES)[number]) =>
      deleteSeen.flatMap((m) => (m[kind] as { state: string }[] | undefined) ?? [])
    expect(gone('nodes').map((n) => n.state)).toEqual(nodes.map(() => 'deleted'))
    expect(gone('networks')).toEqual([expect.objectContaining({ name: 'alex', state: 'deleted' })])
    expect(gone('services').every((s) => s.state === 'deleted')).toBe(true)
    for (const kind of RESOURCES) {
      expect(
        (hub[kind] as { cluster?: string; name?: string }[]).filter(
          (x) => x.cluster === 'alex' || x.name === 'alex'
        )
      ).toEqual([])
    }
    expect(await actor.ask('get clusters alex')).toMatchObject({ code: 404 })
    expect(await actor.ask('get pods alex')).toMatchObject({ code: 404 })
  })

  it('says a cluster already is where it was asked to go, with nothing to follow', async () => {
    const sandbox = await start({ stepMs: 60_000 })
    const actor = await connect(sandbox)
    const timers = watchStepTimers(60_000)
    const already = await actor.ask('start clusters alex').finally(timers.restore)
    expect(already).toMatchObject({
      code: 200,
      status: 'OK',
      command: 'CMD_START',
      done: true,
      output: [{ message: 'Cluster alex is already running' }]
    })
    // Nothing was scheduled and nothing was pushed.
    expect(timers.scheduled()).toBe(0)
    expect(actor.unread()).toEqual([])
    expect(sandbox.qbo.hub.clusters.find((c) => c.name === 'alex')?.state).toBe('running')
  })

  it('refuses bad actions with a full envelope and plain words', async () => {
    const sandbox = await start()
    const actor = await connect(sandbox)
    const cases: [string, number, RegExp][] = [
      ['add cluster alex', 409, /^cluster alex already exists$/],
      ['add cluster demo -i hub.docker.com/kindest/node:v9.9.9', 404, /image .* not found/],
      ['start clusters nope', 404, /cluster 'nope' not found/],
      ['stop cluster nope', 404, /not found/],
      ['delete cluster alex nope', 404, /cluster 'nope' not found/],
      ['add cluster demo -n abc', 400, /-n/],
      ['add cluster demo -n 0', 400, /-n/],
      ['add cluster demo --bogus', 400, /--bogus/],
      ['add cluster', 400, /NAME/],
      ['add cluster bad/name', 400, /invalid cluster name/],
      ['stop clusters', 400, /NAME or -A/],
      ['delete pods alex', 400, /unknown resource/],
      ['reboot everything', 400, /unknown command/]
    ]
    for (const [cmd, code, message] of cases) {
      const answer = await actor.ask(cmd, 'me')
      expect(answer, cmd).toMatchObject({ code, uuid: 'me', command_line: `qbo ${cmd}` })
      expect(answer.status, cmd).not.toBe('OK')
      expect(lineOf(answer), cmd).toMatch(message)
      expect(answer.done, cmd).toBeUndefined()
    }
    const malformed = actor.next()
    actor.ws.send('{"cmd": "add cluster x"')
    expect(await malformed).toMatchObject({ code: 400, output: [{ message: expect.any(String) }] })

    // Busy: a cluster being created cannot be stopped or deleted meanwhile.
    await actor.ask('add cluster demo')
    const busy = await actor.ask('delete cluster demo')
    expect(busy).toMatchObject({ code: 409, command: 'CMD_DELETE' })
    expect(lineOf(busy)).toMatch(/busy \(creating\)/)
    expect(sandbox.qbo.hub.clusters.map((c) => c.name)).toEqual([
      'alex',
      'staging',
      'ci-runners',
      'edge-lab',
      'demo'
    ])
  })

  it('fails an armed action with a final code 500 message', async () => {
    const sandbox = await start()
    const actor = await connect(sandbox)
    const watcher = await connect(sandbox)
    sandbox.qbo.failNext('add', 'no space left on device')
    sandbox.qbo.failNext('stop', 'node did not stop')
    expect(() => sandbox.qbo.failNext('reboot' as 'add', 'x')).toThrow(RangeError)

    await actor.ask('add cluster demo')
    const add = await progression(actor, 'qbo add cluster demo')
    const last = add.own.at(-1)
    expect(add.own.length).toBe(3)
    expect(last).toMatchObject({
      code: 500,
      status: 'ERROR',
      command: 'CMD_ADD',
      subcommand: 'SUBCMD_CLUSTER',
      done: true,
      output: [{ message: 'no space left on device' }]
    })
    await mirrorsUntil(watcher, 'clusters', 'demo', 'error')
    expect(sandbox.qbo.hub.clusters.find((c) => c.name === 'demo')?.state).toBe('error')

    await actor.ask('stop clusters staging')
    const stop = await progression(actor, 'qbo stop clusters staging')
    expect(stop.own.at(-1)).toMatchObject({ code: 500, status: 'ERROR', done: true })
    expect(lineOf(stop.own.at(-1) as Message)).toBe('node did not stop')
    await mirrorsUntil(watcher, 'clusters', 'staging', 'running')
    expect(sandbox.qbo.hub.clusters.find((c) => c.name === 'staging')?.state).toBe('running')

    // The failure was used up: the next stop goes through.
    await actor.ask('stop clusters staging')
    const again = await progression(actor, 'qbo stop clusters staging')
    expect(again.own.at(-1)).toMatchObject({ code: 200, done: true })
  })

  it('cancels running actions on close, leaving no timers behind', async () => {
    const sandbox = await start({ stepMs: 60_000 })
    const actor = await connect(sandbox)
    const timers = watchStepTimers(60_000)
    try {
      await actor.ask('add cluster demo')
      expect(await actor.next()).toMatchObject({
        clusters: [{ name: 'demo', state: 'creating' }]
      })
      // The first step is scheduled a minute out.
      expect(timers.scheduled()).toBe(1)
      const closed = once(actor.ws, 'close')
      await sandbox.close()
      await closed
      expect(timers.allCleared()).toBe(true)
      expect(actor.unread()).toEqual([])
    } finally {
      timers.restore()
    }
  })
})
