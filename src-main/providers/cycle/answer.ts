import type { z } from 'zod'
import { ProviderError } from '../errors'
import { Includes } from './includes'

const decoder = new TextDecoder()

/**
 * A body as it came off the wire, parsed: what openapi-fetch does for a JSON answer, with the
 * same words when it is not JSON. An empty body is no document (as openapi-fetch reads it).
 */
export function parsedBody(bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) return undefined
  try {
    return JSON.parse(decoder.decode(bytes)) as unknown
  } catch {
    throw new ProviderError('protocol', 'Cycle sent an answer that is not JSON')
  }
}

/**
 * The document of an answer and the `includes` beside it, both checked (a bad include is a bad
 * answer): a malformed answer is an error naming where it went wrong, never half-read data.
 * `url` is the answer's address without its query.
 */
export function checkedAnswer<S extends z.ZodType>(
  body: unknown,
  schema: S,
  url: string
): { data: z.infer<S>; includes: Includes } {
  const doc = body as { data?: unknown; includes?: unknown } | undefined
  const parsed = schema.safeParse(doc?.data)
  const includes = Includes.safeParse(doc?.includes)
  for (const [result, where] of [
    [parsed, ''],
    [includes, 'includes.']
  ] as const) {
    if (result.success) continue
    const issue = result.error.issues[0]
    throw new ProviderError(
      'protocol',
      `Cycle sent an unexpected answer to ${url}: ${issue ? `${where}${issue.path.join('.')} ${issue.message}` : 'invalid'}`
    )
  }
  return { data: parsed.data as z.infer<S>, includes: includes.data as Includes }
}
