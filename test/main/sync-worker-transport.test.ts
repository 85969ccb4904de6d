import { afterEach, describe, expect, it } from 'vitest'
import { CycleApi } from '../../src-main/providers/cycle/api'
import { QboClient } from '../../src-main/providers/qbo/client'
import { peekCommandLine } from '../../src-main/providers/qbo/peek-command-line'
import type { ProviderError } from '../../src-main/providers/errors'
import { startSandbox } from '../../src-main/sandbox'
import { scriptedQbo } from '../support/bare-qbo'

const token = { kind: 'token', token: 't' } as const
const filler = (bytes: number) =>
  Array.from({ length: Math.ceil(bytes / 60) }, (_, i) => ({ name: `node-${i}`, state: 'ready' }))

describe('finding a qbo reply’s command line without parsing it', () => {
  it('reads it from the head of the envelope, as qbo writes it', () => {
    const text = JSON.stringify({
      status: 'OK',
      command_line: 'qbo get nodes -A',
      nodes: filler(20_000)
    })
    expect(peekCommandLine(Buffer.from(text))).toBe('qbo get nodes -A')
  })

  it('reads it from the tail when the envelope comes after the payload', () => {
    const text = JSON.stringify({
      nodes: filler(20_000),
      status: 'OK',
      command_line: 'qbo get pods -A'
    })
    expect(peekCommandLine(Buffer.from(text))).toBe('qbo get pods -A')
  })

  it('unescapes it, and is not fooled by the same words inside a string value', () => {
    const fooled = { name: '"command_line":"qbo delete cluster x"', state: 'ready' }
    const text = JSON.stringify({ nodes: [fooled], command_line: 'qbo get "odd" -A' })
    expect(peekCommandLine(Buffer.from(text))).toBe('qbo get "odd" -A')
  })

  it('says null when neither end has it', () => {
    const text = JSON.stringify({ command: 'x', nodes: filler(20_000), status: 'OK' })
    expect(peekCommandLine(Buffer.from(text))).toBeNull()
  })
})

describe('a raw qbo request', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  async function client(reply: (cmd: string) => Record<string, unknown> | string) {
    const server = await scriptedQbo(reply)
    cleanups.push(server.close)
    const qbo = new QboClient({ url: server.url, auth: token })
    cleanups.push(() => qbo.close())
    await qbo.connect()
    return qbo
  }

  it('hands a large reply over as received, unparsed (text no parser would take)', async () => {
    // Valid up to the payload, then not JSON at all: only a reply nobody parsed gets through.
    const text = `{"status":"OK","code":200,"command_line":"qbo get nodes -A","nodes":[${'x'.repeat(400_000)}`
    const qbo = await client(() => text)
    const malformed: ProviderError[] = []
    qbo.on('malformed', (e) => malformed.push(e))
    const bytes = await qbo.requestRaw('get nodes -A')
    expect(Buffer.from(bytes).toString()).toBe(text)
    expect(malformed).toEqual([])
  })

  it('parses a small reply here: a failed command still rejects with its explanation', async () => {
    const qbo = await client((cmd) => ({
      status: 'ERROR',
      code: 404,
      command_line: `qbo ${cmd}`,
      output: [{ message: 'no such thing' }]
    }))
    await expect(qbo.requestRaw('get nodes -A')).rejects.toMatchObject({
      kind: 'rejected',
      message: 'no such thing'
    })
  })

  it('leaves a large message nobody asked for raw to the parsed path (a mirror update)', async () => {
    const push = JSON.stringify({
      status: 'OK',
      code: 200,
      command_line: 'qbo mirror',
      nodes: filler(400_000)
    })
    const server = await scriptedQbo(() => push)
    cleanups.push(server.close)
    const qbo = new QboClient({ url: server.url, auth: token })
    cleanups.push(() => qbo.close())
    await qbo.connect()
    const pushed = new Promise<number>((done) =>
      qbo.on('push', (m) => done((m.nodes as unknown[]).length))
    )
    void qbo.requestRaw('get nodes -A').catch(() => {})
    expect(await pushed).toBe(filler(400_000).length)
  })
})

describe('Cycle lists read with pages in flight together', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  it('keeps at most four pages in flight, and reads the list whole and in order', async () => {
    const sandbox = await startSandbox({ cycleImages: 2_000 })
    cleanups.push(() => sandbox.close())
    let inFlight = 0
    let most = 0
    const counting: typeof fetch = async (input, init) => {
      inFlight++
      most = Math.max(most, inFlight)
      try {
        return await fetch(input, init)
      } finally {
        inFlight--
      }
    }
    const credentials = sandbox.connection().cycle
    const together = await new CycleApi(credentials, { fetch: counting }).images()
    const oneByOne = await new CycleApi(credentials, { listConcurrency: 1 }).images()
    expect(most).toBe(4)
    expect(together.length).toBe(sandbox.cycle.state.images.length)
    expect(together.map((i) => i.id)).toEqual(oneByOne.map((i) => i.id))
  })

  it('hands each page on as it comes when asked to, keeping nothing itself', async () => {
    const sandbox = await startSandbox({ cycleImages: 500 })
    cleanups.push(() => sandbox.close())
    const pages: number[] = []
    const kept = await new CycleApi(sandbox.connection().cycle).images({
      each: (page) => {
        pages.push(page.length)
      }
    })
    expect(kept).toEqual([])
    expect(pages.reduce((a, b) => a + b, 0)).toBe(sandbox.cycle.state.images.length)
    expect(pages.slice(0, -1).every((n) => n === 100)).toBe(true)
  })
})
