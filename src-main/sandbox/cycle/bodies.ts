import { z } from 'zod'
import { invalidInput, missingArgument } from './errors'

/**
 * Request bodies the emulator accepts, after the spec's `requestBody` schemas. Anything wrong
 * becomes `422.missing-argument` (absent) or `422.invalid-input` with a JSON pointer in `source`.
 */

const text = z.string().min(1)
const stringMap = z.record(z.string(), z.string())

// The origins the sandbox can "import". cycle-upload carries a token the platform issues, and
// cycle-source never sits in an image source: both are refused.
const Origin = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('docker-hub'),
    details: z.object({
      target: text,
      username: z.string().optional(),
      token: z.string().optional()
    })
  }),
  z.object({
    type: z.literal('docker-registry'),
    details: z.object({
      target: text,
      url: text,
      username: z.string().optional(),
      token: z.string().optional(),
      password: z.string().optional()
    })
  }),
  z.object({
    type: z.literal('oci-registry'),
    details: z.object({
      target: text,
      url: text,
      auth: z
        .discriminatedUnion('type', [
          z.object({
            type: z.literal('user'),
            details: z.object({ username: z.string().optional(), token: z.string().optional() })
          }),
          z.object({
            type: z.literal('provider'),
            details: z.object({
              flavor: z.literal('ecr'),
              credentials: z.object({
                region: z.string().optional(),
                api_key: z.string().optional()
              })
            })
          })
        ])
        .nullish()
    })
  }),
  z.object({
    type: z.literal('docker-file'),
    details: z.object({
      repo: z
        .object({
          url: text,
          branch: z.string().optional(),
          ref: z.object({ type: z.string(), value: z.string() }).nullish()
        })
        .nullish(),
      targz_url: z.string().nullish(),
      context_dir: z.string().nullish(),
      build_file: z.string().nullish(),
      credentials: z
        .array(
          z.object({
            url: z.string().optional(),
            username: z.string().optional(),
            token: z.string().optional()
          })
        )
        .nullish()
    })
  }),
  z.object({ type: z.literal('none') })
])

const About = z.object({ description: z.string().nullable() })

export const CreateImage = z.object({
  name: z.string().optional(),
  source_id: text,
  build: z.object({ args: stringMap.optional(), use_disk: z.boolean().optional() }).optional(),
  override: z.object({ target: z.string().optional(), targz_url: z.string().optional() }).optional()
})

export const UpdateImage = z.object({ name: text.optional() })

export const ImageTask = z.object({ action: z.literal('import') })

export const ImagesTask = z.object({
  action: z.literal('prune'),
  contents: z.object({ source_ids: z.array(text).min(1) })
})

export const CreateSource = z.object({
  name: z.string().optional(),
  identifier: z.string().optional(),
  // `stack-build` sources belong to stacks, which the sandbox does not emulate.
  type: z.enum(['direct', 'bucket']),
  origin: Origin,
  about: About.optional()
})

export const UpdateSource = z.object({
  name: text.optional(),
  identifier: z.string().nullish(),
  origin: Origin.optional(),
  about: About.optional()
})

function pointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

/** Parses `body` or throws the 422 Cycle would answer, pointing at the first problem. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = issue?.path ?? []
  const source = pointer(path)
  const message = issue?.message ?? 'invalid body'
  // Absent is absent whatever the schema wanted there (a string, one of an enum's values…).
  if (valueAt(body, path) === undefined) {
    throw missingArgument(source, `Missing ${source === '' ? 'request body' : source}.`)
  }
  throw invalidInput(source, `${source === '' ? 'Body' : source}: ${message}`)
}
