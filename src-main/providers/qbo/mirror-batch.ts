import type { ResourceKind } from '@contract'
import { recordKey, type AnyRecord } from '../../cache/records'
import { timerMs } from '../delay'
import type { SessionSink } from '../session'

export interface MirrorBatchOptions {
  /** How long updates gather before they are handed on together. */
  windowMs?: number
  /** Objects waiting at most: past this many the batch is handed on at once. */
  maxPending?: number
}

interface Pending {
  record: AnyRecord
  gone: boolean
}

/**
 * Unsolicited mirror updates, gathered for a short window and handed on as one remove and one
 * patch per kind, the latest word on each object winning. A server pushing tens of thousands of
 * updates a second then costs a few cache writes a second instead of one each, and memory stays
 * bounded by the number of distinct objects (at most `maxPending`). Reports of malformed updates
 * are gathered the same way, so a flood of them is one line, not a line each.
 */
export class MirrorBatch {
  private readonly pending = new Map<ResourceKind, Map<string, Pending>>()
  private size = 0
  private trouble: { message: string; more: number } | null = null
  private timer: NodeJS.Timeout | null = null
  private readonly windowMs: number
  private readonly maxPending: number

  constructor(
    private readonly sink: SessionSink,
    options: MirrorBatchOptions = {}
  ) {
    this.windowMs = options.windowMs ?? 100
    this.maxPending = options.maxPending ?? 10_000
  }

  /** Records of one kind as a server pushed them; `gone` ones are removed, the rest patched. */
  add(
    kind: ResourceKind,
    records: readonly AnyRecord[],
    gone: (record: AnyRecord) => boolean
  ): void {
    let byKey = this.pending.get(kind)
    if (!byKey) this.pending.set(kind, (byKey = new Map()))
    for (const record of records) {
      const key = recordKey(kind, record)
      if (!byKey.has(key)) this.size++
      byKey.set(key, { record, gone: gone(record) })
    }
    if (this.size >= this.maxPending) this.flush()
    else this.schedule()
  }

  /** Something pushed could not be used. */
  problem(message: string): void {
    if (this.trouble) this.trouble.more++
    else this.trouble = { message, more: 0 }
    this.schedule()
  }

  /** Hands everything gathered on now (before a full refresh replaces the same kinds, say). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const pending = [...this.pending]
    const trouble = this.trouble
    this.pending.clear()
    this.size = 0
    this.trouble = null
    for (const [kind, byKey] of pending) {
      const gone = [...byKey].filter(([, p]) => p.gone).map(([key]) => key)
      const kept = [...byKey.values()].filter((p) => !p.gone).map((p) => p.record)
      if (gone.length > 0) this.sink.remove(kind, gone)
      if (kept.length > 0) this.sink.patch(kind, kept as never[])
    }
    if (trouble) {
      const more = trouble.more > 0 ? ` (and ${trouble.more} more like it)` : ''
      this.sink.problem(`${trouble.message}${more}`)
    }
  }

  /**
   * Drops what was gathered: the connection it came over is gone, and the next one starts with
   * a full refresh that says it all again.
   */
  discard(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.pending.clear()
    this.size = 0
    this.trouble = null
  }

  private schedule(): void {
    if (this.timer) return
    this.timer = setTimeout(() => this.flush(), timerMs(this.windowMs))
    this.timer.unref()
  }
}
