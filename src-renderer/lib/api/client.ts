import type { AgentEvent, MethodInput, MethodName, MethodOutput, Result } from '@contract'
import { ipcTransport } from './ipc-transport'
import { checkToken, tokenFromHash } from './token'
import type { Transport } from './transport'
import { wsTransport } from './ws-transport'

/** The only API the views use; it knows nothing of which transport carries it. */
export interface BerthApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>
  onEvent(listener: (event: AgentEvent) => void): () => void
  onLink(listener: (up: boolean) => void): () => void
  /** Whether the agent refuses this page's token; never over IPC. */
  onRejected(listener: (rejected: boolean) => void): () => void
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
    },
    onRejected: (listener) => {
      if (transport.onRejected) return transport.onRejected(listener)
      listener(false)
      return () => {}
    }
  }
}

const TOKEN_KEY = 'berth.token'

/**
 * Electron gives us `window.berth` from the preload. Headless, the URL fragment carries the
 * per-run token; it is kept for reloads in sessionStorage and removed from the address bar, where
 * the router puts the place in the app instead. A new `#token=…` given later (the agent restarted
 * and printed a new address) is taken up the same way, and the socket reconnects with it.
 */
export function connectApi(): BerthApi {
  if (window.berth) return createApi(ipcTransport(window.berth))
  const fromHash = tokenFromHash(location.hash)
  // The first touch of sessionStorage waits on the browser process: with the token in the
  // fragment, the socket is on its way before that wait.
  let token = fromHash ?? sessionStorage.getItem(TOKEN_KEY) ?? ''
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const urlFor = (t: string): string =>
    `${scheme}://${location.host}/api?token=${encodeURIComponent(t)}`
  const transport = wsTransport(urlFor(token), { checkToken: () => checkToken(token) })
  const keep = (given: string): void => {
    sessionStorage.setItem(TOKEN_KEY, given)
    history.replaceState(history.state, '', location.pathname + location.search)
  }
  if (fromHash) keep(fromHash)
  // Registered before the router's listeners, so the token is gone before the router looks.
  const takeNewToken = (): void => {
    const given = tokenFromHash(location.hash)
    if (given === null) return
    keep(given)
    if (given === token) return
    token = given
    transport.retarget(urlFor(given))
  }
  window.addEventListener('popstate', takeNewToken)
  window.addEventListener('hashchange', takeNewToken)
  return createApi(transport)
}
