import { join } from 'node:path'
import type { OpenOptions } from '../cache/db'
import { openCacheChecked } from '../cache/recover'
import { startSandbox, type Sandbox } from '../sandbox'
import { openStateDatabase } from '../store/state-db'
import { version } from '../../package.json'
import type { AccountSpec } from '../store/account-spec'
import type { AppInfo } from '@contract'
import type { Log } from './log'
import { readConfig, specFromConfig } from './config'
import { Agent, type AgentOptions } from './service'
import type { Vault } from '../vault/vault'

export interface BootOptions extends OpenOptions {
  dataDir: string
  /** A JSON config whose accounts replace the built-in sandbox. */
  configFile?: string | undefined
  /** Chosen by the host: a key file in the data folder (headless), safeStorage (desktop). */
  vault: Vault
  policy?: AgentOptions['policy']
  jobPolicy?: AgentOptions['jobPolicy']
  notify?: AgentOptions['notify']
  /** How this shell runs: shown on the settings page. */
  shell: Pick<AppInfo, 'mode' | 'logDir' | 'secrets'>
  log?: Log
}

export interface Booted {
  agent: Agent
  /** Set when no account was configured and the embedded sandbox stands in. */
  sandbox: Sandbox | null
  close(): Promise<void>
}

export const SANDBOX_ACCOUNT_NAME = 'Sandbox'
export const SANDBOX_HUB_NAME = 'Sandbox hub'

/** Everything both ways in (Electron and headless) start the same way. */
export async function bootAgent(options: BootOptions): Promise<Booted> {
  const state = openStateDatabase(join(options.dataDir, 'state.sqlite'), options)
  const cacheFile = join(options.dataDir, 'cache.sqlite')
  const { db, recoveredFrom, damage } = openCacheChecked(cacheFile, options)
  if (recoveredFrom) {
    ;(options.log ?? console).warn(
      `The cache at ${cacheFile} was damaged (${damage}); moved it to ${recoveredFrom} and starting afresh`
    )
  }
  let sandbox: Sandbox | null = null
  let accounts: AccountSpec[] = []
  if (options.configFile) {
    accounts = readConfig(options.configFile)
  } else if ((state.prepare('SELECT COUNT(*) FROM accounts').pluck().get() as number) === 0) {
    // First run (or every account removed): the built-in sandbox stands in so there is a hub to see.
    sandbox = await startSandbox()
    const { qbo, cycle } = sandbox.connection()
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
    state,
    vault: options.vault,
    accounts,
    policy: options.policy,
    jobPolicy: options.jobPolicy,
    notify: options.notify,
    log: options.log,
    info: { version, dataDir: options.dataDir, ...options.shell }
  })
  options.log?.info(
    `Berth ${version} started: data in ${options.dataDir}, ${accounts.length} configured account(s)${sandbox ? ' (the built-in sandbox)' : ''}`
  )
  agent.start()
  return {
    agent,
    sandbox,
    async close() {
      agent.stop()
      db.close()
      state.close()
      await sandbox?.close()
    }
  }
}
