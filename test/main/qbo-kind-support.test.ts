import type { ResourceKind } from '@contract'
import { afterEach, describe, expect, it } from 'vitest'
import { QboSession } from '../../src-main/providers/qbo/session'
import { ignoringSink, type SessionSink } from '../../src-main/providers/session'
import { scriptedQbo } from '../support/bare-qbo'

const token = { kind: 'token', token: 't' } as const

const payloadOf: Record<string, string> = {
  'get clusters -A': 'clusters',
  'get nodes -A': 'nodes',
  'get images': 'images',
  'get networks -A': 'networks',
  'get pods -A': 'pods',
  'get services -A': 'services',
  'get ipvs -A': 'ipvs'
}

const refusal = (cmd: string, code = 400) =>
  JSON.stringify({
    status: code === 400 ? 'BAD_REQUEST' : 'ERROR',
    code,
    command_line: `qbo ${cmd}`,
    output: [{ message: code === 400 ? `unknown command '${cmd}'` : 'qbo is unwell' }]
  })

/** A server that refuses the commands in `refused` (each with its code) and answers the rest. */
function server(refused: () => Map<string, number>) {
  const asked = new Map<string, number>()
  const ready = scriptedQbo((cmd) => {
    asked.set(cmd, (asked.get(cmd) ?? 0) + 1)
    const code = refused().get(cmd)
    if (code !== undefined) return refusal(cmd, code)
    return { [payloadOf[cmd] ?? 'output']: [] }
  })
  return { asked, ready }
}

function recordingSink() {
  const replies: string[] = []
  const said: ResourceKind[][] = []
  let derived = 0
  const sink: SessionSink = {
    ...ignoringSink,
    replaceQboReply: (payload) => {
      replies.push(payload)
      return Promise.resolve()
    },
    unsupported: (kinds) => said.push([...kinds]),
    deriveClusters: () => {
      derived++
      return Promise.resolve()
    }
  }
  return { replies, said, sink, derived: () => derived }
}

describe('each qbo list syncs on its own', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  async function open(refused: () => Map<string, number>, sink: SessionSink, reaskEvery = 3) {
    const { asked, ready } = server(refused)
    const bare = await ready
    cleanups.push(bare.close)
    const qbo = new QboSession({ url: bare.url, auth: token }, sink, {
      requestTimeoutMs: 2_000,
      reaskEvery
    })
    cleanups.push(() => qbo.close())
    await qbo.connect()
    return { qbo, asked }
  }

  it('hands on what answered and says, once, what was refused', async () => {
    const { replies, said, sink } = recordingSink()
    const refused = new Map([['get pods -A', 400]])
    const { qbo } = await open(() => refused, sink)
    await qbo.refresh()
    expect([...replies].sort()).toEqual(
      ['clusters', 'images', 'ipvs', 'networks', 'nodes', 'services'].sort()
    )
    expect(said).toEqual([['pods']])
    expect(qbo.unsupported).toEqual(['pods'])
    await qbo.refresh()
    // Known already: not said again.
    expect(said).toEqual([['pods']])
  })

  it('asks for a refused list once every reaskEvery refreshes, and at once after reconnecting', async () => {
    const { said, sink } = recordingSink()
    const refused = new Map([['get pods -A', 400]])
    const { qbo, asked } = await open(() => refused, sink, 3)
    for (let i = 0; i < 7; i++) await qbo.refresh()
    expect(asked.get('get nodes -A')).toBe(7)
    // Refreshes 1, 4 and 7.
    expect(asked.get('get pods -A')).toBe(3)
    await qbo.refresh()
    expect(asked.get('get pods -A')).toBe(3)
    await qbo.connect()
    await qbo.refresh()
    expect(asked.get('get pods -A')).toBe(4)
    qbo.askAgain()
    await qbo.refresh()
    expect(asked.get('get pods -A')).toBe(5)
    expect(said).toEqual([['pods']])
  })

  it('takes a list back once the server answers it again, and says so', async () => {
    const { replies, said, sink } = recordingSink()
    let refused = new Map([['get pods -A', 400]])
    const { qbo } = await open(() => refused, sink)
    await qbo.refresh()
    refused = new Map()
    qbo.askAgain()
    replies.length = 0
    await qbo.refresh()
    expect(replies).toContain('pods')
    expect(said).toEqual([['pods'], []])
    expect(qbo.unsupported).toEqual([])
  })

  it('asks for cluster rows from the nodes when the clusters list is refused', async () => {
    const recording = recordingSink()
    const refused = new Map([['get clusters -A', 400]])
    const { qbo } = await open(() => refused, recording.sink)
    await qbo.refresh()
    // Left out of this one, still derived: the nodes answered.
    await qbo.refresh()
    expect(recording.derived()).toBe(2)
    expect(recording.replies).not.toContain('clusters')
  })

  it.each([
    ['a server fault', 500],
    ['a refused credential', 403]
  ])('does not take %s for a refusal', async (_what, code) => {
    const { said, sink } = recordingSink()
    const refused = new Map([['get pods -A', code]])
    const { qbo } = await open(() => refused, sink)
    await expect(qbo.refresh()).rejects.toMatchObject({ code })
    expect(said).toEqual([])
    expect(qbo.unsupported).toEqual([])
  })
})
