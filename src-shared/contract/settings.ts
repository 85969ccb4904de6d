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

/** A list's id in the column settings ("clusters", "cluster-pods"): lower case words and dashes. */
export const ListViewId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/, 'a list id: lower case and dashes')

const ColumnId = z.string().min(1).max(64)

/**
 * How the user arranged one list's columns. `order` lists column ids front to back (columns it
 * does not name keep their place after those it does); `hidden` are left out.
 */
export const ColumnPrefs = z.object({
  hidden: z.array(ColumnId).max(64),
  order: z.array(ColumnId).max(64)
})
export type ColumnPrefs = z.infer<typeof ColumnPrefs>

/** What can be pinned to the top of the sidebar and the tray menu. */
export const FavouriteKind = z.enum(['cluster', 'cycle-image'])
export type FavouriteKind = z.infer<typeof FavouriteKind>

/** A pinned cluster (key: its name) or Cycle image (key: its id), with the name it is shown by. */
export const Favourite = z.object({
  kind: FavouriteKind,
  accountId: z.string().min(1).max(200),
  key: z.string().min(1).max(200),
  name: z.string().min(1).max(200)
})
export type Favourite = z.infer<typeof Favourite>

const Favourites = z.array(Favourite).max(100)

export const Settings = z.object({
  theme: Theme,
  /** Closing the window keeps Berth running in the tray (where the desktop has one). */
  closeToTray: z.boolean(),
  refreshIntervalSec: RefreshInterval,
  notifications: z.object({
    /** Toasts are held back while paused; the in-app history still records everything. */
    paused: z.boolean(),
    kinds: kindSwitches
  }),
  /** Per list, the columns hidden and their order. */
  columns: z.record(ListViewId, ColumnPrefs),
  /** Pinned clusters and images, in the order they were pinned. */
  favourites: Favourites
})
export type Settings = z.infer<typeof Settings>

export const defaultSettings: Settings = {
  theme: 'system',
  closeToTray: true,
  refreshIntervalSec: 60,
  notifications: {
    paused: false,
    kinds: { job: true, resource: true, account: true, outbox: true }
  },
  columns: {},
  favourites: []
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
      .strict(),
    /** Replaces the arrangement of the lists it names; the others stay as they were. */
    columns: z.record(ListViewId, ColumnPrefs),
    /** The whole list of pinned items. */
    favourites: Favourites
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
    },
    columns: { ...current.columns, ...patch.columns }
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
