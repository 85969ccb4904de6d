import type { AgentEvent, Result } from '@contract'

/** How the renderer reaches the agent: preload IPC in Electron, a loopback WebSocket headless. */
export interface Transport {
  invoke(method: string, input: unknown): Promise<Result<unknown>>
  /** Returns a disposer. */
  subscribe(listener: (event: AgentEvent) => void): () => void
  /** Whether the transport itself is connected (always true for IPC). */
  onLink?(listener: (up: boolean) => void): () => void
  /** Whether the agent refuses this page's token (headless: it restarted with a new one). */
  onRejected?(listener: (rejected: boolean) => void): () => void
}

/** The object the preload exposes as `window.berth`. */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>
  onEvent(listener: (event: AgentEvent) => void): () => void
}

declare global {
  interface Window {
    berth?: PreloadBridge
  }
}
