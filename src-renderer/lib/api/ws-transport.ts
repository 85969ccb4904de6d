import type { AgentEvent, Result } from '@contract'
import { withContract } from '../contract-later'
import type { TokenCheck } from './token'
import type { Transport } from './transport'

type ParseEvent = (raw: unknown) => AgentEvent | null
type Frame = { id?: unknown; result?: Result<unknown>; event?: unknown }

type Pending = (result: Result<unknown>) => void

const RETRY_MS = [250, 500, 1000, 2000, 4000]

/** The WebSocket transport, and the way to point it at the agent again with a new token. */
export interface WsTransport extends Transport {
  /** Drops the current socket (and any wait to retry) and connects to `url` now. */
  retarget(url: string): void
}

export interface WsTransportOptions {
  /**
   * Asked when a socket closes without ever opening. A browser never shows a refused handshake's
   * status, so this is how a token the agent no longer takes (it restarted) is told from an agent
   * that is down: a rejected token stops the retries, which could never succeed.
   */
  checkToken?: () => Promise<TokenCheck>
}

/**
 * The contract over the headless agent's loopback WebSocket. Calls made while the socket is down
 * wait for it; if it drops with calls in flight they resolve as `unavailable`, never hang.
 */
export function wsTransport(initialUrl: string, options: WsTransportOptions = {}): WsTransport {
  let url = initialUrl
  let socket: WebSocket | null = null
  let open = false
  let rejected = false
  let retry: ReturnType<typeof setTimeout> | null = null
  let attempt = 0
  let nextId = 1
  const pending = new Map<number, Pending>()
  const queued: Array<() => void> = []
  const listeners = new Set<(event: AgentEvent) => void>()
  const linkListeners = new Set<(up: boolean) => void>()
  const rejectedListeners = new Set<(rejected: boolean) => void>()

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

  /** The link is down: calls in flight will get no answer, so they end now. */
  const linkDown = (): void => {
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
  }

  const setRejected = (value: boolean): void => {
    if (rejected === value) return
    rejected = value
    for (const l of rejectedListeners) l(value)
  }

  /** Waits, then connects again, unless the agent said the token is no longer good. */
  const retryLater = async (ws: WebSocket, everOpen: boolean): Promise<void> => {
    if (!everOpen && options.checkToken && (await options.checkToken()) === 'rejected') {
      // A newer socket (a new token was given meanwhile) has its own say.
      if (socket === ws) setRejected(true)
      return
    }
    if (socket !== ws) return
    const delay = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]
    retry = setTimeout(connect, delay)
  }

  const connect = (): void => {
    retry = null
    const ws = new WebSocket(url)
    socket = ws
    let everOpen = false
    ws.onopen = () => {
      everOpen = true
      attempt = 0
      setRejected(false)
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
      // A socket let go of for a new address says nothing about the link.
      if (socket !== ws) return
      linkDown()
      void retryLater(ws, everOpen)
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
    },
    onRejected(listener) {
      rejectedListeners.add(listener)
      listener(rejected)
      return () => rejectedListeners.delete(listener)
    },
    retarget(next) {
      url = next
      attempt = 0
      if (retry !== null) clearTimeout(retry)
      const old = socket
      socket = null
      old?.close()
      linkDown()
      connect()
    }
  }
}
