// The wire between the bench and the processes it measures.
import { createConnection, createServer } from 'node:net'
import { WebSocket } from 'ws'

/**
 * A TCP pass-through in front of the sandbox that notes when the first bytes since `arm()`
 * arrived: "from the first request" is measured the same way for Berth and for the raw floor.
 */
export async function startTap(targetPort) {
  let first = null
  const sockets = new Set()
  const server = createServer((client) => {
    // Bytes, not connections: a kept-alive connection carries the next run's first request.
    client.on('data', () => {
      first ??= performance.now()
    })
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort })
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
      socket.on('close', () => sockets.delete(socket))
    }
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: server.address().port,
    arm() {
      first = null
    },
    firstAt: () => first,
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(resolve))
    }
  }
}

/** The agent's contract over its loopback WebSocket, as the page reaches it. */
export async function contractClient(servingUrl) {
  const url = new URL(servingUrl)
  const token = new URLSearchParams(url.hash.slice(1)).get('token')
  const ws = new WebSocket(`ws://${url.host}/api?token=${token}`, { origin: `http://${url.host}` })
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  let next = 1
  const waiting = new Map()
  const listeners = new Set()
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data))
    if (frame.event) for (const listener of listeners) listener(frame.event)
    const done = waiting.get(frame.id)
    if (done) {
      waiting.delete(frame.id)
      done(frame.result)
    }
  })
  return {
    /** Resolves with the method's value; throws on a refused call. */
    async call(method, input = {}) {
      const id = next++
      const result = await new Promise((resolve) => {
        waiting.set(id, resolve)
        ws.send(JSON.stringify({ id, method, input }))
      })
      if (!result?.ok) throw new Error(`${method}: ${JSON.stringify(result)}`)
      return result.value
    },
    /** Hears every event the agent pushes (`{ type, … }`) as it arrives. */
    onEvent(listener) {
      listeners.add(listener)
    },
    close: () => ws.terminate()
  }
}
