const MiB = 1024 * 1024

/** How much one page may ask of the agent at once, so one greedy page cannot starve the others. */
export interface FlowLimits {
  /** Requests one page may have running; at this many its socket is no longer read. */
  maxInFlight: number
  /**
   * Requests already read but waiting for a slot. Reading stops as soon as one waits, so this only
   * holds what one network read carried; past it a request is answered "busy" without running.
   */
  maxQueued: number
  /** Replies and events waiting to leave: at this much, the page's requests are no longer read… */
  highWaterBytes: number
  /** …until what waits has drained to this. */
  lowWaterBytes: number
  /** A page that lets this much pile up is not reading at all, and is cut off. */
  ceilingBytes: number
}

export const defaultFlowLimits: FlowLimits = {
  maxInFlight: 32,
  maxQueued: 4096,
  highWaterBytes: 8 * MiB,
  lowWaterBytes: 1 * MiB,
  ceilingBytes: 64 * MiB
}

/** The bridge's own account of the load it carried; tests assert on it instead of on timing. */
export interface BridgeStats {
  /** Pages connected now. */
  connections: number
  /** High-water marks since the server started, over every connection. */
  peakInFlight: number
  peakQueued: number
  peakPendingBytes: number
  /** Requests answered "busy" without running. */
  refusedBusy: number
  /** Connections cut off because they let their output pile up past the ceiling. */
  terminated: number
}

export type BridgeCounters = Omit<BridgeStats, 'connections'>

export const newCounters = (): BridgeCounters => ({
  peakInFlight: 0,
  peakQueued: 0,
  peakPendingBytes: 0,
  refusedBusy: 0,
  terminated: 0
})
