import { fireEvent, render, screen } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import Freshness from '../../src-renderer/components/Freshness.svelte'
import SearchBox from '../../src-renderer/components/SearchBox.svelte'
import StateBadge from '../../src-renderer/components/StateBadge.svelte'
import { emptyReason, joinNames } from '../../src-renderer/lib/empty-state'
import {
  clockTime,
  formatDuration,
  localTime,
  secondsUntil,
  serverTime
} from '../../src-renderer/lib/format'
import {
  clusterCan,
  clusterTone,
  jobTone,
  loadBalancerTone,
  podTone
} from '../../src-renderer/lib/state-tone'
import { account, SYNCED_AT } from './fake-transport'

afterEach(() => {
  vi.useRealTimers()
})

describe('StateBadge', () => {
  it.each([
    ['ready', 'good', 'ready'],
    ['Running', 'busy', 'starting'],
    ['stopped', 'idle', 'stopped'],
    ['pending', 'warn', 'pending'],
    ['', 'warn', '']
  ])('shows %s with the %s colour', (state, tone, word) => {
    const { container } = render(StateBadge, { state })
    const badge = container.querySelector('.badge')
    expect(badge?.textContent).toBe(word)
    expect(badge?.classList.contains(tone)).toBe(true)
  })
})

describe('Freshness', () => {
  it('says when the rows were confirmed, or that they never were', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: SYNCED_AT + 3 * 60_000 })
    const { rerender } = render(Freshness, { asOf: SYNCED_AT })
    expect(screen.getByTestId('freshness').textContent?.trim()).toBe('synced 3 min ago')
    expect(screen.getByTestId('freshness').querySelector('time')?.title).toBe('2025-01-15 09:30:05')
    await rerender({ asOf: null })
    expect(screen.getByTestId('freshness').textContent?.trim()).toBe('never synced')
  })
})

describe('SearchBox', () => {
  it('debounces typing, sends at once on Enter and clears on Escape', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const onSearch = vi.fn()
    render(SearchBox, { value: '', label: 'Search nodes', onSearch })
    const box = screen.getByTestId('search') as HTMLInputElement

    await fireEvent.input(box, { target: { value: ' web ' } })
    expect(onSearch).not.toHaveBeenCalled()
    await fireEvent.keyDown(box, { key: 'Enter' })
    expect(onSearch).toHaveBeenLastCalledWith('web')
    await vi.advanceTimersByTimeAsync(300)
    expect(onSearch).toHaveBeenCalledTimes(1)

    await fireEvent.keyDown(box, { key: 'Escape' })
    expect(onSearch).toHaveBeenLastCalledWith('')
    expect(box.value).toBe('')
  })
})

describe('formatting', () => {
  it('formats clock times and countdowns', () => {
    expect(clockTime(SYNCED_AT)).toBe('09:30:05')
    expect(secondsUntil(10_001, 5_000)).toBe(6)
    expect(secondsUntil(1_000, 5_000)).toBe(0)
  })

  it('dates a local time only when it is not today', () => {
    const started = new Date(2025, 0, 15, 9, 0, 7).getTime()
    expect(localTime(started, SYNCED_AT)).toBe('09:00:07')
    expect(localTime(started, new Date(2025, 0, 16, 0, 0, 1).getTime())).toBe('2025-01-15 09:00:07')
    const iso = new Date(started).toISOString()
    expect(serverTime(iso, SYNCED_AT)).toBe('09:00:07')
    expect(serverTime('', SYNCED_AT)).toBe('')
    expect(serverTime('soon', SYNCED_AT)).toBe('soon')
  })
})

describe('emptyReason', () => {
  const base = {
    accountsLoaded: true,
    accountsFailed: false,
    accounts: [account()],
    total: 0,
    search: ''
  }

  it('explains an empty list in order of what the user can act on', () => {
    expect(emptyReason({ ...base, accounts: [], total: null })).toEqual({ kind: 'no-accounts' })
    expect(emptyReason({ ...base, total: 3 })).toBeNull()
    expect(emptyReason({ ...base, total: null })).toBeNull()
    expect(emptyReason({ ...base, search: 'x' })).toEqual({ kind: 'no-match', search: 'x' })
    expect(emptyReason({ ...base, cluster: 'a' })).toEqual({
      kind: 'no-cluster-match',
      cluster: 'a'
    })
    expect(emptyReason(base)).toEqual({ kind: 'none' })
    expect(emptyReason({ ...base, accountsLoaded: false, accounts: [] })).toBeNull()
  })

  it('names the accounts still waiting for a first sync, or unreachable', () => {
    const waiting = account({ name: 'a', lastSyncAt: null })
    const refused = account({
      name: 'b',
      lastSyncAt: null,
      status: { state: 'auth-failed', since: 0, reason: 'no', retryAt: null }
    })
    expect(emptyReason({ ...base, accounts: [waiting, refused] })).toEqual({
      kind: 'waiting',
      names: 'a'
    })
    expect(emptyReason({ ...base, accounts: [refused] })).toEqual({
      kind: 'unreachable',
      names: 'b',
      authFailed: true
    })
    expect(joinNames(['a', 'b', 'c'])).toBe('a, b and c')
  })
})

describe('state tones', () => {
  it('reads cluster, pod, load balancer and job states in their own terms', () => {
    expect(
      ['running', 'Ready', 'stopped', 'creating', 'deleting', 'error', 'odd'].map(clusterTone)
    ).toEqual(['good', 'good', 'idle', 'busy', 'busy', 'danger', 'warn'])
    expect(['Running', 'Pending', 'CrashLoopBackOff', 'Succeeded'].map(podTone)).toEqual([
      'good',
      'busy',
      'danger',
      'idle'
    ])
    expect(loadBalancerTone('active')).toBe('good')
    expect(jobTone('unknown')).toBe('warn')
    expect(clusterCan('stopped')).toEqual({ start: true, stop: false })
    expect(clusterCan('error')).toEqual({ start: true, stop: false })
    expect(clusterCan('running')).toEqual({ start: false, stop: true })
    expect(clusterCan('deleting')).toEqual({ start: false, stop: false })
  })

  it('formats durations', () => {
    expect(formatDuration(12_400)).toBe('12s')
    expect(formatDuration(185_000)).toBe('3m 05s')
    expect(formatDuration(3_725_000)).toBe('1h 02m')
  })
})
