import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defaultSettings, type AgentEvent, type Settings } from '@contract'
import { NotificationCenter } from '../../src-main/agent/notify/center'
import type { Notice } from '../../src-main/agent/notify/notice'
import type { Db } from '../../src-main/cache/db'
import { NotificationStore } from '../../src-main/store/notification-store'
import { openStateDatabase } from '../../src-main/store/state-db'
import { tempDir } from '../support/temp-dir'

const removedImage = (name: string): Notice => ({
  kind: 'resource',
  level: 'info',
  key: `cycleImages:hub:${name}:removed`,
  subject: name,
  title: `Image ${name} was removed`,
  body: 'From Hub',
  target: { view: 'cycle-images' },
  burst: {
    key: 'cycleImages:hub:removed',
    title: (n) => `${n} images removed from Hub`,
    target: { view: 'cycle-images' }
  }
})

const failedJob = (id: string): Notice => ({
  kind: 'job',
  level: 'error',
  key: `job:${id}:failed`,
  subject: id,
  title: `Failed: build ${id}`,
  body: 'no capacity',
  target: { view: 'jobs', jobId: id },
  burst: { key: 'job:failed', title: (n) => `${n} jobs failed`, target: { view: 'jobs' } }
})

describe('notification center', () => {
  let dir: ReturnType<typeof tempDir>
  let state: Db
  let store: NotificationStore
  let settings: Settings
  let events: Extract<AgentEvent, { type: 'notification' }>[]
  let center: NotificationCenter
  let now: number

  beforeEach(() => {
    vi.useFakeTimers()
    dir = tempDir()
    state = openStateDatabase(`${dir.path}/state.sqlite`)
    store = new NotificationStore(state)
    settings = structuredClone(defaultSettings)
    events = []
    now = 1_000_000
    center = new NotificationCenter(
      store,
      () => settings,
      (e) => {
        if (e.type === 'notification') events.push(e)
      },
      { windowMs: 1500, cooldownMs: 60_000, now: () => now }
    )
  })
  afterEach(() => {
    center.close()
    state.close()
    dir.remove()
    vi.useRealTimers()
  })

  it('coalesces a burst into one entry: "12 images removed", not twelve toasts', () => {
    const names = Array.from({ length: 12 }, (_, i) => `web-${i + 1}`)
    center.push(names.map(removedImage))
    expect(events).toHaveLength(0)
    vi.advanceTimersByTime(1500)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      toast: true,
      notification: {
        title: '12 images removed from Hub',
        body: 'web-1, web-2, web-3 and 9 more',
        count: 12,
        target: { view: 'cycle-images' },
        read: false
      }
    })
    expect(store.list(10).items).toHaveLength(1)
  })

  it('keeps different news apart and a single notice as itself', () => {
    center.push([removedImage('a'), failedJob('j1')])
    center.push([removedImage('b')])
    vi.advanceTimersByTime(1500)
    expect(events.map((e) => [e.notification.title, e.notification.count])).toEqual([
      ['2 images removed from Hub', 2],
      ['Failed: build j1', 1]
    ])
    expect(events[1]!.notification).toMatchObject({
      level: 'error',
      target: { view: 'jobs', jobId: 'j1' }
    })
  })

  it('drops the same news within the cooldown, and tells it again after', () => {
    center.push([failedJob('j1')])
    vi.advanceTimersByTime(1500)
    now += 30_000
    center.push([failedJob('j1')])
    vi.advanceTimersByTime(1500)
    expect(events).toHaveLength(1)
    now += 30_000
    center.push([failedJob('j1')])
    vi.advanceTimersByTime(1500)
    expect(events).toHaveLength(2)
  })

  it('records everything but toasts only kinds the user wants, and nothing while paused', () => {
    settings.notifications.kinds.resource = false
    center.push([removedImage('a'), failedJob('j1')])
    vi.advanceTimersByTime(1500)
    expect(events.map((e) => [e.notification.kind, e.toast])).toEqual([
      ['resource', false],
      ['job', true]
    ])
    settings.notifications.paused = true
    center.push([failedJob('j2')])
    vi.advanceTimersByTime(1500)
    expect(events.at(-1)!.toast).toBe(false)
    expect(store.list(10).items).toHaveLength(3)
    expect(store.unread()).toBe(3)
    expect(store.unreadFailures()).toBe(2)
  })

  it('keeps the history bounded, newest first, and marks read', () => {
    for (let i = 0; i < 5; i++) {
      center.push([failedJob(`j${i}`)])
      vi.advanceTimersByTime(1500)
    }
    const list = store.list(3)
    expect(list.items.map((n) => n.title)).toEqual([
      'Failed: build j4',
      'Failed: build j3',
      'Failed: build j2'
    ])
    store.markRead([list.items[0]!.id])
    expect(store.unread()).toBe(4)
    store.markRead()
    expect(store.unread()).toBe(0)
    store.clear()
    expect(store.list(10)).toEqual({ items: [], unread: 0 })
  })
})
