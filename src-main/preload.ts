import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { AgentEvent, Result } from '@contract'

// Channel names repeat those of shell/ipc-router.ts: a sandboxed preload is one self-contained
// bundle and must not pull main-process modules in.
const INVOKE_CHANNEL = 'berth:invoke'
const EVENT_CHANNEL = 'berth:event'

/** The whole surface the page gets: the contract's two verbs, nothing of ipcRenderer itself. */
const bridge = Object.freeze({
  invoke: (method: string, input: unknown): Promise<Result<unknown>> =>
    ipcRenderer.invoke(INVOKE_CHANNEL, method, input),
  onEvent: (listener: (event: AgentEvent) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, payload: AgentEvent): void => listener(payload)
    ipcRenderer.on(EVENT_CHANNEL, handler)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler)
  }
})

contextBridge.exposeInMainWorld('berth', bridge)
