import type { AgentEvent } from '@contract'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { connectApi } from '../../src-renderer/lib/api/client'
import { wsTransport } from '../../src-renderer/lib/api/ws-transport'
import { flushPromises } from './fake-transport'

// The contract's code (zod and the schemas) arrives in its own chunk; here the test decides when.
const schema = vi.hoisted(() => {
  let open = (): void => {}
  const gate = new Promise<void>((resolve) => (open = resolve))
  return { gate, open: () => open() }
})
vi.mock('../../src-renderer/lib/contract-later', async () => {
  const contract = await vi.importActual<typeof import('@contract')>('@contract')
  let arrived = false
  void schema.gate.then(() => (arrived = true))
  return {
    preloadContract: () => {},
    withContract: <T>(use: (c: typeof contract) => T): T | Promise<T> =>
      arrived ? use(contract) : schema.gate.then(() => use(contract))
  }
})

/** The page's end of the socket; the test plays the agent through `receive`. */
class FakeSocket {
  static last: FakeSocket | null = null
  readonly sent: unknown[] = []
  onopen: (() => void) | null = null
  onmessage: ((message: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  static opened: string[] = []
  constructor(readonly url: string) {
    FakeSocket.last = this
    FakeSocket.opened.push(url)
  }
  send(text: string): void {
    this.sent.push(JSON.parse(text))
  }
  close(): void {
    this.closed = true
  }
  closed = false
  receive(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) })
  }
}

const settingsEvent: AgentEvent = { type: 'jobs' }

beforeEach(() => {
  vi.stubGlobal('WebSocket', FakeSocket)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the WebSocket transport while the event schema is still loading', () => {
  it('hands out answers at once, holds an event and what follows it, then keeps their order', async () => {
    const transport = wsTransport('ws://127.0.0.1/api')
    const socket = FakeSocket.last as FakeSocket
    socket.onopen?.()
    const seen: string[] = []
    transport.subscribe((event) => seen.push(`event ${event.type}`))

    // No event yet: the first answer does not wait for the schema.
    const first = transport.invoke('nodes.list', { offset: 0, limit: 100 })
    socket.receive({ id: 1, result: { ok: true, value: 'first' } })
    expect(await first).toEqual({ ok: true, value: 'first' })

    // An event cannot be checked yet: it waits, and the answer after it waits behind it.
    const second = transport.invoke('accounts.list', {})
    void second.then(() => seen.push('answer 2'))
    socket.receive({ event: settingsEvent })
    socket.receive({ id: 2, result: { ok: true, value: 'second' } })
    socket.receive({ event: { type: 'no-such-event' } })
    socket.receive({ event: { type: 'accounts' } })
    await flushPromises()
    expect(seen).toEqual([])

    schema.open()
    await vi.waitFor(() => expect(seen).toHaveLength(3))
    // In the agent's order; the frame that is no event of the contract is dropped.
    expect(seen).toEqual(['event jobs', 'answer 2', 'event accounts'])

    // Once loaded, events are checked and handed out as they come.
    socket.receive({ event: { type: 'jobs', extra: 1, job: 'not a job' } })
    socket.receive({ event: { type: 'notifications', unread: 'many' } })
    socket.receive({ event: { type: 'notifications', unread: 2 } })
    expect(seen.slice(3)).toEqual(['event jobs', 'event notifications'])
  })
})

describe('connecting from the page', () => {
  // The first touch of sessionStorage waits on the browser process.
  it('opens the socket with the fragment’s token before keeping that token for reloads', () => {
    const order: string[] = []
    FakeSocket.opened = []
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (
      this: Storage,
      key: string
    ) {
      order.push(`${FakeSocket.opened.length} sockets when ${key} was kept`)
    })
    history.replaceState(null, '', '/#token=t0k3n')
    connectApi()
    expect(FakeSocket.opened).toEqual([`ws://${location.host}/api?token=t0k3n`])
    expect(order).toEqual(['1 sockets when berth.token was kept'])
    expect(location.hash).toBe('')
    setItem.mockRestore()
  })
})

describe('a token the agent no longer takes', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('stops retrying once the agent says the token is refused, and connects again with a new one', async () => {
    vi.useFakeTimers()
    FakeSocket.opened = []
    let answer: 'rejected' | 'unreachable' = 'unreachable'
    const transport = wsTransport('ws://127.0.0.1/api?token=old', {
      checkToken: () => Promise.resolve(answer)
    })
    const rejected: boolean[] = []
    transport.onRejected?.((r) => rejected.push(r))

    // Down, not refusing: it keeps trying.
    FakeSocket.last?.onclose?.()
    await vi.advanceTimersByTimeAsync(300)
    expect(FakeSocket.opened).toHaveLength(2)
    expect(rejected).toEqual([false])

    // Refused: no more attempts, however long the page stays open.
    answer = 'rejected'
    FakeSocket.last?.onclose?.()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(FakeSocket.opened).toHaveLength(2)
    expect(rejected).toEqual([false, true])

    // A new address: connected at once, and the refusal is over once it opens.
    const old = FakeSocket.last as FakeSocket
    transport.retarget('ws://127.0.0.1/api?token=new')
    expect(old.closed).toBe(true)
    expect(FakeSocket.opened.at(-1)).toBe('ws://127.0.0.1/api?token=new')
    FakeSocket.last?.onopen?.()
    expect(rejected).toEqual([false, true, false])
  })

  it('asks nothing when a socket that was open drops: that agent is down, not refusing', async () => {
    vi.useFakeTimers()
    FakeSocket.opened = []
    const checkToken = vi.fn(() => Promise.resolve('rejected' as const))
    wsTransport('ws://127.0.0.1/api?token=t', { checkToken })
    FakeSocket.last?.onopen?.()
    FakeSocket.last?.onclose?.()
    await vi.advanceTimersByTimeAsync(300)
    expect(checkToken).not.toHaveBeenCalled()
    expect(FakeSocket.opened).toHaveLength(2)
  })
})
