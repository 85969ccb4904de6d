import { homedir } from 'node:os'
import { join } from 'node:path'

/** The same folder Electron's `app.getPath('userData')` gives for a product named Berth. */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Berth')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Berth')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Berth')
}
