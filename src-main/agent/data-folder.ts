import { accessSync, constants, mkdirSync } from 'node:fs'
import { StartupError } from './startup-error'

const code = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error'

/**
 * Makes sure the data folder exists, is a folder and can be written, before anything in it is
 * opened: otherwise SQLite's own message ("unable to open database file") would name no file.
 */
export function prepareDataFolder(dir: string): void {
  try {
    // A file where the folder (or one above it) should be fails here: EEXIST or ENOTDIR.
    mkdirSync(dir, { recursive: true })
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK)
  } catch (error) {
    throw problem(dir, error)
  }
}

function problem(dir: string, error: unknown): StartupError {
  switch (code(error)) {
    case 'EEXIST':
    case 'ENOTDIR':
      return new StartupError(
        `The data folder ${dir} cannot be made: a file is in the way (it or a folder above it is a file); move that file, or choose another data folder.`
      )
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new StartupError(
        `Berth cannot write to the data folder ${dir} (${code(error)}): give this user write access to it, or choose another data folder.`
      )
    default:
      return new StartupError(
        `Berth cannot use the data folder ${dir}: ${(error as Error).message}.`
      )
  }
}
