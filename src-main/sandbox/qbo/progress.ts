import { failure, ok } from './envelope'
import type { CommandOutcome } from './envelope'
import type { ProgressStep } from './actions'

/** Timeouts that all go away on clear(), so a closed sandbox keeps nothing scheduled. */
export interface Timers {
  after(ms: number, run: () => void): void
  clear(): void
  /** How many are pending; for tests that check that close() left nothing behind. */
  pending(): number
}

export function createTimers(): Timers {
  const pending = new Set<NodeJS.Timeout>()
  let cleared = false
  return {
    after(ms, run) {
      if (cleared) return
      const timer = setTimeout(() => {
        pending.delete(timer)
        run()
      }, ms)
      pending.add(timer)
    },
    clear() {
      cleared = true
      for (const timer of pending) clearTimeout(timer)
      pending.clear()
    },
    pending: () => pending.size
  }
}

export interface ProgressSinks {
  /** One message of this command to the client that sent it (dropped if it has gone). */
  reply(outcome: CommandOutcome): void
  /** A mirror update to every connected client. */
  broadcast(outcome: CommandOutcome): void
}

/**
 * A progress line with the command's own command_line, command and subcommand, so that a client
 * can tie it to the request. The last one carries `done` (a sandbox extension).
 */
function progressLine(answer: CommandOutcome, step: ProgressStep, last: boolean): CommandOutcome {
  const { commandLine, command, subcommand } = answer
  const outcome = step.failed
    ? failure(500, 'ERROR', [step.message], commandLine, command, subcommand)
    : ok(commandLine, command, subcommand, { output: [{ message: step.message }] })
  return last ? { ...outcome, done: true } : outcome
}

/**
 * Applies the steps `stepMs` apart. Each step's hub change is broadcast before its progress line
 * goes out, so a client that reads "Cluster x is ready" already holds the ready cluster.
 */
export function runSteps(
  steps: ProgressStep[],
  answer: CommandOutcome,
  stepMs: number,
  timers: Timers,
  sinks: ProgressSinks
): void {
  let index = 0
  const next = () => {
    const step = steps[index++]
    if (step === undefined) return
    const last = index === steps.length || step.failed === true
    let pushes: CommandOutcome[]
    try {
      pushes = step.apply()
    } catch (error) {
      // A bug in a step must end the command visibly, not leave the client waiting forever.
      const broken = { message: `sandbox error: ${String(error)}`, failed: true, apply: () => [] }
      sinks.reply(progressLine(answer, broken, true))
      return
    }
    for (const push of pushes) sinks.broadcast(push)
    sinks.reply(progressLine(answer, step, last))
    if (!last) timers.after(stepMs, next)
  }
  if (steps.length > 0) timers.after(stepMs, next)
}
