import type { MethodInput, MethodName } from '@contract'
import type { BerthApi } from './client'

/** A call to send before anyone asks for it: its method and exact input. */
export interface PrimedCall<M extends MethodName = MethodName> {
  method: M
  input: MethodInput<M>
}

/**
 * Sends `calls` now, before the UI that needs them exists, and hands each answer to the first
 * identical call (same method, same input) the UI then makes; later calls go to the agent as
 * usual. Start-up uses it so the first rows are on their way while the views are still being
 * parsed and mounted, instead of after. An answer still untaken when rows change is dropped.
 */
export function primeCalls(api: BerthApi, calls: readonly PrimedCall[]): BerthApi {
  const waiting = new Map<string, Promise<unknown>>()
  const key = (method: string, input: unknown): string => `${method} ${JSON.stringify(input)}`
  for (const { method, input } of calls) waiting.set(key(method, input), api.call(method, input))
  // Once rows change, an answer not yet taken describes what is no longer there.
  const stop = api.onEvent((event) => {
    if (event.type === 'changed' || event.type === 'accounts') waiting.clear()
  })
  const call: BerthApi['call'] = (method, input) => {
    const k = key(method, input)
    const early = waiting.get(k)
    if (!early) return api.call(method, input)
    waiting.delete(k)
    if (waiting.size === 0) stop()
    return early as ReturnType<typeof api.call<typeof method>>
  }
  return { ...api, call }
}
