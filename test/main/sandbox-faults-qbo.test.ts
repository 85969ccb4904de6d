import { CompactEncrypt, importJWK } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { Sandbox } from '../../src-main/sandbox/index'
import { sandboxPool } from '../support/sandboxes'
import type { QboInbox } from '../support/sandboxes'

type Message = {
  code: number
  command: string
  command_line: string
  uuid: string
  done?: boolean
  clusters?: { name: string; state: string }[]
}

const pool = sandboxPool({ stepMs: 5 })
afterEach(pool.closeAll)
const { start, openQbo, track } = pool

const demoClusters = (sandbox: Sandbox) => sandbox.qbo.hub.clusters.filter((c) => c.name === 'demo')
const isVersion = (m: Message) => m.command === 'CMD_VERSION'
const uuidsOf = (inbox: QboInbox) => inbox.texts.map((t) => (JSON.parse(t) as Message).uuid)
const parses = (text: string) => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** The answer to `version`, passing over anything that comes first. */
async function version(inbox: QboInbox, uuid = 'caller'): Promise<Message> {
  inbox.send('version', uuid)
  return (await inbox.until<Message>(isVersion)).at(-1) as Message
}

/** How an upgrade with this cookie header is answered: 101, or the refusal's status. */
function upgradeStatus(sandbox: Sandbox, cookie: string): Promise<number> {
  const ws = track(
    new WebSocket(sandbox.connection().qbo.url, 'qbo', { headers: { Cookie: cookie } })
  )
  return new Promise((resolve, reject) => {
    ws.on('open', () => resolve(101))
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.on('error', reject)
  })
}

/** The service-account cookie, as the qbo CLI builds it. */
async function serviceAccountCookie(sandbox: Sandbox): Promise<string> {
  const { qbo_uid, qbo_aux } = sandbox.connection().qbo.serviceAccount
  const key = await importJWK({ ...qbo_uid }, 'ECDH-ES')
  const uid = await new CompactEncrypt(new TextEncoder().encode(qbo_aux))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256CBC-HS512' })
    .encrypt(key)
  return `qbo_uid=${uid}; qbo_aux=${qbo_aux}`
}

