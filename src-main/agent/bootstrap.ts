import { join } from 'node:path'
import type { Db, OpenOptions } from '../cache/db'
import { startIntegrityCheck } from '../cache/integrity-check'
import { openCacheChecked } from '../cache/recover'
import type { Sandbox } from '../sandbox'
import { openStateDatabase, StateFileError } from '../store/state-db'
import { version } from '../../package.json'
import type { AccountSpec } from '../store/account-spec'
import type { AppInfo } from '@contract'
import type { Log } from './log'
import { readConfig, specFromConfig } from './config'
import { prepareDataFolder } from './data-folder'
import { acquireDataLock } from './data-lock'
import { logLine } from './log-line'
import { Agent, type AgentOptions } from './service'
import { openCacheWriter } from '../sync/cache-writer'
import { builtWorker } from '../sync/early-writer'
import { StartupError } from './startup-error'
import type { Vault } from '../vault/vault'

export interface BootOptions extends OpenOptions {
  dataDir: string
  /** A JSON config whose accounts replace the built-in sandbox. */
  configFile?: string | undefined
  /**
   * Chosen by the host: a key file in the data folder (headless), safeStorage (desktop). Given
   * as a function, it is opened only once the data folder is locked, so a key file in it is read
   * or made by the one Berth that owns the folder.
   */
  vault: Vault | (() => Vault)
  policy?: AgentOptions['policy']
  jobPolicy?: AgentOptions['jobPolicy']
  notify?: AgentOptions['notify']
  /** How this shell runs: shown on the settings page. */
  shell: Pick<AppInfo, 'mode' | 'logDir' | 'secrets'>
  /** The built sync worker; by default the one beside this bundle (see sync/early-writer.ts). */
  syncWorker?: string | undefined
  log?: Log
  /** When the cache's full integrity check starts, in the background (default 5 s). */
  integrityCheckDelayMs?: number
}

const INTEGRITY_CHECK_DELAY_MS = 5_000

export interface Booted {
  agent: Agent
  /** Set when no account was configured and the embedded sandbox stands in. */
  sandbox: Sandbox | null
  /** Stops the agent, closes its files and releases the data folder; safe to call twice. */
  close(): Promise<void>
}

export const SANDBOX_ACCOUNT_NAME = 'Sandbox'
export const SANDBOX_HUB_NAME = 'Sandbox hub'

/**
 * Everything both ways in (Electron and headless) start the same way. What the user can fix (the
 * config, the data folder, a file in it, another Berth on the same folder) is thrown as a
 * StartupError whose one line names the file and what to do; whatever was opened is closed again.
 */
