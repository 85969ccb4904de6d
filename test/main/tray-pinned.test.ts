import { describe, expect, it } from 'vitest'
import type { Favourite } from '@contract'
import { trayMenu, type TrayInput } from '../../src-main/shell/tray-model'

const input = (favourites: Favourite[]): TrayInput => ({
  accounts: [],
  activeJobs: [],
  unreadFailures: 0,
  notificationsPaused: false,
  favourites
})

describe('the tray menu’s pinned items', () => {
  it('lists pinned clusters and images after “Open Berth”, each opening its detail', () => {
    const menu = trayMenu(
      input([
        { kind: 'cluster', accountId: 'qbo:Lab', key: 'alpha', name: 'alpha' },
        { kind: 'cycle-image', accountId: 'cycle:Hub', key: 'img-1', name: 'web' }
      ])
    )
    const header = menu.findIndex((e) => e.type === 'header' && e.label === 'Pinned')
    expect(header).toBe(2)
    expect(menu.slice(header + 1, header + 3)).toEqual([
      {
        type: 'item',
        label: 'alpha',
        command: { do: 'open', target: { view: 'cluster', accountId: 'qbo:Lab', cluster: 'alpha' } }
      },
      {
        type: 'item',
        label: 'web (image)',
        command: {
          do: 'open',
          target: { view: 'cycle-image', accountId: 'cycle:Hub', imageId: 'img-1' }
        }
      }
    ])
  })

  it('has no Pinned section while nothing is pinned', () => {
    expect(trayMenu(input([])).some((e) => e.type === 'header' && e.label === 'Pinned')).toBe(false)
  })

  it('keeps the menu short when many are pinned', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      kind: 'cluster' as const,
      accountId: 'qbo:Lab',
      key: `c${i}`,
      name: `c${i}`
    }))
    const labels = trayMenu(input(many)).map((e) => ('label' in e ? e.label : ''))
    expect(labels).toContain('c9')
    expect(labels).not.toContain('c10')
  })
})
