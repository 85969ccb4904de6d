import { join } from 'node:path'
import { openDatabase, type OpenOptions } from '../cache/db'
import { startSandbox, type Sandbox } from '../sandbox'
import { readConfig, type AccountConfig } from './config'
import { Agent, type AgentOptions } from './service'

export interface BootOptions extends OpenOptions {
  dataDir: string
  /** A JSON config whose accounts replace the built-in sandbox. */
  configFile?: string
  policy?: AgentOptions['policy']
}

export interface Booted {
  agent: Agent
  /** Set when no account was configured and the embedded sandbox stands in. */
  sandbox: Sandbox | null
  close(): Promise<void>
}

export const SANDBOX_ACCOUNT_NAME = 'Sandbox'

/** Everything both ways in (Electron and headless) start the same way. */
export async function bootAgent(options: BootOptions): Promise<Booted> {
  let sandbox: Sandbox | null = null
  let accounts: AccountConfig[]
  if (options.configFile) {
    accounts = readConfig(options.configFile).accounts
  } else {
    sandbox = await startSandbox()
    const { url, token } = sandbox.connection().qbo
    accounts = [{ kind: 'qbo', name: SANDBOX_ACCOUNT_NAME, url, token }]
  }
  const db = openDatabase(join(options.dataDir, 'cache.sqlite'), options)
  const agent = new Agent({ db, accounts, policy: options.policy })
  agent.start()
  return {
    agent,
    sandbox,
    async close() {
      agent.stop()
      db.close()
      await sandbox?.close()
    }
  }
}
