import { WebSocket } from 'ws'
import type { QboFaultControl } from './faults'
import type { Timers } from './progress'

/** A client as delivery sees it: its socket and how many messages it may still get. */
export interface Recipient {
  ws: WebSocket
  /** null: unlimited; otherwise the socket is terminated once the last one has been written. */
  budget: number | null
}

export interface Delivery {
  /**
   * Sends one text frame, after the configured delay (plus `extraMs`), if the socket is still
   * open then.
   */
  deliver(to: Recipient, text: string, extraMs?: number): void
  /** Gives a client a message budget; 0 drops it at once. */
  setBudget(to: Recipient, budget: number | null): void
}

/** Puts frames on the wire the way the armed faults say (delay, message budget). */
export function createDelivery(control: QboFaultControl, timers: Timers): Delivery {
  function transmit(to: Recipient, text: string): void {
    const { ws } = to
    if (ws.readyState !== WebSocket.OPEN) return
    if (to.budget === null) {
      ws.send(text)
      return
    }
    if (to.budget <= 0) return
    to.budget -= 1
    // Terminated only once the frame is flushed, so the last allowed message still arrives.
    if (to.budget > 0) ws.send(text)
    else ws.send(text, () => ws.terminate())
  }

  return {
    deliver(to, text, extraMs = 0) {
      const delay = control.delayMs + extraMs
      if (delay > 0) timers.after(delay, () => transmit(to, text))
      else transmit(to, text)
    },
    setBudget(to, budget) {
      to.budget = budget
      if (budget === 0) to.ws.terminate()
    }
  }
}
