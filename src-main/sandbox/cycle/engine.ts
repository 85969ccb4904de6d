import { cryptoRandom } from '../qbo/random'
import type { Random } from '../qbo/random'
import { createTimers } from '../qbo/progress'
import type { Notifier } from './notifications'
import type { Change, CycleState, JobRun } from './types'

/** What request handlers share: the hub's state, the clock, and a way to run jobs. */
export interface Engine {
  state: CycleState
  rand: Random
  now(): number
  /** Announces changes on the notification pipeline. */
  emit(changes: readonly Change[]): void
  /** Registers a just-accepted job, announces it and ticks it every `stepMs` until done. */
  launch(run: JobRun): void
  /** The message for the next import to fail with, if `failNextBuild` queued one. */
  takeFailure(): string | undefined
  queueFailure(message: string): void
  close(): void
}

export interface EngineOptions {
  state: CycleState
  notifier: Notifier
  stepMs: number
  jobVisibleAfterMs: number
  rand?: Random
  now?: () => number
}

export function createEngine(options: EngineOptions): Engine {
  const { state, notifier, stepMs } = options
  const timers = createTimers()
  const failures: string[] = []
  const now = options.now ?? Date.now
  const emit = (changes: readonly Change[]) => notifier.publish(changes)

  function tick(run: JobRun): void {
    emit(run.tick(now()))
    if (!run.done) timers.after(stepMs, () => tick(run))
  }

  return {
    state,
    rand: options.rand ?? cryptoRandom,
    now,
    emit,
    launch(run) {
      if (options.jobVisibleAfterMs > 0) {
        state.jobVisibleAt.set(run.job.id, now() + options.jobVisibleAfterMs)
      }
      emit([{ topic: 'job.created', id: run.job.id, state: run.job.state.current }])
      timers.after(stepMs, () => tick(run))
    },
    takeFailure: () => failures.shift(),
    queueFailure(message) {
      failures.push(message)
    },
    close: () => timers.clear()
  }
}
