import type { AccountView, Favourite, JobView, ViewTarget } from '@contract'

/** The tray icon's four faces, worst first when several apply. */
export type TrayState = 'attention' | 'offline' | 'syncing' | 'online'

export interface TrayInput {
  accounts: readonly AccountView[]
  /** Jobs queued or running. */
  activeJobs: readonly JobView[]
  /** Unread failure notifications (a job failed, an action not confirmed) since last looked at. */
  unreadFailures: number
  notificationsPaused: boolean
  /** Clusters and Cycle images the user pinned, in their order. */
  favourites?: readonly Favourite[]
}

/**
 * Attention beats everything (the user must act: a refused credential, a failed job), then
 * offline (something cannot be reached), then syncing (connecting, or jobs under way).
 */
export function trayState(input: TrayInput): TrayState {
  const states = input.accounts.map((a) => a.status.state)
  if (states.includes('auth-failed') || input.unreadFailures > 0) return 'attention'
  if (states.includes('offline')) return 'offline'
  if (states.includes('connecting') || input.activeJobs.some((j) => j.state === 'running')) {
    return 'syncing'
  }
  return 'online'
}

const STATE_WORDS: Record<AccountView['status']['state'], string> = {
  online: 'online',
  connecting: 'connecting',
  offline: 'offline',
  'auth-failed': 'authentication failed'
}

/** One line per fact, most urgent first: the tooltip summarises, the menu details. */
export function trayTooltip(input: TrayInput): string {
  const lines = ['Berth']
  if (input.accounts.length === 0) lines.push('No accounts')
  const counts = new Map<string, number>()
  for (const account of input.accounts) {
    const word = STATE_WORDS[account.status.state]
    counts.set(word, (counts.get(word) ?? 0) + 1)
  }
  const order = ['authentication failed', 'offline', 'connecting', 'online']
  const parts = order.filter((w) => counts.has(w)).map((w) => `${counts.get(w)} ${w}`)
  if (parts.length > 0) lines.push(`Accounts: ${parts.join(', ')}`)
  const running = input.activeJobs.filter((j) => j.state === 'running').length
  const queued = input.activeJobs.length - running
  if (running + queued > 0) {
    lines.push(
      `Activity: ${[running && `${running} running`, queued && `${queued} queued`].filter(Boolean).join(', ')}`
    )
  }
  if (input.unreadFailures > 0) {
    lines.push(`${input.unreadFailures} failure${input.unreadFailures === 1 ? '' : 's'} to look at`)
  }
  if (input.notificationsPaused) lines.push('Notifications paused')
  return lines.join('\n')
}

/** What a menu item does; the shell maps each to Electron calls. */
export type TrayCommand =
  | { do: 'open'; target?: ViewTarget }
  | { do: 'reconnect'; accountId: string }
  | { do: 'refresh-all' }
  | { do: 'toggle-pause' }
  | { do: 'quit' }

export type TrayEntry =
  | { type: 'item'; label: string; command: TrayCommand; enabled?: boolean }
  | { type: 'checkbox'; label: string; command: TrayCommand; checked: boolean }
  | { type: 'header'; label: string }
  | { type: 'separator' }

/** Menus stay short: beyond this many running jobs the rest is one "and N more" line. */
const MAX_JOBS = 5
/** The sidebar lists every pinned item; the menu, the first few. */
const MAX_PINNED = 10

function pinnedTarget(favourite: Favourite): ViewTarget {
  return favourite.kind === 'cluster'
    ? { view: 'cluster', accountId: favourite.accountId, cluster: favourite.key }
    : { view: 'cycle-image', accountId: favourite.accountId, imageId: favourite.key }
}

export function trayMenu(input: TrayInput): TrayEntry[] {
  const entries: TrayEntry[] = [{ type: 'item', label: 'Open Berth', command: { do: 'open' } }]
  const pinned = input.favourites ?? []
  if (pinned.length > 0) {
    entries.push({ type: 'separator' }, { type: 'header', label: 'Pinned' })
    for (const favourite of pinned.slice(0, MAX_PINNED)) {
      entries.push({
        type: 'item',
        label: favourite.kind === 'cluster' ? favourite.name : `${favourite.name} (image)`,
        command: { do: 'open', target: pinnedTarget(favourite) }
      })
    }
  }
  entries.push({ type: 'separator' }, { type: 'header', label: 'Accounts' })
  if (input.accounts.length === 0) entries.push({ type: 'header', label: 'No accounts yet' })
  for (const account of input.accounts) {
    const state = account.status.state
    const down = state === 'offline' || state === 'auth-failed'
    entries.push({
      type: 'item',
      label: `${account.name} — ${STATE_WORDS[state]}${down ? ' (reconnect)' : ''}`,
      // A lost account's item reconnects it; a healthy one opens it.
      command: down
        ? { do: 'reconnect', accountId: account.id }
        : { do: 'open', target: { view: 'accounts', accountId: account.id } }
    })
  }
  if (input.activeJobs.length > 0) {
    entries.push({ type: 'separator' }, { type: 'header', label: 'Activity' })
    for (const job of input.activeJobs.slice(0, MAX_JOBS)) {
      entries.push({
        type: 'item',
        label: `${job.title} — ${jobProgress(job)}`,
        command: { do: 'open', target: { view: 'jobs', jobId: job.id } }
      })
    }
    const more = input.activeJobs.length - MAX_JOBS
    if (more > 0) {
      entries.push({
        type: 'item',
        label: `and ${more} more…`,
        command: { do: 'open', target: { view: 'jobs' } }
      })
    }
  }
  entries.push(
    { type: 'separator' },
    {
      type: 'item',
      label: 'Refresh all',
      command: { do: 'refresh-all' },
      enabled: input.accounts.some((a) => a.status.state === 'online')
    },
    {
      type: 'checkbox',
      label: 'Pause notifications',
      command: { do: 'toggle-pause' },
      checked: input.notificationsPaused
    },
    { type: 'separator' },
    { type: 'item', label: 'Quit Berth', command: { do: 'quit' } }
  )
  return entries
}

function jobProgress(job: JobView): string {
  if (job.state === 'queued') return 'queued'
  return job.progress === null ? 'running' : `${Math.round(job.progress * 100)}%`
}
