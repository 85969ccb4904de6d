import type { AccountSpec, QboAccountSpec } from '../../src-main/store/account-spec'
import { specFromConfig } from '../../src-main/agent/config'
import { Agent, type AgentOptions } from '../../src-main/agent/service'
import { openDatabase, type Db } from '../../src-main/cache/db'
import { keyFileVault } from '../../src-main/vault/key-file-vault'
import type { Sandbox } from '../../src-main/sandbox'
import { openStateDatabase } from '../../src-main/store/state-db'

/** A token account as a config file would give it. */
export const tokenAccount = (name: string, url: string, token: string): QboAccountSpec =>
  specFromConfig({ kind: 'qbo', name, url, token })

/** A token account for the sandbox's qbo server; its own token unless another is given. */
export const sandboxAccount = (sandbox: Sandbox, name: string, token?: string): QboAccountSpec =>
  tokenAccount(name, sandbox.connection().qbo.url, token ?? sandbox.connection().qbo.token)

/** Real SQLite files (cache and state) and a real key-file vault in `dir`. */
export function openStores(dir: string): { db: Db; state: Db; close(): void } {
  const db = openDatabase(`${dir}/cache.sqlite`)
  const state = openStateDatabase(`${dir}/state.sqlite`)
  return {
    db,
    state,
    close() {
      db.close()
      state.close()
    }
  }
}

export function makeAgent(
  stores: { db: Db; state: Db },
  dir: string,
  accounts: AccountSpec[],
  extra: Pick<AgentOptions, 'policy' | 'jobPolicy' | 'notify' | 'log' | 'writer'> = {}
): Agent {
  return new Agent({
    ...stores,
    vault: keyFileVault(`${dir}/vault.key`),
    accounts,
    info: {
      version: 'test',
      mode: 'headless',
      dataDir: dir,
      logDir: `${dir}/logs`,
      secrets: 'key-file'
    },
    ...extra
  })
}
