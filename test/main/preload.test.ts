import { describe, expect, it, vi } from 'vitest'

const exposed = new Map<string, unknown>()
const listeners = new Map<string, Set<(...a: unknown[]) => void>>()
const invoke = vi.fn(async () => ({ ok: true, value: [] }))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke,
    on: (ch: string, l: (...a: unknown[]) => void) => {
      if (!listeners.has(ch)) listeners.set(ch, new Set())
      listeners.get(ch)!.add(l)
    },
    removeListener: (ch: string, l: (...a: unknown[]) => void) => listeners.get(ch)?.delete(l)
  }
}))

await import('../../src-main/preload')

describe('preload', () => {
  const api = exposed.get('berth') as {
    invoke(m: string, i: unknown): Promise<unknown>
    onEvent(l: (e: unknown) => void): () => void
  }

  it('exposes only the contract’s two verbs, frozen', () => {
    expect([...exposed.keys()]).toEqual(['berth'])
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent'])
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('forwards calls on the invoke channel', async () => {
    await api.invoke('accounts.list', {})
    expect(invoke).toHaveBeenCalledWith('berth:invoke', 'accounts.list', {})
  })

  it('routes events without leaking the IPC event object, and disposes', () => {
    const seen: unknown[] = []
    const dispose = api.onEvent((e) => seen.push(e))
    const payload = { type: 'changed', accountId: 'a', kind: 'nodes' }
    listeners.get('berth:event')!.forEach((l) => l({ sender: 'ipc internals' }, payload))
    expect(seen).toEqual([payload])
    dispose()
    expect(listeners.get('berth:event')!.size).toBe(0)
  })
})
