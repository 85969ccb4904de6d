import type { Socket } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Result } from '@contract'
import { defaultFlowLimits } from '../../src-main/headless/flow-limits'
import type { HeadlessServer } from '../../src-main/headless/server'
import { tempDir } from '../support/temp-dir'
import {
  call,
  fakeHost,
  page,
  serve,
  textFrame,
  until,
  upgrade,
  watchUncaught
} from './hardening-bridge-harness'

const KiB = 1024
/** A large list page, as `nodes.list` with 500 rows would answer. */
const BIG = 'x'.repeat(256 * KiB)
const nextTick = () => new Promise((r) => setImmediate(r))

/** A page that writes `total` requests and never reads a byte of what comes back. */
async function flooder(server: HeadlessServer, total: number) {
  const { socket, status } = await upgrade(server)
  expect(status).toBe(101)
  const state = { sent: 0, socket }
  const frameFor = (id: number) =>
    textFrame(JSON.stringify({ id, method: 'nodes.list', input: { limit: 500 } }))
  void (async () => {
    while (state.sent < total && !socket.destroyed) {
      for (let i = 0; i < 200 && state.sent < total; i++) socket.write(frameFor(state.sent++))
      await nextTick()
    }
  })()
  return state
}

describe('one greedy page cannot starve the agent or the other windows', () => {
  let dir: ReturnType<typeof tempDir>
  let server: HeadlessServer
  let uncaught: ReturnType<typeof watchUncaught>
  const sockets: Socket[] = []
  beforeEach(() => {
    dir = tempDir()
    uncaught = watchUncaught()
  })
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy()
    uncaught.stop()
    await server.close()
    dir.remove()
  })

  it('stops reading a page that floods requests and never reads, and answers the others meanwhile', async () => {
    const host = fakeHost((method) => (method === 'nodes.list' ? BIG : { version: 'test' }))
    server = await serve(dir.path, host)
    const floodCalls = () => host.calls.filter((m) => m === 'nodes.list').length
    const TOTAL = 2000
    const flood = await flooder(server, TOTAL)
    sockets.push(flood.socket)

    // The flooding page's answers pile up until the bridge stops reading it.
    await until(
      () => server.stats().peakPendingBytes >= defaultFlowLimits.highWaterBytes,
      15_000,
      'the flooding page to reach the high-water mark'
    )

    // Another window, meanwhile, is answered each time it asks, while the flood goes on: the
    // flooding page is connected and has sent requests that have not run.
    const other = await page(server)
    for (let i = 0; i < 5; i++) {
      expect(await call(other, 'app.info')).toEqual({ ok: true, value: { version: 'test' } })
      expect(flood.socket.destroyed).toBe(false)
      expect(flood.sent).toBeGreaterThan(floodCalls())
    }
    other.close()

    // Every request of the flood has been written; most were never run (nor will be while the
    // page does not read), so the agent never held their answers.
    await until(() => flood.sent === TOTAL, 10_000, 'the flood to be written')
    expect(floodCalls()).toBeLessThan(TOTAL / 4)

    // The bridge's own account: never more than the allowed requests running, and the output
    // held for the page bounded by the high-water mark plus the answers already being computed.
    const stats = server.stats()
    expect(stats.peakInFlight).toBeLessThanOrEqual(defaultFlowLimits.maxInFlight)
    expect(stats.peakPendingBytes).toBeLessThanOrEqual(
      defaultFlowLimits.highWaterBytes + defaultFlowLimits.maxInFlight * (BIG.length + 64)
    )
    expect(stats.terminated).toBe(0)
    expect(uncaught.errors).toEqual([])
  })

  it('runs a bounded number of requests at once and turns away what overflows the queue', async () => {
    let release = () => {}
    const gate = new Promise<void>((r) => (release = r))
    const calls: unknown[] = []
    const host = {
      ...fakeHost(),
      call: async (method: unknown): Promise<Result<unknown>> => {
        calls.push(method)
        await gate
        return { ok: true, value: 'pong' }
      }
    }
    server = await serve(dir.path, host, { limits: { maxInFlight: 2, maxQueued: 3 } })
    const ws = await page(server)
    const answers = Array.from({ length: 20 }, () => call(ws, 'accounts.list'))
    await until(() => calls.length === 2, 10_000, 'two requests to run')
    await until(
      () => server.stats().refusedBusy + server.stats().peakQueued > 0,
      10_000,
      'the rest to wait or be refused'
    )
    // Reading stopped with two running: nothing more starts until one ends.
    expect(calls).toHaveLength(2)
    release()
    const results = await Promise.all(answers)
    const busy = results.filter((r) => !r.ok)
    expect(busy.length).toBe(server.stats().refusedBusy)
    expect(busy.every((r) => !r.ok && r.error.code === 'unavailable' && r.error.retryable)).toBe(
      true
    )
    expect(results.filter((r) => r.ok)).toHaveLength(calls.length)
    expect(calls.length + busy.length).toBe(20)
    const stats = server.stats()
    expect(stats.peakInFlight).toBe(2)
    expect(stats.peakQueued).toBeLessThanOrEqual(3)
    ws.close()
  })

  it('cuts off a page that never drains its events, and keeps serving one that reads', async () => {
    const host = fakeHost(() => ({ version: 'test' }))
    const limits = {
      highWaterBytes: 1024 * KiB,
      lowWaterBytes: 256 * KiB,
      ceilingBytes: 4096 * KiB
    }
    server = await serve(dir.path, host, { limits })
    const { socket, status } = await upgrade(server)
    expect(status).toBe(101)
    sockets.push(socket)
    const reader = await page(server)
    let eventsRead = 0
    reader.on('message', () => eventsRead++)

    const event = { type: 'job-log', jobId: 'j', lines: [{ seq: 1, text: 'y'.repeat(256 * KiB) }] }
    let pushed = 0
    // Bounded: the OS buffers take tens of MiB before the page's output starts to pile up.
    while (server.stats().terminated === 0 && pushed < 600) {
      host.push(event)
      pushed++
      await nextTick()
    }
    expect(server.stats().terminated).toBe(1)
    expect(server.stats().peakPendingBytes).toBeLessThanOrEqual(limits.ceilingBytes)
    await until(() => server.stats().connections === 1, 10_000, 'the silent page to be gone')
    await until(() => eventsRead === pushed, 15_000, 'the reading page to get every event')
    expect(await call(reader, 'app.info')).toEqual({ ok: true, value: { version: 'test' } })
    reader.close()
    expect(uncaught.errors).toEqual([])
  })
})
