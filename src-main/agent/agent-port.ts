import type {
  AccountView,
  AgentEvent,
  AppInfo,
  ResourceKind,
  Settings,
  SettingsPatch
} from '@contract'
import type { Db } from '../cache/db'
import type { AccountSpec } from '../store/account-spec'
import type { JobStore } from '../store/job-store'
import type { NotificationStore } from '../store/notification-store'
import type { SettingsStore } from '../store/settings-store'
import type { AccountRunner } from './account-runner'
import type { JobRunner } from './jobs/job-runner'
import type { PlatformSession } from './sessions'

export interface LiveAccount {
  spec: AccountSpec
  runner: AccountRunner
  session: PlatformSession
  syncError: string | null
  /** Kinds the server refused to list (see AccountView `unsupported`); none when absent. */
  unsupported?: readonly ResourceKind[]
}

/**
 * What the contract's handlers need of the agent. The service implements it and owns the
 * handlers, so the handlers never import the service (no circle).
 */
export interface AgentPort {
  readonly cache: Db
  readonly live: ReadonlyMap<string, LiveAccount>
  readonly jobs: JobRunner
  readonly jobStore: JobStore
  readonly settings: SettingsStore
  readonly notifications: NotificationStore
  view(account: LiveAccount): AccountView
  refresh(id?: string): Promise<void>
  addAccount(spec: AccountSpec): AccountView
  removeAccount(id: string): void
  updateSettings(patch: SettingsPatch): Settings
  info(): AppInfo
  clearCache(): void
  notificationsChanged(): void
  /** Every event the agent emits, as it emits it; returns the way to stop listening. */
  onEvent(listener: (event: AgentEvent) => void): () => void
}
