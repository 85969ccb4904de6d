import type { PreloadBridge, Transport } from './transport'

export function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    invoke: (method, input) => bridge.invoke(method, input),
    subscribe: (listener) => bridge.onEvent(listener)
  }
}
