import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src-main/sandbox'
import { tempDir } from '../../support/temp-dir'
import { startHeadless, type HeadlessRun } from './headless-process'
import { launchBrowser } from './browser'

/** Where e2e screenshots go (CI keeps them for a person to look at). */
export const SHOTS = resolve(import.meta.dirname, '../../../test-results')

/** One Chromium for the whole file, launched before its tests and closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
    mkdirSync(SHOTS, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (!browser) throw new Error('the browser is not running yet')
    return browser
  }
}

/** The sandbox's qbo account as a headless config entry. */
export const qboLab = (sandbox: Sandbox, token = sandbox.connection().qbo.token) => ({
  kind: 'qbo',
  name: 'Lab',
  url: sandbox.connection().qbo.url,
  token
})

/** Writes a headless `--config` file listing `accounts` into `dir`; returns its path. */
export function writeConfig(dir: string, accounts: readonly object[]): string {
  const file = `${dir}/config.json`
  writeFileSync(file, JSON.stringify({ accounts }))
  return file
}

/** Adds a Cycle hub through the Add account dialog: tests the connection, then saves it. */
export async function addCycleHub(
  page: Page,
  hub: { name: string; url: string; apiKey: string; hubId: string }
): Promise<void> {
  await page.getByTestId('add-account').click()
  await page.getByTestId('account-mode-cycle').click()
  await page.getByTestId('account-name').fill(hub.name)
  await page.getByTestId('account-cycle-url').fill(hub.url)
  await page.getByTestId('account-cycle-key').fill(hub.apiKey)
  await page.getByTestId('account-cycle-hub').fill(hub.hubId)
  await page.getByTestId('test-connection').click()
  await expect
    .poll(() => page.getByTestId('connection-report').textContent())
    .toMatch(/Cycle API v1/)
  await page.getByTestId('save-account').click()
}

export interface QboLab {
  dir: ReturnType<typeof tempDir>
  /** A test may close it, or replace it with one restarted on the same port. */
  sandbox: Sandbox
  run: HeadlessRun
}

/** The sandbox's Cycle hub as a headless config entry. */
export const cycleHub = (sandbox: Sandbox) => ({
  kind: 'cycle',
  name: 'Hub',
  ...sandbox.connection().cycle
})

/**
 * Before each test: a fresh data folder, a sandbox, and headless Berth configured with the
 * accounts `accounts` names of it; after it, all three taken down (closing a sandbox twice is
 * harmless).
 */
function useLab(accounts: (sandbox: Sandbox) => object[], options: SandboxOptions): QboLab {
  const lab = {} as QboLab
  beforeEach(async () => {
    lab.dir = tempDir()
    lab.sandbox = await startSandbox(options)
    const config = writeConfig(lab.dir.path, accounts(lab.sandbox))
    lab.run = await startHeadless(['--data', lab.dir.path, '--config', config])
  })
  afterEach(async () => {
    await lab.run?.stop()
    await lab.sandbox?.close()
    lab.dir?.remove()
  })
  return lab
}

/** Headless Berth with the sandbox's qbo account ("Lab"). */
export const useQboLab = (options: SandboxOptions = {}): QboLab =>
  useLab((sandbox) => [qboLab(sandbox)], options)

/** Headless Berth with the sandbox's qbo account ("Lab") and its Cycle hub ("Hub"). */
export const useBothLab = (options: SandboxOptions = {}): QboLab =>
  useLab((sandbox) => [qboLab(sandbox), cycleHub(sandbox)], options)

/** Headless Berth with no account configured: the user adds what the test needs by hand. */
export const useEmptyBerth = (options: SandboxOptions = {}): QboLab => useLab(() => [], options)

/** Adds the lab sandbox's Cycle hub as "Hub", waits for it online, and opens its images. */
export async function openCycleImages(page: Page, sandbox: Sandbox): Promise<void> {
  await addCycleHub(page, { name: 'Hub', ...sandbox.connection().cycle })
  await expect.poll(() => page.getByTestId('account').getAttribute('data-state')).toBe('online')
  await page.getByTestId('nav-cycle-images').click()
  await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)
}
