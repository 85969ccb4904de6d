import type { Db } from '../cache/db'
import { applySettingsPatch, defaultSettings, Settings, type SettingsPatch } from '@contract'

/** The user's settings, one validated JSON document in the state file. */
export class SettingsStore {
  private current: Settings
  /** Why the stored settings were set aside for the defaults at start, if they were (for the log). */
  readonly damage: string | null = null

  constructor(private readonly db: Db) {
    const { settings, damage } = this.read()
    this.current = settings
    this.damage = damage
  }

  get(): Settings {
    return this.current
  }

  update(patch: SettingsPatch): Settings {
    const next = Settings.parse(applySettingsPatch(this.current, patch))
    this.db
      .prepare(
        `INSERT INTO settings (id, value) VALUES (1, ?)
         ON CONFLICT (id) DO UPDATE SET value = excluded.value`
      )
      .run(JSON.stringify(next))
    this.current = next
    return next
  }

  /**
   * Laid over the defaults, so a document from an older Berth gains the settings added since;
   * a damaged one falls back to the defaults rather than stopping the app.
   */
  private read(): { settings: Settings; damage: string | null } {
    const text: unknown = this.db.prepare('SELECT value FROM settings WHERE id = 1').pluck().get()
    if (text === undefined) return { settings: defaultSettings, damage: null }
    if (typeof text !== 'string') {
      return { settings: defaultSettings, damage: 'the stored value is not text' }
    }
    try {
      const stored = JSON.parse(text) as SettingsPatch
      const parsed = Settings.safeParse(applySettingsPatch(defaultSettings, stored))
      if (parsed.success) return { settings: parsed.data, damage: null }
      const issue = parsed.error.issues[0]
      return {
        settings: defaultSettings,
        damage: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`
      }
    } catch (error) {
      return { settings: defaultSettings, damage: (error as Error).message }
    }
  }
}
