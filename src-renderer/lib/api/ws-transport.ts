import type { AgentEvent, Result } from '@contract'
import { withContract } from '../contract-later'
import type { Transport } from './transport'

type ParseEvent = (raw: unknown) => AgentEvent | null
type Frame = { id?: unknown; result?: Result<unknown>; event?: unknown }

type Pending = (result: Result<unknown>) => void

const RETRY_MS = [250, 500, 1000, 2000, 4000]

/**
 * The contract over the headless agent's loopback WebSocket. Calls made while the socket is down
 * wait for it; if it drops with calls in flight they resolve as `unavailable`, never hang.
 */
export function wsTransport(url: string): Transport {
  let socket: WebSocket | null = null
  let open = false
  let attempt = 0
  let nextId = 1
  const pending = new Map<number, Pending>()
  const queued: Array<() => void> = []
  const listeners = new Set<(event: AgentEvent) => void>()
  const linkListeners = new Set<(up: boolean) => void>()

  // Checking an event takes the contract's schemas (zod: most of the page's code), which come in
  // their own chunk, after the socket is open. An event that comes first waits for them, and so
  // does every frame after it, so the page sees answers and events in the order the agent sent
  // them.
  let parseEvent: ParseEvent | null = null
  let backlog: Frame[] | null = null

  const parserOf =
    (schema: typeof AgentEvent): ParseEvent =>
    (raw) => {
      const parsed = schema.safeParse(raw)
      return parsed.success ? parsed.data : null
    }

  /** Hands the held frames out once the schema is here: one per task, as the socket would. */
  const release = (schema: Promise<ParseEvent>): void => {
    // A message port, not a timer: nested timers are held back 4 ms each, which a backlog of a
    // sync's events would feel.
    const tasks = new MessageChannel()
    tasks.port1.onmessage = () => {
      const frame = backlog?.shift()
      if (!frame) {
        backlog = null
        tasks.port1.close()
        return
      }
      deliver(frame)
      tasks.port2.postMessage(null)
    }
    void schema.then((parse) => {
      parseEvent = parse
      tasks.port2.postMessage(null)
    })
  }

  /** The event check, or null while its schema is on its way (then it has been sent for). */
  const eventParser = (): ParseEvent | null => {
    if (parseEvent) return parseEvent
    const schema = withContract(({ AgentEvent }) => AgentEvent)
    if (!(schema instanceof Promise)) return (parseEvent = parserOf(schema))
    release(
      schema.then(parserOf, (error: unknown) => {
        // Without the schema no event can be trusted; answers must still get through.
        console.error('Could not load the event schema; events are ignored', error)
        return () => null
      })
    )
    return null
  }

  const deliver = (frame: Frame): void => {
    if (typeof frame.id === 'number' && frame.result) {
      pending.get(frame.id)?.(frame.result)
      pending.delete(frame.id)
    } else if (frame.event !== undefined) {
      const parse = eventParser()
      if (!parse) {
        backlog = [frame]
        return
      }
      const event = parse(frame.event)
      if (event) for (const l of listeners) l(event)
    }
  }

  const setLink = (up: boolean): void => {
    if (open === up) return
    open = up
    for (const l of linkListeners) l(up)
  }

  const connect = (): void => {
    const ws = new WebSocket(url)
    socket = ws
    ws.onopen = () => {
      attempt = 0
      setLink(true)
      for (const send of queued.splice(0)) send()
    }
    ws.onmessage = (message) => {
      let data: unknown
      try {
        data = JSON.parse(String(message.data))
      } catch {
        return
      }
      if (typeof data !== 'object' || data === null) return
      if (backlog) backlog.push(data as Frame)
      else deliver(data as Frame)
    }
    ws.onclose = () => {
      setLink(false)
      for (const resolve of pending.values()) {
        resolve({
          ok: false,
          error: {
            code: 'unavailable',
            message: 'Lost the connection to the agent',
            retryable: true
          }
        })
      }
      pending.clear()
      const delay = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]
      setTimeout(connect, delay)
    }
  }
  connect()

  return {
    invoke(method, input) {
      return new Promise((resolve) => {
        const id = nextId++
        const send = (): void => {
          pending.set(id, resolve)
          socket?.send(JSON.stringify({ id, method, input }))
        }
        if (open) send()
        else queued.push(send)
      })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onLink(listener) {
      linkListeners.add(listener)
      listener(open)
      return () => linkListeners.delete(listener)
    }
  }
}
