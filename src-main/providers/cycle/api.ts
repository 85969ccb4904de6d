import createClient, { type Client } from 'openapi-fetch'
import type { z } from 'zod'
import { ProviderError } from '../errors'
import type { paths } from './api.generated'
import { cycleError, retryAfterMs } from './errors'
import {
  BuildLog,
  CycleImage,
  CycleJob,
  CycleSource,
  HubInfo,
  JobDescriptor,
  NotificationToken
} from './schemas'

export interface CycleCredentials {
  /** The base the `/v1/…` paths hang off, e.g. https://api.cycle.io. */
  url: string
  apiKey: string
  hubId: string
}

export interface CycleApiOptions {
  timeoutMs?: number
  pageSize?: number
  fetch?: typeof fetch
}

type Fetched = { data?: unknown; error?: unknown; response: Response }

const PAGE = 100

/**
 * Cycle's REST API, typed from the official OpenAPI document (openapi-fetch) and checked at the
 * boundary (zod): a malformed answer is an error, never half-read data.
 */
export class CycleApi {
  private readonly client: Client<paths>
  private readonly timeoutMs: number
  private readonly pageSize: number

  constructor(
    readonly credentials: CycleCredentials,
    options: CycleApiOptions = {}
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000
    this.pageSize = options.pageSize ?? PAGE
    this.client = createClient<paths>({
      baseUrl: credentials.url.replace(/\/+$/, ''),
      // Comma lists (`include=a,b`) are what the platform documents.
      querySerializer: { array: { style: 'form', explode: false } },
      ...(options.fetch ? { fetch: options.fetch } : {})
    })
    this.client.use({
      onRequest({ request }) {
        request.headers.set('Authorization', `Bearer ${credentials.apiKey}`)
        request.headers.set('X-Hub-Id', credentials.hubId)
        return request
      }
    })
  }

  hub() {
    return this.read(this.client.GET('/v1/hubs/current', this.init()), HubInfo)
  }

  images() {
    return this.pages((number, size) =>
      this.read(
        this.client.GET('/v1/images', {
          ...this.init(),
          params: { query: { meta: ['containers_count'], page: { number, size } } }
        }),
        CycleImage.array()
      )
    )
  }

  image(imageId: string) {
    return this.read(
      this.client.GET('/v1/images/{imageId}', {
        ...this.init(),
        params: { path: { imageId }, query: { meta: ['containers_count'] } }
      }),
      CycleImage
    )
  }

  sources() {
    return this.pages((number, size) =>
      this.read(
        this.client.GET('/v1/images/sources', {
          ...this.init(),
          params: { query: { meta: ['images_count'], page: { number, size } } }
        }),
        CycleSource.array()
      )
    )
  }

  /** The most recent jobs, newest first (a hub's whole history is not needed offline). */
  jobs(limit = 200) {
    return this.pages(
      (number, size) =>
        this.read(
          this.client.GET('/v1/jobs', {
            ...this.init(),
            params: { query: { sort: ['-id'], page: { number, size } } }
          }),
          CycleJob.array()
        ),
      limit
    )
  }

  job(jobId: string) {
    return this.read(
      this.client.GET('/v1/jobs/{jobId}', { ...this.init(), params: { path: { jobId } } }),
      CycleJob
    )
  }

  buildLog(imageId: string) {
    return this.read(
      this.client.GET('/v1/images/{imageId}/build-log', {
        ...this.init(),
        params: { path: { imageId } }
      }),
      BuildLog
    )
  }

  createImage(body: {
    source_id: string
    name?: string
    build?: { args?: Record<string, string> }
  }) {
    return this.read(this.client.POST('/v1/images', { ...this.init(), body }), CycleImage)
  }

  importImage(imageId: string) {
    return this.read(
      this.client.POST('/v1/images/{imageId}/tasks', {
        ...this.init(),
        params: { path: { imageId } },
        body: { action: 'import' }
      }),
      JobDescriptor
    )
  }

  prune(sourceIds: string[]) {
    return this.read(
      this.client.POST('/v1/images/tasks', {
        ...this.init(),
        body: { action: 'prune', contents: { source_ids: sourceIds } }
      }),
      JobDescriptor
    )
  }

  rename(imageId: string, name: string) {
    return this.read(
      this.client.PATCH('/v1/images/{imageId}', {
        ...this.init(),
        params: { path: { imageId } },
        body: { name }
      }),
      CycleImage
    )
  }

  deleteImage(imageId: string) {
    return this.read(
      this.client.DELETE('/v1/images/{imageId}', { ...this.init(), params: { path: { imageId } } }),
      JobDescriptor
    )
  }

  notificationToken() {
    return this.read(
      this.client.GET('/v1/hubs/current/notifications', this.init()),
      NotificationToken
    )
  }

  private init() {
    return { signal: AbortSignal.timeout(this.timeoutMs) }
  }

  /** Pages until a short page: the platform gives no total count. */
  private async pages<T>(
    page: (number: number, size: number) => Promise<T[]>,
    limit = Infinity
  ): Promise<T[]> {
    const all: T[] = []
    for (let number = 1; all.length < limit; number++) {
      const items = await page(number, this.pageSize)
      all.push(...items)
      if (items.length < this.pageSize) break
    }
    return all.slice(0, limit)
  }

  private async read<S extends z.ZodType>(
    request: Promise<Fetched>,
    schema: S
  ): Promise<z.infer<S>> {
    let fetched: Fetched
    try {
      fetched = await request
    } catch (error) {
      // openapi-fetch parses the body itself: a SyntaxError means an answer came, just not JSON.
      if (error instanceof SyntaxError) {
        throw new ProviderError('protocol', 'Cycle sent an answer that is not JSON')
      }
      throw new ProviderError('network', unreachable(this.credentials.url, error))
    }
    const { data, error, response } = fetched
    if (!response.ok) {
      throw cycleError(response.status, error, retryAfterMs(response.headers.get('retry-after')))
    }
    const parsed = schema.safeParse((data as { data?: unknown } | undefined)?.data)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new ProviderError(
        'protocol',
        `Cycle sent an unexpected answer to ${response.url.replace(/\?.*/, '')}: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`
      )
    }
    return parsed.data
  }
}

function unreachable(url: string, error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause?.code
  if ((error as Error).name === 'TimeoutError') return `${url} did not answer in time`
  if (cause === 'ECONNREFUSED') return `Nothing is listening at ${url}`
  if (cause === 'ENOTFOUND') return `The host of ${url} could not be found`
  return `Could not reach ${url}: ${(error as Error).message}`
}