describe('qbo faults', () => {
  it('are all off by default', async () => {
    const { faults } = await start()
    expect(faults.qbo).toMatchObject({
      dropAfterCommand: 0,
      dropAfterMessages: null,
      delayMs: 0,
      malformedReplies: 0
    })
  })

  it('dropAfterCommand: the command takes effect, its sender loses every reply, others see it through', async () => {
    const sandbox = await start()
    const actor = await openQbo(sandbox)
    const watcher = await openQbo(sandbox)
    sandbox.faults.qbo.dropAfterCommand = 1

    actor.send('add cluster demo -n 1', 'actor')
    expect(await actor.closed).toBe(1006)
    expect(actor.texts).toEqual([])
    expect(sandbox.faults.qbo.dropAfterCommand).toBe(0)
    expect(demoClusters(sandbox)).toHaveLength(1)
    // The progression runs on: the other client's mirror sees the cluster come up.
    await watcher.until<Message>(
      (m) =>
        m.command === 'CMD_GET' &&
        (m.clusters ?? []).some((c) => c.name === 'demo' && c.state === 'running')
    )
    expect(demoClusters(sandbox)).toMatchObject([{ state: 'running' }])

    // Counted down: the next command is answered and the socket stays.
    expect(await version(watcher)).toMatchObject({ code: 200 })
    expect(sandbox.qbo.clientCount()).toBe(1)
    expect(demoClusters(sandbox)).toHaveLength(1)
  })

  it('dropAfterCommand counts accepted commands only, one per command, and reset() clears it', async () => {
    const sandbox = await start()
    sandbox.faults.qbo.dropAfterCommand = 2
    const first = await openQbo(sandbox)
    // A frame that is not a request is answered, and does not count.
    first.ws.send('not json')
    expect(await first.next<Message>()).toMatchObject({ code: 400 })
    first.send('version')
    expect(await first.closed).toBe(1006)
    const second = await openQbo(sandbox)
    second.send('get clusters')
    expect(await second.closed).toBe(1006)
    expect(second.texts).toEqual([])
    const third = await openQbo(sandbox)
    expect(await version(third)).toMatchObject({ code: 200 })

    sandbox.faults.qbo.dropAfterCommand = 5
    sandbox.faults.reset()
    expect(sandbox.faults.qbo.dropAfterCommand).toBe(0)
    expect(await version(third)).toMatchObject({ code: 200 })
    expect(() => (sandbox.faults.qbo.dropAfterCommand = -1)).toThrow(RangeError)
  })

  it('dropAfterMessages: every client is cut off after N more messages of any kind', async () => {
    const sandbox = await start()
    const early = await openQbo(sandbox)
    sandbox.faults.qbo.dropAfterMessages = 2
    for (const uuid of ['1', '2', '3']) early.send('version', uuid)
    expect(await early.closed).toBe(1006)
    expect(uuidsOf(early)).toEqual(['1', '2'])

    // A later client gets the same budget; progress lines and mirror updates count too.
    const late = await openQbo(sandbox)
    late.send('add cluster demo -n 1')
    expect(await late.closed).toBe(1006)
    expect(late.texts).toHaveLength(2)
    expect(demoClusters(sandbox)).toHaveLength(1)

    // Zero cuts off open clients at once; null turns it off for everyone.
    const open = await openQbo(sandbox)
    sandbox.faults.qbo.dropAfterMessages = 0
    expect(await open.closed).toBe(1006)
    sandbox.faults.qbo.dropAfterMessages = null
    const free = await openQbo(sandbox)
    for (const uuid of ['1', '2', '3', '4']) await version(free, uuid)
    expect(uuidsOf(free).filter((u) => u !== 'caller')).toContain('4')
    expect(free.ws.readyState).toBe(WebSocket.OPEN)
  })

  it('dropAfterMessages is cleared by reset() for clients already open', async () => {
    const sandbox = await start()
    const client = await openQbo(sandbox)
    sandbox.faults.qbo.dropAfterMessages = 1
    sandbox.faults.reset()
    expect(sandbox.faults.qbo.dropAfterMessages).toBeNull()
    for (const uuid of ['1', '2', '3']) await version(client, uuid)
    expect(uuidsOf(client)).toEqual(['1', '2', '3'])
    expect(client.ws.readyState).toBe(WebSocket.OPEN)
  })

  it('delayMs: every message waits, in order, and reset() clears it', async () => {
    const sandbox = await start()
    const client = await openQbo(sandbox)
    sandbox.faults.qbo.delayMs = 60
    const began = performance.now()
    expect(await version(client)).toMatchObject({ code: 200 })
    expect(performance.now() - began).toBeGreaterThanOrEqual(58)

    client.send('add cluster demo -n 1', 'actor')
    const own = (await client.until<Message>((m) => m.done === true)).filter(
      (m) => m.uuid === 'actor'
    )
    expect(own[0]).toMatchObject({ code: 200, command: 'CMD_ADD' })
    expect(own.at(-1)?.done).toBe(true)
    expect(demoClusters(sandbox)).toHaveLength(1)

    sandbox.faults.reset()
    expect(sandbox.faults.qbo.delayMs).toBe(0)
    expect(await version(client)).toMatchObject({ code: 200 })
    expect(() => (sandbox.faults.qbo.delayMs = -5)).toThrow(RangeError)
  })

  it('malformedReplies: the next N replies are not JSON, the commands still take effect', async () => {
    const sandbox = await start()
    const client = await openQbo(sandbox)
    sandbox.faults.qbo.malformedReplies = 2
    for (const uuid of ['1', '2', '3']) client.send('version', uuid)
    const texts = [await client.nextText(), await client.nextText(), await client.nextText()]
    expect(texts.map(parses)).toEqual([false, false, true])
    expect(JSON.parse(texts[2] as string)).toMatchObject({ uuid: '3', code: 200 })
    expect(sandbox.faults.qbo.malformedReplies).toBe(0)

    sandbox.faults.qbo.malformedReplies = 1
    client.send('add cluster demo -n 1', 'actor')
    expect(parses(await client.nextText())).toBe(false)
    expect(demoClusters(sandbox)).toHaveLength(1)
    // Only the reply is spoilt: progress lines follow as usual, to the end.
    const rest = await client.until<Message>((m) => m.done === true)
    expect(rest.at(-1)).toMatchObject({ uuid: 'actor', command: 'CMD_ADD', done: true })
    expect(demoClusters(sandbox)).toMatchObject([{ state: 'running' }])

    sandbox.faults.qbo.malformedReplies = 3
    sandbox.faults.reset()
    expect(await version(client)).toMatchObject({ code: 200 })
  })

  it('expireToken: open sockets close with 4001, the token is refused until reset()', async () => {
    const sandbox = await start()
    const { token } = sandbox.connection().qbo
    const tokenCookie = `qbo_uid=${token}; qbo_aux=`
    const viaToken = await openQbo(sandbox)
    const viaAccount = await openQbo(sandbox, await serviceAccountCookie(sandbox))

    sandbox.faults.qbo.expireToken()
    expect(await viaToken.closed).toBe(4001)
    expect(await viaAccount.closed).toBe(4001)
    expect(await upgradeStatus(sandbox, tokenCookie)).toBe(401)
    expect(await upgradeStatus(sandbox, tokenCookie)).toBe(401)
    // The service account is a different credential: it still gets in.
    const again = await openQbo(sandbox, await serviceAccountCookie(sandbox))
    expect(await version(again)).toMatchObject({ code: 200 })

    sandbox.faults.reset()
    expect(await upgradeStatus(sandbox, tokenCookie)).toBe(101)
    expect(await version(await openQbo(sandbox))).toMatchObject({ code: 200 })
  })
})
