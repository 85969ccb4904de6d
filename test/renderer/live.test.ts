import { describe, expect, it, vi } from 'vitest'
import type { AgentEvent } from '@contract'
import { followAgent } from '../../src-renderer/lib/stores/live'
import { fakeApi } from './fake-transport'

describe('followAgent', () => {
  it('loads, passes events on, reloads once when the link returns and stops when disposed', () => {
    const { api, transport } = fakeApi()
    const load = vi.fn()
    const onEvent = vi.fn()
    const stop = followAgent(api, { load, onEvent })
    expect(load).toHaveBeenCalledTimes(1)

    const event: AgentEvent = { type: 'accounts' }
    transport.emit(event)
    expect(onEvent).toHaveBeenCalledWith(event)

    transport.setLink(true)
    expect(load).toHaveBeenCalledTimes(1)
    transport.setLink(false)
    transport.setLink(true)
    expect(load).toHaveBeenCalledTimes(2)

    stop()
    transport.emit(event)
    transport.setLink(false)
    transport.setLink(true)
    expect(onEvent).toHaveBeenCalledTimes(1)
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('does not load again when the first connection opens: the first load is sent on it', () => {
    const { api, transport } = fakeApi()
    transport.setLink(false)
    const load = vi.fn()
    const stop = followAgent(api, { load, onEvent: vi.fn() })
    transport.setLink(true)
    expect(load).toHaveBeenCalledTimes(1)

    // That connection drops: what was in flight on it is lost, so the state is read again.
    transport.setLink(false)
    transport.setLink(true)
    expect(load).toHaveBeenCalledTimes(2)
    stop()
  })
})
