import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountView } from '@contract'
import { bootAgent, type Booted } from '../../src-main/agent/bootstrap'
import { exitFor } from '../../src-main/agent/startup-error'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { keyFileVault } from '../../src-main/vault/key-file-vault'
import { accountSynced, FAST, value } from '../support/calls'
import { tempDir } from '../support/temp-dir'
import { accountState, nextEvent } from '../support/wait'

const shell = { mode: 'headless', logDir: '', secrets: 'key-file' } as const

/** A log that keeps its lines, so a test can read what the user would. */
function recordingLog() {
  const lines: string[] = []
  const keep = (message: string) => void lines.push(message)
  return { lines, log: { info: keep, warn: keep, error: keep } }
}

describe('a lost or replaced vault key', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let booted: Booted | null = null
  let keyFile: string
  let config: string

  const boot = (log = recordingLog().log): Promise<Booted> =>
    bootAgent({
      dataDir: dir.path,
      configFile: config,
      vault: () => keyFileVault(keyFile),
      shell,
      log,
      ...FAST
    }).then((b) => (booted = b))

  const accounts = async (agent: Booted['agent']): Promise<Map<string, AccountView>> =>
    new Map((await value<AccountView[]>(agent, 'accounts.list')).map((a) => [a.name, a]))

  /** First run: a configured account, and a qbo and a Cycle account the user stored. */
  async function storeAccounts(): Promise<void> {
    const { agent } = await boot()
    const { qbo, cycle } = sandbox.connection()
    const synced = nextEvent(
      agent,
      (e) => accountSynced(e) && e.type === 'account' && e.account.id === 'qbo:Stored'
    )
    await value(agent, 'accounts.add', {
      kind: 'qbo',
      name: 'Stored',
      host: '127.0.0.1',
      port: sandbox.port,
      tls: false,
      token: qbo.token
    })
    await value(agent, 'accounts.add', { kind: 'cycle', name: 'Hub', ...cycle })
    await synced
    await booted!.close()
    booted = null
  }

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox({ stepMs: 5 })
    keyFile = `${dir.path}/vault.key`
    config = `${dir.path}/config.json`
    const { qbo } = sandbox.connection()
    writeFileSync(
      config,
      JSON.stringify({
        accounts: [{ kind: 'qbo', name: 'Config', url: qbo.url, token: qbo.token }]
      })
    )
  })
  afterEach(async () => {
    await booted?.close()
    booted = null
    await sandbox.close()
    dir.remove()
  })

  it('replaced: Berth starts, the stored accounts say their credential needs re-entry and why, the rest works', async () => {
    await storeAccounts()
    writeFileSync(keyFile, randomBytes(32))

    const { log, lines } = recordingLog()
    const { agent } = await boot(log)
    const listed = await accounts(agent)
    for (const name of ['Stored', 'Hub']) {
      expect(listed.get(name)?.status).toEqual({
        state: 'auth-failed',
        since: expect.any(Number),
        reason: expect.stringMatching(
          /key that sealed this account's secret is missing or was replaced.*remove the account and add it again/
        ),
        retryAt: null,
        needsReentry: true
      })
    }
    expect(lines.some((l) => /Stored \(qbo\) needs its credential entered again/.test(l))).toBe(
      true
    )

    // The configured account connects; the stored one's cache is still there to browse.
    await nextEvent(agent, accountState('online', 'qbo:Config'))
    const nodes = await value<{ total: number }>(agent, 'nodes.list', { accountId: 'qbo:Stored' })
    expect(nodes.total).toBe(sandbox.qbo.hub.nodes.length)
    // Actions can still be queued; they wait, since there is no credential to send them with.
    await value(agent, 'clusters.add', { accountId: 'qbo:Stored', name: 'later' })
    await value(agent, 'clusters.add', { accountId: 'qbo:Config', name: 'now' })
    await nextEvent(
      agent,
      (e) => e.type === 'job' && e.job.target === 'now' && e.job.state === 'succeeded'
    )
    expect(await value(agent, 'jobs.list', { accountId: 'qbo:Stored' })).toMatchObject({
      items: [{ target: 'later', state: 'queued' }]
    })
    expect(await agent.call('accounts.reconnect', { accountId: 'qbo:Stored' })).toEqual({
      ok: true,
      value: null
    })
    expect((await accounts(agent)).get('Stored')?.status).toMatchObject({ needsReentry: true })
    expect(await agent.call('accounts.test', { accountId: 'qbo:Stored' })).toMatchObject({
      ok: false,
      error: { code: 'auth-failed' }
    })

    // The fix: remove it and add it again; it is sealed with the key in use now.
    await value(agent, 'accounts.remove', { accountId: 'qbo:Stored' })
    const online = nextEvent(agent, accountState('online', 'qbo:Stored'))
    await value(agent, 'accounts.add', {
      kind: 'qbo',
      name: 'Stored',
      host: '127.0.0.1',
      port: sandbox.port,
      tls: false,
      token: sandbox.connection().qbo.token
    })
    await online
    await booted!.close()
    const again = await boot()
    const relisted = await accounts(again.agent)
    expect(relisted.get('Stored')?.status.state).not.toBe('auth-failed')
    expect(relisted.get('Hub')?.status).toMatchObject({ needsReentry: true })
  })

  it('deleted: a new key is made for new secrets, and the log says the old one was missing', async () => {
    await storeAccounts()
    rmSync(keyFile)

    const { log, lines } = recordingLog()
    const { agent } = await boot(log)
    expect((await accounts(agent)).get('Stored')?.status).toMatchObject({
      state: 'auth-failed',
      needsReentry: true
    })
    expect(lines).toContainEqual(
      expect.stringMatching(/cannot be opened because the key file .*vault\.key was missing/)
    )
    expect(existsSync(keyFile)).toBe(true)
    await nextEvent(agent, accountState('online', 'qbo:Config'))
  })

  it('damaged: it is moved aside (kept), a new one is made, and the accounts wait for re-entry', async () => {
    await storeAccounts()
    writeFileSync(keyFile, 'not a key')

    const { log, lines } = recordingLog()
    const { agent } = await boot(log)
    expect((await accounts(agent)).get('Hub')?.status).toMatchObject({ needsReentry: true })
    expect(readdirSync(dir.path).filter((f) => f.startsWith('vault.key.damaged-'))).toHaveLength(1)
    expect(lines).toContainEqual(
      expect.stringMatching(/vault\.key was damaged \(9 bytes, not 32\)/)
    )
  })

  it('unreadable (a folder in its place): Berth stops with one line naming the key file', async () => {
    mkdirSync(keyFile)
    const failure = await boot().then(
      () => null,
      (error: unknown) => error
    )
    const exit = exitFor(failure)
    expect(exit.code).toBe(2)
    expect(exit.line).toMatch(/^Berth cannot read its key file .*vault\.key \(EISDIR\)/)
    expect(exit.line).not.toContain('\n')
  })
})
