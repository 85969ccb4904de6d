import type { RawData, WebSocket } from 'ws'
import { z } from 'zod'
import { fail, type Result } from '@contract'
import type { Log } from '../agent/log'
import type { ContractHost } from './contract-host'
import type { BridgeCounters, FlowLimits } from './flow-limits'
import { logLine } from '../agent/log-line'

// zod 4 requires the key even for unknown(); a call without input (JSON drops an undefined one)
// is a call with the method's defaults, as over IPC, not a malformed frame.
const Frame = z.object({
  id: z.number().int(),
  method: z.string().max(128),
  input: z.unknown().optional()
})
type Frame = z.infer<typeof Frame>

const BUSY = fail(
  'unavailable',
  'Berth is still working through this window’s earlier requests; try again in a moment.',
  true
)

/**
 * One connected page. Its requests run a bounded number at a time, and its socket is only read
 * while it has room and its answers are leaving: a page that floods requests or never reads its
 * answers holds a fixed amount of the agent's memory and time, never all of it.
 */
export class ServedPage {
  private inFlight = 0
  private readonly waiting: Frame[] = []
  /** Bytes handed to the socket that it has not yet passed on to the OS. */
  private pendingBytes = 0
  private reading = true
  private done = false

  constructor(
    private readonly ws: WebSocket,
    private readonly host: ContractHost,
    private readonly limits: FlowLimits,
    private readonly counters: BridgeCounters,
    private readonly log: Log
  ) {
    const dispose = host.onEvent((event) => this.send(JSON.stringify({ event })))
    ws.on('close', () => {
      this.done = true
      this.waiting.length = 0
      dispose()
    })
    // ws has already closed the socket with the matching code (1009 too big, 1007 bad UTF-8,
    // 1002 protocol error); without this listener the error would end the process.
    ws.on('error', (error) => {
      this.log.warn(`Closed a page's socket after a bad frame: ${logLine(error.message, 200)}`)
    })
    ws.on('message', (data, isBinary) => this.receive(data, isBinary))
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.done || this.ws.readyState !== this.ws.OPEN) return
    let frame: Frame
    try {
      frame = Frame.parse(JSON.parse(isBinary ? '' : String(data)))
    } catch {
      this.ws.close(1008, 'malformed frame')
      return
    }
    if (this.waiting.length >= this.limits.maxQueued) {
      this.counters.refusedBusy++
      this.reply(frame.id, BUSY)
      return
    }
    this.waiting.push(frame)
    this.counters.peakQueued = Math.max(this.counters.peakQueued, this.waiting.length)
    this.pump()
  }

  /** Starts what has room to run, then decides whether to keep reading. */
  private pump(): void {
    while (
      !this.done &&
      this.waiting.length > 0 &&
      this.inFlight < this.limits.maxInFlight &&
      this.pendingBytes < this.limits.highWaterBytes
    ) {
      void this.run(this.waiting.shift() as Frame)
    }
    this.steer()
  }

  private async run(frame: Frame): Promise<void> {
    this.inFlight++
    this.counters.peakInFlight = Math.max(this.counters.peakInFlight, this.inFlight)
    let result: Result<unknown>
    try {
      result = await this.host.call(frame.method, frame.input)
    } catch (error) {
      result = fail('internal', error instanceof Error ? error.message : String(error))
    }
    this.inFlight--
    this.reply(frame.id, result)
    this.pump()
  }

  private reply(id: number, result: Result<unknown>): void {
    let text: string
    try {
      text = JSON.stringify({ id, result })
    } catch {
      text = JSON.stringify({ id, result: fail('internal', 'The answer could not be encoded.') })
    }
    this.send(text)
  }

  private send(text: string): void {
    if (this.done || this.ws.readyState !== this.ws.OPEN) return
    const bytes = Buffer.byteLength(text)
    if (this.pendingBytes + bytes > this.limits.ceilingBytes) {
      this.done = true
      this.counters.terminated++
      this.log.warn('Cut off a page that stopped reading its answers.')
      this.ws.terminate()
      return
    }
    this.pendingBytes += bytes
    this.counters.peakPendingBytes = Math.max(this.counters.peakPendingBytes, this.pendingBytes)
    // The callback runs once the bytes are with the OS (or the socket is gone), never twice.
    this.ws.send(text, () => {
      this.pendingBytes -= bytes
      this.pump()
    })
  }

  /** Stops reading while full; starts again only once clearly clear, so it does not flutter. */
  private steer(): void {
    if (this.done) return
    const { maxInFlight, highWaterBytes, lowWaterBytes } = this.limits
    if (
      this.reading &&
      (this.inFlight >= maxInFlight ||
        this.waiting.length > 0 ||
        this.pendingBytes >= highWaterBytes)
    ) {
      this.reading = false
      this.ws.pause()
    } else if (
      !this.reading &&
      this.inFlight < maxInFlight &&
      this.waiting.length === 0 &&
      this.pendingBytes <= lowWaterBytes
    ) {
      this.reading = true
      this.ws.resume()
    }
  }
}
