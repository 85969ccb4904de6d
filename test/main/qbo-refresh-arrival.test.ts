import { afterEach, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import type { QboPayloadKind } from '../../src-main/providers/qbo/schemas'
import { QboSession } from '../../src-main/providers/qbo/session'
import { ignoringSink, type SessionSink } from '../../src-main/providers/session'
import { bareServer } from '../support/bare-qbo'

const token = { kind: 'token', token: 't' } as const

const reply = (cmd: string, body: Record<string, unknown>) =>
  JSON.stringify({ status: 'OK', code: 200, command_line: `qbo ${cmd}`, ...body })

const payloadOf: Record<string, string> = {
  'get clusters -A': 'clusters',
  'get nodes -A': 'nodes',
  'get images': 'images',
  'get networks -A': 'networks',
  'get pods -A': 'pods',
  'get services -A': 'services',
  'get ipvs -A': 'ipvs'
}

/** What the session told its sink, in order. */
function recordingSink(onReply: (payload: QboPayloadKind) => void = () => {}) {
  const calls: string[] = []
  const sink: SessionSink = {
    ...ignoringSink,
    replaceQboReply: (payload) => {
      calls.push(`reply ${payload}`)
      onReply(payload)
      return Promise.resolve()
    },
    patch: (kind, records) => {
      calls.push(`patch ${kind} ${records.length}`)
    }
  }
  return { calls, sink }
}

describe('a qbo refresh hands each reply on as it arrives', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  async function session(serve: (ws: WebSocket) => void, sink: SessionSink) {
    const server = await bareServer(serve)
    cleanups.push(server.close)
    // Mirror updates wait far longer than the test: only a refresh's answer moves them on.
    const qbo = new QboSession({ url: server.url, auth: token }, sink, {
      requestTimeoutMs: 2_000,
      mirror: { windowMs: 3_600_000 }
    })
    cleanups.push(() => qbo.close())
    await qbo.connect()
    return qbo
  }

  it('does not hold the replies that came until the slowest has come', async () => {
    let releaseNodes: () => void = () => {}
    const { calls, sink } = recordingSink(() => {
      if (calls.length === 6) releaseNodes()
    })
    const qbo = await session((ws) => {
      ws.on('message', (data) => {
        const { cmd } = JSON.parse(String(data)) as { cmd: string }
        const text = reply(cmd, { [payloadOf[cmd]!]: [] })
        // The nodes answer comes only once every other answer has reached the sink.
        if (cmd === 'get nodes -A') releaseNodes = () => ws.send(text)
        else ws.send(text)
      })
    }, sink)
    // With every reply held until all had come, the nodes answer would never be sent.
    await qbo.refresh()
    expect(calls).toHaveLength(7)
    expect(calls[6]).toBe('reply nodes')
  })

  it('writes the mirror updates that came before an answer ahead of it', async () => {
    const { calls, sink } = recordingSink()
    const qbo = await session((ws) => {
      ws.on('message', (data) => {
        const { cmd } = JSON.parse(String(data)) as { cmd: string }
        if (cmd === 'get pods -A') {
          // An update nobody asked for, then the answer.
          ws.send(reply('get nodes n1', { nodes: [{ name: 'n1', state: 'ready', cluster: 'c' }] }))
        }
        ws.send(reply(cmd, { [payloadOf[cmd]!]: [] }))
      })
    }, sink)
    await qbo.refresh()
    expect(calls).toContain('patch nodes 1')
    expect(calls.indexOf('patch nodes 1')).toBeLessThan(calls.indexOf('reply pods'))
  })

  it('drops the replies still arriving once one request has failed', async () => {
    const { calls, sink } = recordingSink()
    const qbo = await session((ws) => {
      ws.on('message', (data) => {
        const { cmd } = JSON.parse(String(data)) as { cmd: string }
        if (cmd === 'version') ws.send(reply(cmd, { version: [] }))
        if (cmd !== 'get clusters -A') return
        ws.send(
          JSON.stringify({
            status: 'ERROR',
            code: 500,
            command_line: `qbo ${cmd}`,
            output: [{ message: 'qbo is unwell' }]
          })
        )
        // Every other answer comes after the failure.
        for (const other of Object.keys(payloadOf).filter((c) => c !== cmd)) {
          ws.send(reply(other, { [payloadOf[other]!]: [] }))
        }
      })
    }, sink)
    await expect(qbo.refresh()).rejects.toMatchObject({ message: 'qbo is unwell' })
    // Answered after those (one socket, in order): by now every late answer has been read.
    await qbo.version()
    expect(calls).toEqual([])
  })
})
