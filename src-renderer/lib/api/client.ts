import type { AgentEvent, MethodInput, MethodName, MethodOutput, Result } from '@contract'
import { ipcTransport } from './ipc-transport'
import type { Transport } from './transport'
import { wsTransport } from './ws-transport'

/** The only API the views use; it knows nothing of which transport carries it. */
export interface BerthApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>
  onEvent(listener: (event: AgentEvent) => void): () => void
  onLink(listener: (up: boolean) => void): () => void
}

export function createApi(transport: Transport): BerthApi {
  return {
    call: (method, input) =>
      transport.invoke(method, input) as Promise<Result<MethodOutput<typeof method>>>,
    onEvent: (listener) => transport.subscribe(listener),
    onLink: (listener) => {
      if (transport.onLink) return transport.onLink(listener)
      listener(true)
      return () => {}
    }
  }
}

const TOKEN_KEY = 'berth.token'

/**
 * Electron gives us `window.berth` from the preload. Headless, the URL fragment carries the
 * per-run token once; it is kept for reloads in sessionStorage and removed from the address bar.
 */
export function connectApi(): BerthApi {
  if (window.berth) return createApi(ipcTransport(window.berth))
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token')
  // The first touch of sessionStorage waits on the browser process: with the token in the
  // fragment, the socket is on its way before that wait.
  const token = fromHash ?? sessionStorage.getItem(TOKEN_KEY) ?? ''
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const transport = wsTransport(
    `${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`
  )
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash)
    history.replaceState(null, '', location.pathname + location.search)
  }
  return createApi(transport)
}
