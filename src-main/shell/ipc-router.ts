import type { IpcMain, WebFrameMain } from 'electron'
import { fail, type Result } from '@contract'
import type { ContractHost } from '../headless/bridge'
import { silentLog, type Log } from '../agent/log'

export const INVOKE_CHANNEL = 'berth:invoke'
export const EVENT_CHANNEL = 'berth:event'

/** Only the app's own top-level page may call the agent. */
export type SenderCheck = (frame: WebFrameMain | null) => boolean

export function trustedRendererCheck(rendererUrl: string): SenderCheck {
  const expected = new URL(rendererUrl)
  return (frame) => {
    if (!frame || frame.parent !== null) return false
    let actual: URL
    try {
      actual = new URL(frame.url)
    } catch {
      return false
    }
    return expected.protocol === 'file:'
      ? actual.protocol === 'file:' && actual.pathname === expected.pathname
      : actual.origin === expected.origin
  }
}

/** Serves the contract over IPC; the payload is validated by the agent's dispatcher. */
export function registerIpc(
  ipcMain: IpcMain,
  host: ContractHost,
  isTrusted: SenderCheck,
  log: Log = silentLog
): () => void {
  ipcMain.handle(
    INVOKE_CHANNEL,
    (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(event.senderFrame)) {
        // The method name only: a payload may carry a credential.
        log.warn(`Refused ${String(method).slice(0, 64)} from an untrusted frame`)
        return Promise.resolve(fail('forbidden', 'This page may not call Berth'))
      }
      return host.call(method, input)
    }
  )
  return () => ipcMain.removeHandler(INVOKE_CHANNEL)
}