export async function bootAgent(options: BootOptions): Promise<Booted> {
  const log = options.log ?? console
  // Read first: a mistake in the config is reported before the data folder is touched.
  const configured = options.configFile ? readConfig(options.configFile) : null
  prepareDataFolder(options.dataDir)
  const lock = acquireDataLock(options.dataDir)
  const undo: Array<() => unknown> = [() => lock.release()]
  try {
    const vault = openVault(options.vault)
    const stateFile = join(options.dataDir, 'state.sqlite')
    const state = openState(stateFile, options)
    undo.push(() => state.close())
    const cacheFile = join(options.dataDir, 'cache.sqlite')
    const db = openCache(cacheFile, options, log)
    undo.push(() => db.close())
    // Syncs are written by a worker thread with its own connection; this one serves queries.
    const writer = await openCacheWriter({
      file: cacheFile,
      db,
      workerFile: options.syncWorker ?? builtWorker(import.meta.dirname),
      nativeBinding: options.nativeBinding,
      log: (message) => log.warn(message)
    })
    undo.push(() => writer.close())
    // Every start syncs its accounts: the writer thread starts now, beside the rest of start-up,
    // rather than once the first answer is waiting for it.
    writer.warm()

    let sandbox: Sandbox | null = null
    let accounts: AccountSpec[] = configured ?? []
    if (
      !configured &&
      (state.prepare('SELECT COUNT(*) FROM accounts').pluck().get() as number) === 0
    ) {
      // First run (or every account removed): the built-in sandbox stands in so there is a hub to
      // see. Loaded only then: a configured Berth does not compile it before its first request.
      const { startSandbox } = await import('../sandbox')
      const started = await startSandbox()
      sandbox = started
      undo.push(() => started.close())
      const { qbo, cycle } = started.connection()
      accounts = [
        specFromConfig(
          { kind: 'qbo', name: SANDBOX_ACCOUNT_NAME, url: qbo.url, token: qbo.token },
          'sandbox'
        ),
        specFromConfig({ kind: 'cycle', name: SANDBOX_HUB_NAME, ...cycle }, 'sandbox')
      ]
    }
    const agent = new Agent({
      db,
      writer,
      state,
      vault,
      accounts,
      policy: options.policy,
      jobPolicy: options.jobPolicy,
      notify: options.notify,
      log: options.log,
      info: { version, dataDir: options.dataDir, ...options.shell }
    })
    if (agent.settings.damage) {
      log.warn(
        `The settings in ${stateFile} could not be read (${logLine(agent.settings.damage)}); using the defaults until they are changed`
      )
    }
    options.log?.info(
      `Berth ${version} started: data in ${options.dataDir}, ${accounts.length} configured account(s)${sandbox ? ' (the built-in sandbox)' : ''}`
    )
    undo.push(() => agent.stop())
    agent.start()
    // Start-up only checked the cache quickly; the whole walk runs off this thread, later.
    const check = startIntegrityCheck(cacheFile, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      delayMs: options.integrityCheckDelayMs ?? INTEGRITY_CHECK_DELAY_MS
    })
    undo.push(() => check.stop())
    void check.done.then((outcome) => {
      if (outcome.state === 'damaged') {
        log.warn(
          `The cache at ${cacheFile} failed its integrity check (${logLine(outcome.damage)}); it will be moved aside and rebuilt at the next start`
        )
      } else if (outcome.state === 'failed') {
        log.warn(`The cache at ${cacheFile} could not be checked (${logLine(outcome.error)})`)
      }
    })
    let closed: Promise<void> | null = null
    return {
      agent,
      sandbox,
      close: () => (closed ??= unwind(undo))
    }
  } catch (error) {
    await unwind(undo)
    throw error
  }
}

/** Undoes in reverse order; one failing step does not keep the rest (the lock) held. */
async function unwind(undo: Array<() => unknown>): Promise<void> {
  for (const step of [...undo].reverse()) {
    try {
      await step()
    } catch {
      // Closing what failed to open: nothing more to do about it.
    }
  }
}

function openVault(vault: BootOptions['vault']): Vault {
  if (typeof vault !== 'function') return vault
  try {
    return vault()
  } catch (error) {
    throw new StartupError((error as Error).message)
  }
}

function openState(file: string, options: OpenOptions): Db {
  try {
    return openStateDatabase(file, options)
  } catch (error) {
    throw error instanceof StateFileError ? new StartupError(error.message) : error
  }
}

/** A damaged cache is moved aside and rebuilt; only a cache that cannot be made stops Berth. */
function openCache(file: string, options: OpenOptions, log: Log): Db {
  let opened
  try {
    opened = openCacheChecked(file, options)
  } catch (error) {
    const message = logLine(((error as Error).message ?? String(error)).split('\n')[0]!)
    throw new StartupError(
      `Berth cannot use the cache ${file} (${message}): delete it (it only holds what the servers said, and is rebuilt) or give this user write access to it.`
    )
  }
  if (opened.recoveredFrom) {
    log.warn(
      `The cache at ${file} was damaged (${opened.damage}); moved it to ${opened.recoveredFrom} and starting afresh`
    )
  }
  return opened.db
}
