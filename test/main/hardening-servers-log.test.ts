import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { escapeControls, logSafe } from '../../src-main/agent/log'
import type { Agent } from '../../src-main/agent/service'
import { headlessLog } from '../../src-main/headless/log'
import { makeAgent, openStores, tokenAccount } from '../support/agent'
import { bareServer, type BareServer } from '../support/bare-qbo'
import { FAST } from '../support/calls'
import { tempDir } from '../support/temp-dir'
import { accountState, nextEvent } from '../support/wait'

/** A qbo-like server that accepts, and closes with `reason` when the client first asks anything. */
function closer(reason: string): Promise<BareServer> {
  return bareServer((ws) => ws.once('message', () => ws.close(4000, reason)))
}

/** Resolves with the file's text once `match` holds; rejects past `ms` (a bound, not a pause). */
async function fileWhen(
  path: string,
  match: (text: string) => boolean,
  ms: number
): Promise<string> {
  const deadline = Date.now() + ms
  for (;;) {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : ''
    if (match(text)) return text
    if (Date.now() > deadline) throw new Error(`${path} never matched; it holds:\n${text}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('server text in the log', () => {
  const dir = tempDir()
  const stores = openStores(dir.path)
  let agent: Agent | undefined
  let server: Awaited<ReturnType<typeof closer>> | undefined
  afterEach(async () => {
    agent?.stop()
    await server?.close()
    stores.close()
    dir.remove()
  })

  it('a close reason with a newline stays on its own line of the headless log, escaped', async () => {
    server = await closer('bye\nFAKE LINE [error] forged\u001b[2J')
    const { log, logDir } = headlessLog(dir.path)
    agent = makeAgent(stores, dir.path, [tokenAccount('Lab', server.url, 't')], { ...FAST, log })
    const offline = nextEvent(agent, accountState('offline'))
    agent.start()
    await offline

    const text = await fileWhen(join(logDir, 'berth.log'), (t) => t.includes('is offline'), 5_000)
    const lines = text.split('\n')
    expect(
      lines.some((l) =>
        l.endsWith('Lab (qbo) is offline: bye\\nFAKE LINE [error] forged\\u001b[2J')
      )
    ).toBe(true)
    expect(lines.some((l) => l.startsWith('FAKE LINE'))).toBe(false)
    expect(text).not.toContain('\u001b')
  })

  it('writes out every control character, C0, DEL, C1 and the Unicode line breaks', () => {
    expect(escapeControls('a\r\nb\tc\u0000d\u007fe\u0085f\u009bg\u2028h\u2029i')).toBe(
      'a\\r\\nb\\tc\\u0000d\\u007fe\\u0085f\\u009bg\\u2028h\\u2029i'
    )
    expect(escapeControls('plain “text” — ünïcode')).toBe('plain “text” — ünïcode')
    const lines: string[] = []
    const safe = logSafe({
      info: (m) => lines.push(m),
      warn: (m) => lines.push(m),
      error: (m) => lines.push(m)
    })
    safe.info('one\ntwo')
    safe.warn('\u001b[31mred')
    safe.error('x\ry')
    expect(lines).toEqual(['one\\ntwo', '\\u001b[31mred', 'x\\ry'])
  })
})
