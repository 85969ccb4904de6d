import { randomUUID } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { tempDir } from '../support/temp-dir'
import { openAcceptedJob } from './support/accepted-job'
import { startHeadless, type HeadlessRun } from './support/headless-process'
import { addCycleHub, qboLab, useBrowser, writeConfig } from './support/lab'

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe('account secrets never leave the main process in clear', () => {
  const browser = useBrowser()
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let run: HeadlessRun | undefined
  // Distinctive values, so a hit can only be a leak.
  const qboToken = `qbo-secret-${randomUUID()}`
  const cycleKey = `cycle-secret-${randomUUID()}`

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox({ stepMs: 20, qboToken, cycleApiKey: cycleKey })
  })
  afterEach(async () => {
    await run?.stop()
    await sandbox.close()
    dir.remove()
  })

  it('finds neither secret in the cache, the state file, the logs or any message to the page', async () => {
    const data = join(dir.path, 'data')
    mkdirSync(data)
    // The config file is the user's own, outside the data folder; the qbo token comes from it.
    run = await startHeadless([
      '--data',
      data,
      '--config',
      writeConfig(dir.path, [qboLab(sandbox)])
    ])

    const page = await browser().newPage()
    const sent: string[] = []
    const received: string[] = []
    page.on('websocket', (socket) => {
      socket.on('framesent', (f) => sent.push(String(f.payload)))
      socket.on('framereceived', (f) => received.push(String(f.payload)))
    })
    await page.goto(run.url)

    // The hub is added by hand: its key is typed into the page, tested, saved.
    await addCycleHub(page, { name: 'Hub', ...sandbox.connection().cycle })
    await expect
      .poll(() =>
        page
          .getByTestId('account')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))
      )
      .toEqual(['online', 'online'])

    // Browse both platforms and run a job, so every kind of message has crossed.
    await page.getByTestId('nav-nodes').click()
    await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)
    await page.getByTestId('nav-cycle-images').click()
    await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(0)
    await page.getByTestId('build-image').click()
    await page.getByTestId('build-name').fill('leak-check')
    await page.getByTestId('build-submit').click()
    await openAcceptedJob(page)
    await expect
      .poll(() => page.getByTestId('job').first().getAttribute('data-state'), { timeout: 30_000 })
      .toBe('succeeded')
    await page.close()
    expect(await run.stop()).toBe(0)
    run = undefined

    const secrets = [qboToken, cycleKey]
    // Messages to the page: none carries a secret.
    expect(received.length).toBeGreaterThan(0)
    for (const frame of received) for (const s of secrets) expect(frame).not.toContain(s)
    // Messages from the page: only the user's own typing of the key, to test and save it.
    const carrying = sent.filter((f) => secrets.some((s) => f.includes(s)))
    expect(carrying.length).toBeGreaterThan(0)
    expect(new Set(carrying.map((f) => (JSON.parse(f) as { method: string }).method))).toEqual(
      new Set(['accounts.test', 'accounts.add'])
    )

    // Every file Berth wrote: cache, state (sealed secrets), WAL leftovers, vault key, logs.
    const files = filesUnder(data)
    const names = files.map((f) => f.slice(data.length + 1))
    expect(names).toEqual(
      expect.arrayContaining(['cache.sqlite', 'state.sqlite', join('logs', 'berth.log')])
    )
    for (const file of files) {
      const bytes = readFileSync(file)
      for (const s of secrets) {
        expect(bytes.includes(s), `${s.slice(0, 12)}… found in ${file}`).toBe(false)
      }
    }
    // The log is not empty: it said what happened, without the credentials.
    const log = readFileSync(join(data, 'logs', 'berth.log'), 'utf8')
    expect(log).toMatch(/Hub \(cycle\) is online/)
    expect(log).toMatch(/Lab \(qbo\) is online/)
  })
})
