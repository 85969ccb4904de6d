import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { startSandbox } from '../../src-main/sandbox'
import { AccountStore } from '../../src-main/store/account-store'
import { JobStore } from '../../src-main/store/job-store'
import { openStateDatabase } from '../../src-main/store/state-db'
import { keyFileVault } from '../../src-main/vault/key-file-vault'
import { tempDir } from '../support/temp-dir'
import { startHeadless } from './support/headless-process'
import { qboLab, SHOTS, useBrowser, writeConfig } from './support/lab'

/**
 * What a user sees when Berth's own files were damaged behind its back: a stored account whose
 * key was replaced, and a job row that cannot be read. Berth starts, says what is wrong with each,
 * and offers the way out (remove the account, discard the job).
 */
describe('damaged state through the real UI', () => {
  const browser = useBrowser()

  it('shows an account needing its credential again and a damaged job, and clears both', async () => {
    const dir = tempDir()
    const sandbox = await startSandbox()
    const state = openStateDatabase(`${dir.path}/state.sqlite`)
    new AccountStore(state, keyFileVault(`${dir.path}/vault.key`)).add({
      id: 'cycle:Old hub',
      kind: 'cycle',
      name: 'Old hub',
      origin: 'stored',
      ...sandbox.connection().cycle
    })
    const job = new JobStore(state).create({
      accountId: 'qbo:Lab',
      action: 'add',
      target: 'ghost',
      args: {},
      title: 'Create cluster ghost'
    })
    state.close()
    // The key is replaced (a restored backup, another machine's folder) and a row is torn.
    writeFileSync(`${dir.path}/vault.key`, randomBytes(32), { mode: 0o600 })
    const raw = new Database(`${dir.path}/state.sqlite`)
    raw.prepare("UPDATE jobs SET args = '{broken' WHERE id = ?").run(job.id)
    raw.close()

    const config = writeConfig(dir.path, [qboLab(sandbox)])
    const run = await startHeadless(['--data', dir.path, '--config', config])
    const page = await browser().newPage()
    try {
      await page.goto(run.url)
      const held = page.locator('[data-testid="account"][data-account-id="cycle:Old hub"]')
      await expect
        .poll(() => held.getByTestId('account-status').textContent())
        .toBe('Credential needs re-entry')
      expect(await held.textContent()).toMatch(/missing or was replaced/)
      // Retrying cannot help a credential that is gone: the banner says so and offers none.
      expect(await page.getByTestId('offline-banner').textContent()).toMatch(
        /Old hub needs its credential entered again/
      )
      expect(await page.getByTestId('offline-retry').count()).toBe(0)
      // The configured account is unaffected.
      await expect
        .poll(() =>
          page.locator('[data-account-id="qbo:Lab"]').getAttribute('data-state', { timeout: 5000 })
        )
        .toBe('online')
      await page.screenshot({ path: `${SHOTS}/e2e-account-needs-reentry.png` })

      await page.getByTestId('nav-jobs').click()
      const damaged = page.getByTestId('job').filter({ hasText: 'ghost' })
      await damaged.click()
      await expect.poll(() => page.getByTestId('job-state').textContent()).toMatch(/Damaged/)
      expect(await page.getByTestId('job-error').textContent()).toMatch(/never run/)
      await page.screenshot({ path: `${SHOTS}/e2e-job-damaged.png` })
      await page.getByTestId('job-discard').click()
      await expect.poll(() => damaged.count()).toBe(0)

      await held.getByRole('button', { name: 'Remove…' }).click()
      await page.getByTestId('confirm-remove').click()
      await expect.poll(() => held.count()).toBe(0)
    } finally {
      await page.close()
      await run.stop()
      await sandbox.close()
      dir.remove()
    }
  })
})
