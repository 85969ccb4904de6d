import type { Db } from '../cache/db'
import { applySettingsPatch, defaultSettings, Settings, type SettingsPatch } from '@contract'

/** The user's settings, one validated JSON document in the state file. */
export class SettingsStore {
  private current: Settings

  constructor(private readonly db: Db) {
    this.current = this.read()
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
  private read(): Settings {
    const text = this.db.prepare('SELECT value FROM settings WHERE id = 1').pluck().get()
    if (typeof text !== 'string') return defaultSettings
    try {
      const stored = JSON.parse(text) as SettingsPatch
      const parsed = Settings.safeParse(applySettingsPatch(defaultSettings, stored))
      return parsed.success ? parsed.data : defaultSettings
    } catch {
      return defaultSettings
    }
  }
}
