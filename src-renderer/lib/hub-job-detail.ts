import { z } from 'zod'
import { CycleTaskView, type RecordDetail } from '@contract'

type Task = z.infer<typeof CycleTaskView>

/** What a hub job's panel shows above its every field, read from its cached row. */
export interface HubJobFacts {
  tasks: Task[]
  queuedAt: string | null
  startedAt: string | null
  completedAt: string | null
  /** The image the job acts on (an import, a deletion), when a task names it. */
  imageId: string | null
  /** The image source it acts on (a source's deletion), when a task names it. */
  sourceId: string | null
}

// The cached row keeps the tasks as the agent read them, JSON in one column; the events are the
// hub's own, where an unset time is Cycle's zero time.
const Tasks = z.array(CycleTaskView)
const Events = z.object({ started: z.string().nullish() }).partial()
const Time = z.string().nullish()

const setTime = (t: string | null | undefined): string | null =>
  t && !t.startsWith('0001-01-01') ? t : null

function parsedJson(text: unknown): unknown {
  if (typeof text !== 'string') return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

/** The id a task's input names when its header is about `what` (`image`, `image.source`). */
function subjectOf(tasks: readonly Task[], what: RegExp): string | null {
  for (const task of tasks) {
    const id = task.input?.['id']
    if (what.test(task.header) && typeof id === 'string' && id !== '') return id
  }
  return null
}

/** A hub job's tasks, times and subject; what fails validation is left out, never guessed. */
export function hubJobFacts(detail: Pick<RecordDetail, 'row' | 'raw'>): HubJobFacts {
  const tasks = Tasks.safeParse(parsedJson(detail.row['tasksJson']))
  const events = Events.safeParse(detail.raw['events'])
  const queued = Time.safeParse(detail.row['queuedAt'])
  const completed = Time.safeParse(detail.row['completedAt'])
  const list = tasks.success ? tasks.data : []
  return {
    tasks: list,
    queuedAt: queued.success ? setTime(queued.data) : null,
    startedAt: events.success ? setTime(events.data.started) : null,
    completedAt: completed.success ? setTime(completed.data) : null,
    imageId: subjectOf(list, /^image\.(?!source\.)/),
    sourceId: subjectOf(list, /^image\.source\./)
  }
}
