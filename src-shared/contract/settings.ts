import { z } from 'zod'

export const Theme = z.enum(['system', 'light', 'dark'])
export type Theme = z.infer<typeof Theme>

/** What a notification is about; the user chooses per kind whether it becomes a desktop toast. */
export const NoticeKind = z.enum([
  /** A job (a queued action) finished or failed. */
  'job',
  /** A node, cluster or Cycle image changed state, or went away. */
  'resource',
  /** An account lost or regained its connection, or its credential was refused. */
  'account',
  /** A queued action whose delivery could not be confirmed: its outcome is unknown. */
  'outbox'
])
export type NoticeKind = z.infer<typeof NoticeKind>

const kindSwitches = z.object({
  job: z.boolean(),
  resource: z.boolean(),
  account: z.boolean(),
  outbox: z.boolean()
})

/** Seconds between background refreshes of every account: off, or between 15 s and a day. */
export const RefreshInterval = z.union([z.literal(0), z.number().int().min(15).max(86_400)])

export const Settings = z.object({
  theme: Theme,
  /** Closing the window keeps Berth running in the tray (where the desktop has one). */
  closeToTray: z.boolean(),
  refreshIntervalSec: RefreshInterval,
  notifications: z.object({
    /** Toasts are held back while paused; the in-app history still records everything. */
    paused: z.boolean(),
    kinds: kindSwitches
  })
})
export type Settings = z.infer<typeof Settings>

export const defaultSettings: Settings = {
  theme: 'system',
  closeToTray: true,
  refreshIntervalSec: 60,
  notifications: {
    paused: false,
    kinds: { job: true, resource: true, account: true, outbox: true }
  }
}

/** A change to some settings; what it leaves out stays as it was. */
export const SettingsPatch = z
  .object({
    theme: Theme,
    closeToTray: z.boolean(),
    refreshIntervalSec: RefreshInterval,
    notifications: z
      .object({ paused: z.boolean(), kinds: kindSwitches.partial().strict() })
      .partial()
      .strict()
  })
  .partial()
  .strict()
export type SettingsPatch = z.infer<typeof SettingsPatch>

export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  return {
    ...current,
    ...patch,
    notifications: {
      ...current.notifications,
      ...patch.notifications,
      kinds: { ...current.notifications.kinds, ...patch.notifications?.kinds }
    }
  }
}

/** Facts about this installation the settings page shows. */
export const AppInfo = z.object({
  version: z.string(),
  /** `desktop` in the Electron shell, `headless` when served to a browser. */
  mode: z.enum(['desktop', 'headless']),
  dataDir: z.string(),
  logDir: z.string(),
  /** How account secrets are sealed at rest. */
  secrets: z.enum(['os-keyring', 'key-file'])
})
export type AppInfo = z.infer<typeof AppInfo>
