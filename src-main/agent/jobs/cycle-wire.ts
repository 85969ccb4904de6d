import { z } from 'zod'
import { CycleApiError } from '../../providers/cycle/errors'
import { isSet, type CycleJob } from '../../providers/cycle/schemas'
import type { JobArgs, JobRecord } from '../../store/job-store'

/*
 * What the Cycle executor says to the hub and reads back from it, apart from the decisions it
 * makes: the create-image body, a job's tasks, its steps as log lines, a refusal for a missing
 * capability.
 */

/** What a platform job's task says it acts on (Cycle's JobTask `input`). */
export const TaskInput = z.looseObject({
  id: z.string().optional(),
  source_ids: z.array(z.string()).optional()
})
export type TaskInput = z.infer<typeof TaskInput>

/** A line per step as it starts and as it completes, each said once. */
export function stepLines(job: CycleJob, logged: Set<string>): string[] {
  const out: string[] = []
  const once = (key: string, text: string): void => {
    if (logged.has(key)) return
    logged.add(key)
    out.push(text)
  }
  job.tasks.forEach((task, t) => {
    ;(task.steps ?? []).forEach((step, s) => {
      if (isSet(step.started)) once(`${t}.${s}.start`, `${task.caption}: ${step.caption}…`)
      if (isSet(step.completed)) once(`${t}.${s}.done`, `${task.caption}: ${step.caption} done`)
    })
  })
  once(`state.${job.state.current}`, `Cycle job ${job.state.current}`)
  return out
}

/** Cycle's create-image body from a build's args: only what was asked for is sent. */
export function createBody(args: JobArgs) {
  const build = {
    ...(args.buildArgs ? { args: args.buildArgs } : {}),
    ...(args.useDisk ? { use_disk: true } : {})
  }
  const override = {
    ...(args.override?.target ? { target: args.override.target } : {}),
    ...(args.override?.targz_url ? { targz_url: args.override.targz_url } : {})
  }
  return {
    source_id: args.sourceId!,
    ...(args.name ? { name: args.name } : {}),
    ...(Object.keys(build).length ? { build } : {}),
    ...(Object.keys(override).length ? { override } : {})
  }
}

export const lacksCapability = (error: unknown): boolean =>
  error instanceof CycleApiError && error.cycleCode.replace(/_/g, '-') === '403.permissions'

/** How far before the job's start a found image or source may have been created and still be ours. */
const CLOCK_SKEW_MS = 5 * 60_000

/** When this job's requests may have gone out, give or take the clocks' difference. */
export const sentSince = (job: JobRecord): number =>
  (job.args.sentAt ?? job.startedAt ?? job.createdAt) - CLOCK_SKEW_MS
