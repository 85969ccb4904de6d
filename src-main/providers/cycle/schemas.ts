import { z } from 'zod'

// What Berth reads of Cycle's documents, checked at the boundary. Objects stay loose: the cache
// keeps the raw JSON, and fields Berth does not use must never make a valid answer fail.

const id = z.string().min(1)
const time = z.string()
const State = z.looseObject({
  current: z.string(),
  changed: time.optional(),
  error: z.looseObject({ message: z.string().optional(), time: time.optional() }).nullish()
})
// The API's own examples omit an image's `current`: such an image is kept, its state unknown.
const ImageState = z.looseObject({
  current: z.string().optional(),
  changed: time.optional(),
  error: z.looseObject({ message: z.string().optional(), time: time.optional() }).nullish()
})
const Events = z.looseObject({
  created: time.optional(),
  updated: time.optional(),
  deleted: time.optional()
})

export const CycleImage = z.looseObject({
  id,
  hub_id: z.string(),
  name: z.string(),
  size: z.number(),
  state: ImageState,
  events: Events,
  about: z.looseObject({ description: z.string().nullish() }).nullish(),
  requires: z.looseObject({ nvidia_gpu: z.boolean().nullish() }).nullish(),
  backend: z
    .looseObject({ provider: z.string().nullish(), file_name: z.string().nullish() })
    .nullish(),
  builder: z.looseObject({ integration_id: z.string().nullish() }).nullish(),
  factory: z.looseObject({ node_id: z.string().nullish() }).nullish(),
  source: z
    .looseObject({
      type: z.string(),
      details: z.looseObject({
        id: z.string().optional(),
        origin: z.looseObject({ type: z.string() }).optional()
      }),
      override: z
        .looseObject({ target: z.string().nullish(), targz_url: z.string().nullish() })
        .nullish()
    })
    .nullish(),
  creator: z.looseObject({ id: z.string(), type: z.string() }).nullish(),
  config: z.looseObject({}).nullish(),
  build: z.looseObject({ args: z.record(z.string(), z.string()).nullish() }).nullish(),
  meta: z
    .looseObject({
      containers_count: z
        .looseObject({
          total: z.number().optional(),
          state: z.record(z.string(), z.number()).nullish()
        })
        .nullish()
    })
    .nullish()
})
export type CycleImage = z.infer<typeof CycleImage>

export const CycleSource = z.looseObject({
  id,
  name: z.string().nullish(),
  type: z.string(),
  state: State,
  creator: z.looseObject({ id: z.string(), type: z.string() }).nullish(),
  origin: z.looseObject({ type: z.string() }),
  events: Events,
  meta: z
    .looseObject({ images_count: z.looseObject({ total: z.number().optional() }).nullish() })
    .nullish()
})
export type CycleSource = z.infer<typeof CycleSource>

const Step = z.looseObject({
  caption: z.string(),
  description: z.string().nullish(),
  started: time,
  completed: time
})
const Task = z.looseObject({
  id: z.string().optional(),
  caption: z.string(),
  header: z.string(),
  state: z.looseObject({ current: z.string() }),
  steps: z.array(Step).nullish(),
  input: z.record(z.string(), z.unknown()).nullish(),
  error: z.looseObject({ message: z.string().optional() }).nullish()
})
export const CycleJob = z.looseObject({
  id,
  caption: z.string(),
  queue: z.string(),
  schedule: time.nullish(),
  creator: z.looseObject({ id: z.string(), type: z.string() }).nullish(),
  state: State,
  events: z.looseObject({
    queued: time.optional(),
    started: time.optional(),
    completed: time.optional()
  }),
  tasks: z.array(Task)
})
export type CycleJob = z.infer<typeof CycleJob>
export type CycleTask = z.infer<typeof Task>

export const JobDescriptor = z.looseObject({
  action: z.string(),
  job: z
    .looseObject({
      id: z.string(),
      accepted: z.boolean().nullish(),
      queue: z.string().nullish(),
      schedule: time.nullish(),
      parallel: z
        .looseObject({ tasks: z.boolean().nullish(), sub_queue: z.string().nullish() })
        .nullish()
    })
    .nullish()
})
export type JobDescriptor = z.infer<typeof JobDescriptor>

export const BuildLog = z.looseObject({
  id: z.string().optional(),
  image_id: z.string(),
  log: z.string(),
  events: Events.nullish()
})

export const HubInfo = z.looseObject({ id, name: z.string() })

export const NotificationToken = z.looseObject({ token: z.string().min(1) })

export const Notification = z.looseObject({
  topic: z.string(),
  object: z.looseObject({
    id: z.string().optional(),
    state: z.string().nullish(),
    error: z.string().nullish()
  }),
  context: z.looseObject({ hub_id: z.string().nullish() }).nullish()
})
export type Notification = z.infer<typeof Notification>

/** The platform's error envelope; OAuth-style 401s are handled separately. */
export const ErrorEnvelope = z.looseObject({
  error: z.looseObject({
    status: z.number().optional(),
    code: z.string().optional(),
    title: z.string().optional(),
    detail: z.string().optional(),
    extra: z.looseObject({ capability: z.string().optional() }).nullish()
  })
})
export const OAuthError = z.looseObject({
  error: z.string(),
  error_description: z.string().optional()
})

/** Go's zero time is how Cycle writes "not yet". */
export const ZERO_TIME = '0001-01-01T00:00:00Z'
export const isSet = (t: string | undefined | null): t is string =>
  Boolean(t) && !String(t).startsWith('0001-01-01')
