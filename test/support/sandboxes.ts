import type { WebSocket } from 'ws'
import { startSandbox } from '../../src-main/sandbox/index'
import type { HubNotification, Sandbox, SandboxOptions } from '../../src-main/sandbox/index'
import { createCycleClient, listenNotifications } from './cycle-spec'
import type { NotificationSocket } from './cycle-spec'

/**
 * The sandboxes and sockets a test file opens: `closeAll` (from its `afterEach`) terminates the
 * sockets, then closes the sandboxes.
 */
export function sandboxPool(defaults: SandboxOptions = {}) {
  const sandboxes: Sandbox[] = []
  const sockets: WebSocket[] = []
  return {
    /** A sandbox with the pool's defaults, overridden by `options`. */
    start: async (options: SandboxOptions = {}): Promise<Sandbox> => {
      const sandbox = await startSandbox({ ...defaults, ...options })
      sandboxes.push(sandbox)
      return sandbox
    },
    /** Keeps a socket to terminate after the test; returns it. */
    track: <W extends WebSocket>(ws: W): W => {
      sockets.push(ws)
      return ws
    },
    /** The Cycle hub's notification socket, opened the documented way and tracked. */
    listen: async (sandbox: Sandbox): Promise<NotificationSocket<HubNotification>> => {
      const socket = await listenNotifications<HubNotification>(sandbox.connection().cycle)
      sockets.push(socket.ws)
      return socket
    },
    closeAll: async (): Promise<void> => {
      for (const ws of sockets.splice(0)) ws.terminate()
      await Promise.all(sandboxes.splice(0).map((s) => s.close()))
    }
  }
}

/** A spec-validating client for the sandbox's Cycle API, with its own API key. */
export const cycleApi = (sandbox: Sandbox) => createCycleClient(sandbox.connection().cycle)
