import { AgentEvent, type Result } from '@contract'
import type { Transport } from './transport'

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
      const frame = data as { id?: unknown; result?: Result<unknown>; event?: unknown }
      if (typeof frame.id === 'number' && frame.result) {
        pending.get(frame.id)?.(frame.result)
        pending.delete(frame.id)
      } else if (frame.event !== undefined) {
        const parsed = AgentEvent.safeParse(frame.event)
        if (parsed.success) for (const l of listeners) l(parsed.data)
      }
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
