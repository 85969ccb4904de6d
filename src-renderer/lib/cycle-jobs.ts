import type { CycleJobRow } from '@contract'

type Task = CycleJobRow['tasks'][number]

const completed = (state: string): boolean => state.trim().toLowerCase() === 'completed'

/** Finished steps over all steps, as the agent counts them: a task without steps is one step. */
export function stepCounts(tasks: readonly Task[]): { done: number; total: number } {
  let done = 0
  let total = 0
  for (const task of tasks) {
    if (task.steps.length === 0) {
      total++
      if (completed(task.state)) done++
      continue
    }
    total += task.steps.length
    done += task.steps.filter((s) => s.completed !== null).length
  }
  return { done, total }
}

/**
 * "4 of 6 steps" when the number of steps is known, "40%" otherwise. The finished count comes from
 * `progress` itself, so the words always agree with the bar even when the steps were read earlier.
 */
export function progressWords(progress: number, totalSteps?: number | null): string {
  const fraction = Math.min(1, Math.max(0, progress))
  if (totalSteps) return `${Math.round(fraction * totalSteps)} of ${totalSteps} steps`
  return `${Math.round(fraction * 100)}%`
}
