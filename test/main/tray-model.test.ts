import { describe, expect, it } from 'vitest'
import type { AccountView, JobView } from '@contract'
import { trayMenu, trayState, trayTooltip, type TrayInput } from '../../src-main/shell/tray-model'

const account = (name: string, status: AccountView['status']): AccountView => ({
  id: `qbo:${name}`,
  kind: 'qbo',
  name,
  endpoint: 'ws://127.0.0.1:1',
  status,
  lastSyncAt: null,
  syncError: null
})
const online = (name: string) => account(name, { state: 'online', since: 1 })
const offline = (name: string) =>
  account(name, { state: 'offline', since: 1, reason: 'refused', retryAt: null })
const refused = (name: string) =>
  account(name, { state: 'auth-failed', since: 1, reason: 'bad token', retryAt: null })
const job = (id: string, state: JobView['state'], progress: number | null = null): JobView => ({
  id,
  accountId: 'qbo:A',
  action: 'add',
  target: id,
  title: `Create cluster ${id}`,
  state,
  createdAt: 1,
  startedAt: state === 'running' ? 2 : null,
  finishedAt: null,
  error: null,
  logLines: 0,
  progress,
  remoteJobId: null
})
const input = (over: Partial<TrayInput>): TrayInput => ({
  accounts: [online('A')],
  activeJobs: [],
  unreadFailures: 0,
  notificationsPaused: false,
  ...over
})

describe('tray state', () => {
  it.each([
    ['online', input({})],
    [
      'syncing',
      input({ accounts: [online('A'), account('B', { state: 'connecting', since: 1 })] })
    ],
    ['syncing', input({ activeJobs: [job('x', 'running')] })],
    ['online', input({ activeJobs: [job('x', 'queued')] })],
    [
      'offline',
      input({ accounts: [online('A'), offline('B')], activeJobs: [job('x', 'running')] })
    ],
    ['attention', input({ accounts: [offline('A'), refused('B')] })],
    ['attention', input({ unreadFailures: 1 })]
  ] as const)('is %s', (expected, given) => {
    expect(trayState(given)).toBe(expected)
  })

  it('summarises in the tooltip, most urgent first', () => {
    expect(
      trayTooltip(
        input({
          accounts: [online('A'), offline('B'), refused('C'), online('D')],
          activeJobs: [job('x', 'running'), job('y', 'queued')],
          unreadFailures: 2,
          notificationsPaused: true
        })
      )
    ).toBe(
      [
        'Berth',
        'Accounts: 1 authentication failed, 1 offline, 2 online',
        'Activity: 1 running, 1 queued',
        '2 failures to look at',
        'Notifications paused'
      ].join('\n')
    )
    expect(trayTooltip(input({ accounts: [] }))).toBe('Berth\nNo accounts')
  })
})

describe('tray menu', () => {
  const labels = (i: TrayInput) =>
    trayMenu(i).map((e) => (e.type === 'separator' ? '---' : e.label))

  it('opens Berth, lists accounts and running jobs, refreshes, pauses and quits', () => {
    const menu = trayMenu(
      input({
        accounts: [online('A'), offline('B')],
        activeJobs: [job('dev', 'running', 0.42), job('ci', 'queued')],
        notificationsPaused: true
      })
    )
    expect(menu.map((e) => (e.type === 'separator' ? '---' : e.label))).toEqual([
      'Open Berth',
      '---',
      'Accounts',
      'A — online',
      'B — offline (reconnect)',
      '---',
      'Activity',
      'Create cluster dev — 42%',
      'Create cluster ci — queued',
      '---',
      'Refresh all',
      'Pause notifications',
      '---',
      'Quit Berth'
    ])
    const find = (label: string) => menu.find((e) => 'label' in e && e.label === label)
    expect(find('B — offline (reconnect)')).toMatchObject({
      command: { do: 'reconnect', accountId: 'qbo:B' }
    })
    expect(find('A — online')).toMatchObject({
      command: { do: 'open', target: { view: 'accounts', accountId: 'qbo:A' } }
    })
    expect(find('Create cluster dev — 42%')).toMatchObject({
      command: { do: 'open', target: { view: 'jobs', jobId: 'dev' } }
    })
    expect(find('Pause notifications')).toMatchObject({ type: 'checkbox', checked: true })
    expect(find('Quit Berth')).toMatchObject({ command: { do: 'quit' } })
  })

  it('stays short with many jobs and disables Refresh all when nothing is online', () => {
    const jobs = Array.from({ length: 8 }, (_, i) => job(`c${i}`, 'running'))
    const menu = trayMenu(input({ accounts: [offline('A')], activeJobs: jobs }))
    expect(labels(input({ accounts: [offline('A')], activeJobs: jobs }))).toContain('and 3 more…')
    expect(menu.filter((e) => 'label' in e && e.label.startsWith('Create cluster'))).toHaveLength(5)
    expect(menu.find((e) => 'label' in e && e.label === 'Refresh all')).toMatchObject({
      enabled: false
    })
    expect(labels(input({ accounts: [] }))).toContain('No accounts yet')
  })
})
