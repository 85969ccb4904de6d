import type { ResourceKind } from '@contract'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import type { AnyRecord } from '../../src-main/cache/records'
import { QboSession } from '../../src-main/providers/qbo/session'
import type { SessionSink } from '../../src-main/providers/session'
import { bareServer, scriptedQbo, type BareServer } from '../support/bare-qbo'

const UPDATES = 20_000
const NODES = 100

/** A qbo-like server that, once a client is connected, does whatever `flood` does to it. */
function flooder(flood: (ws: WebSocket) => void): Promise<BareServer> {
  return bareServer((ws) => setImmediate(() => flood(ws)))
}

const nodeUpdate = (name: string, state: string): string =>
  JSON.stringify({
    status: 'OK',
    code: 200,
    command_line: `qbo get nodes ${name}`,
    nodes: [{ name, state, cluster: 'c1' }]
  })

/** Applies what the sink is told to a map, as the cache would, and counts the calls. */
class RecordingSink implements SessionSink {
  readonly nodes = new Map<string, string>()
  patches = 0
  removes = 0
  problems: string[] = []
  private waiter: { done(): boolean; resolve(): void } | null = null

  replace = (): Promise<void> => Promise.resolve()
  replaceQboReply = (): Promise<void> => Promise.resolve()
  replaceInParts = () => ({ add() {}, abort() {}, commit: () => Promise.resolve() })
  patch<K extends ResourceKind>(kind: K, records: AnyRecord[]): void {
    this.patches++
    if (kind !== 'nodes') return
    for (const r of records as Array<{ name: string; state: string }>)
      this.nodes.set(r.name, r.state)
    this.check()
  }
  readonly removed: string[] = []
  remove(kind: ResourceKind, keys: string[]): void {
    this.removes++
    for (const k of keys) this.removed.push(`${kind}:${k}`)
    if (kind === 'nodes') for (const k of keys) this.nodes.delete(k)
    this.check()
  }
  dropped(): void {}
  problem(message: string): void {
    this.problems.push(message)
    this.check()
  }

  /** Resolves once `done` holds after some call; rejects past `ms` (a bound, not a pause). */
  until(done: () => boolean, ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not reached within ${ms} ms`)), ms)
      this.waiter = {
        done,
        resolve: () => {
          clearTimeout(timer)
          resolve()
        }
      }
      this.check()
    })
  }

  private check(): void {
    if (this.waiter?.done()) {
      this.waiter.resolve()
      this.waiter = null
    }
  }
}

describe('a qbo server flooding unsolicited updates', () => {
  let server: Awaited<ReturnType<typeof flooder>> | undefined
  let session: QboSession | undefined
  afterEach(async () => {
    session?.close()
    await server?.close()
  })

  it('coalesces 20,000 node updates into a few patches, the latest per node winning', async () => {
    const expected = new Map<string, string>()
    server = await flooder((ws) => {
      for (let i = 0; i < UPDATES; i++) {
        const name = `n${i % NODES}`
        const state = i >= UPDATES - NODES && i % NODES === 0 ? 'deleted' : `s${i}`
        ws.send(nodeUpdate(name, state))
        if (state === 'deleted') expected.delete(name)
        else expected.set(name, state)
      }
    })
    const sink = new RecordingSink()
    session = new QboSession({ url: server.url, auth: { kind: 'token', token: 't' } }, sink)
    await session.connect()

    await sink.until(
      () =>
        expected.size === NODES - 1 &&
        sink.nodes.size === expected.size &&
        [...expected].every(([name, state]) => sink.nodes.get(name) === state),
      10_000
    )
    expect(sink.nodes.has('n0')).toBe(false)
    // One patch per kind per 100 ms window at most: a flood of seconds is tens of calls.
    expect(sink.patches).toBeLessThan(100)
    expect(sink.removes).toBeLessThan(100)
    expect(sink.problems).toEqual([])
  })

  it('never holds more than its bound of objects waiting, however many distinct ones come', async () => {
    server = await flooder((ws) => {
      for (let i = 0; i < UPDATES; i++) ws.send(nodeUpdate(`d${i}`, 'ready'))
    })
    const sink = new RecordingSink()
    const largest: number[] = []
    const patch = sink.patch.bind(sink)
    sink.patch = (kind, records) => {
      largest.push(records.length)
      patch(kind, records)
    }
    session = new QboSession({ url: server.url, auth: { kind: 'token', token: 't' } }, sink, {
      mirror: { maxPending: 1_000 }
    })
    await session.connect()

    await sink.until(() => sink.nodes.size === UPDATES, 10_000)
    expect(Math.max(...largest)).toBeLessThanOrEqual(1_000)
    // Handed on a thousand at a time: some twenty calls, not twenty thousand.
    expect(largest.length).toBeLessThan(100)
  })

  it('reports a flood of malformed updates as one problem per window, counting the rest', async () => {
    const MALFORMED = 5_000
    server = await flooder((ws) => {
      for (let i = 0; i < MALFORMED; i++)
        ws.send(`{"status":"OK","code":200,"nodes":[{"name":${i}}]}`)
    })
    const sink = new RecordingSink()
    session = new QboSession({ url: server.url, auth: { kind: 'token', token: 't' } }, sink)
    await session.connect()

    const counted = () =>
      sink.problems.reduce((n, p) => n + 1 + Number(/and (\d+) more like it/.exec(p)?.[1] ?? 0), 0)
    await sink.until(() => counted() === MALFORMED, 10_000)
    expect(sink.problems.length).toBeLessThan(100)
    expect(sink.problems[0]).toMatch(
      /^The qbo server sent malformed nodes: .* \(and \d+ more like it\)$/
    )
  })
})

describe('a push that carries the command line of a pending request', () => {
  let server: BareServer | undefined
  let session: QboSession | undefined
  afterEach(async () => {
    session?.close()
    await server?.close()
  })

  it('reads a cluster pushed as deleted as gone, and drops it from the cache', async () => {
    // qbo pushes a departure as `qbo get clusters NAME`: the same line as the asker's request.
    server = await scriptedQbo(() => ({
      command_line: 'qbo get clusters staging',
      clusters: [{ name: 'staging', state: 'deleted' }]
    }))
    const sink = new RecordingSink()
    session = new QboSession({ url: server.url, auth: { kind: 'token', token: 't' } }, sink)
    await session.connect()

    expect(await session.clusterState('staging')).toBeNull()
    await sink.until(() => sink.removed.includes('clusters:staging'), 5_000)
  })
})
