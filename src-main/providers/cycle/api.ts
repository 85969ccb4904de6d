import createClient, { type Client } from 'openapi-fetch'
import type { z } from 'zod'
import { connectFailure } from '../connect-failure'
import { ProviderError } from '../errors'
import type { paths } from './api.generated'
import { cycleError, retryAfterMs } from './errors'
import { creatorName, Includes, integrationName } from './includes'
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
  /** Where a list stops however many pages the server offers (see `pages`). */
  maxListRows?: number
  maxListPages?: number
  /** Pages of one list in flight at once, once the server has shown it pages. */
  listConcurrency?: number
  fetch?: typeof fetch
  /** Told of every job descriptor an action answers with (what the job itself does not keep). */
  onDescriptor?: (descriptor: z.infer<typeof JobDescriptor>) => void
}

/** What Berth adds to a document it read: names resolved from the answer's `includes`. */
export interface Named {
  _berth?: { creator: string; builder?: string }
}

export interface ListOptions<T = unknown> {
  /** At most this many entries, read in as few pages as that takes. */
  limit?: number
  /** Told why a list ended before the server said it had (what was read so far is returned). */
  cut?: (why: string) => void
  /**
   * Takes each page's new entries as it comes, in order; the list then resolves empty. A promise
   * holds the next page back until it settles (the writer is behind).
   */
  each?: (items: T[]) => void | Promise<void>
}

type Fetched = { data?: unknown; error?: unknown; response: Response }

const PAGE = 100
/** Far beyond any real hub, well below what would exhaust memory. */
const MAX_LIST_ROWS = 200_000
const MAX_LIST_PAGES = 2_000
/** Enough to hide the round trip; few enough not to look like a flood to the platform. */
const LIST_CONCURRENCY = 4

/**
 * Cycle's REST API, typed from the official OpenAPI document (openapi-fetch) and checked at the
 * boundary (zod): a malformed answer is an error, never half-read data.
 */
export class CycleApi {
  private readonly client: Client<paths>
  private readonly timeoutMs: number
  private readonly pageSize: number
  private readonly maxRows: number
  private readonly maxPages: number
  private readonly concurrency: number
  private readonly onDescriptor: CycleApiOptions['onDescriptor']

  constructor(
    readonly credentials: CycleCredentials,
    options: CycleApiOptions = {}
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000
    this.pageSize = options.pageSize ?? PAGE
    this.maxRows = options.maxListRows ?? MAX_LIST_ROWS
    this.maxPages = options.maxListPages ?? MAX_LIST_PAGES
    this.concurrency = Math.max(1, options.listConcurrency ?? LIST_CONCURRENCY)
    this.onDescriptor = options.onDescriptor
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

  images(options: ListOptions<CycleImage & Named> = {}) {
    return this.pages(
      'images',
      async (number, size) => {
        const { data, includes } = await this.readAll(
          this.client.GET('/v1/images', {
            ...this.init(),
            params: {
              query: {
                meta: ['containers_count'],
                include: ['creators', 'integrations'],
                page: { number, size }
              }
            }
          }),
          CycleImage.array()
        )
        return data.map((image) => namedImage(image, includes))
      },
      options
    )
  }

  async image(imageId: string): Promise<CycleImage & Named> {
    const { data, includes } = await this.readAll(
      this.client.GET('/v1/images/{imageId}', {
        ...this.init(),
        params: {
          path: { imageId },
          query: { meta: ['containers_count'], include: ['creators', 'integrations'] }
        }
      }),
      CycleImage
    )
    return namedImage(data, includes)
  }

  sources(options: ListOptions<CycleSource & Named> = {}) {
    return this.pages(
      'image sources',
      async (number, size) => {
        const { data, includes } = await this.readAll(
          this.client.GET('/v1/images/sources', {
            ...this.init(),
            params: {
              query: {
                meta: ['images_count'],
                include: ['creators', 'integrations'],
                page: { number, size }
              }
            }
          }),
          CycleSource.array()
        )
        return data.map((source) => named(source, source.creator, includes))
      },
      options
    )
  }

  /** The most recent jobs, newest first (a hub's whole history is not needed offline). */
  jobs(options: ListOptions<CycleJob & Named> = {}) {
    return this.pages(
      'jobs',
      async (number, size) => {
        const { data, includes } = await this.readAll(
          this.client.GET('/v1/jobs', {
            ...this.init(),
            params: { query: { sort: ['-id'], include: ['creators'], page: { number, size } } }
          }),
          CycleJob.array()
        )
        return data.map((job) => named(job, job.creator, includes))
      },
      { limit: 200, ...options }
    )
  }

  /** One job: the API offers no includes here, so its creator is named only by kind and id. */
  async job(jobId: string): Promise<CycleJob & Named> {
    const { data, includes } = await this.readAll(
      this.client.GET('/v1/jobs/{jobId}', { ...this.init(), params: { path: { jobId } } }),
      CycleJob
    )
    return named(data, data.creator, includes)
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
    build?: { args?: Record<string, string>; use_disk?: boolean }
    override?: { target?: string; targz_url?: string }
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
    ).then(this.told)
  }

  prune(sourceIds: string[]) {
    return this.read(
      this.client.POST('/v1/images/tasks', {
        ...this.init(),
        body: { action: 'prune', contents: { source_ids: sourceIds } }
      }),
      JobDescriptor
    ).then(this.told)
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
    ).then(this.told)
  }

  notificationToken() {
    return this.read(
      this.client.GET('/v1/hubs/current/notifications', this.init()),
      NotificationToken
    )
  }

  /** Hands a descriptor to `onDescriptor` on its way to the caller. */
  private readonly told = (
    descriptor: z.infer<typeof JobDescriptor>
  ): z.infer<typeof JobDescriptor> => {
    this.onDescriptor?.(descriptor)
    return descriptor
  }

  private init() {
    return { signal: AbortSignal.timeout(this.timeoutMs) }
  }

  /**
   * Pages until a short page: the platform gives no total count. A server that ignores
   * `page[number]` (the same page every time) or pages forever must not make this endless: it
   * stops at a page that brings nothing new, or past a ceiling, and says so through `cut`.
   * Pages 1 and 2 are read one after the other (they show whether the server pages at all); from
   * then on up to `concurrency` pages are in flight, read in order as they come.
   */
  private async pages<T extends { id: string }>(
    noun: string,
    page: (number: number, size: number) => Promise<T[]>,
    { limit = Infinity, cut, each }: ListOptions<T>
  ): Promise<T[]> {
    const size = Math.max(1, Math.min(this.pageSize, limit))
    const ceiling = Math.min(limit, this.maxRows)
    // Never ask for a page past the ceiling: its rows would be thrown away.
    const lastPage = Math.min(this.maxPages, Math.ceil(ceiling / size))
    const all: T[] = []
    const seen = new Set<string>()
    let kept = 0
    const inFlight = new Map<number, Promise<T[]>>()
    let asked = 0
    const ask = (upTo: number): void => {
      while (asked < Math.min(upTo, lastPage)) {
        asked++
        const pending = page(asked, size)
        // Pages asked for ahead and then not needed must not become unhandled rejections.
        pending.catch(() => {})
        inFlight.set(asked, pending)
      }
    }
    for (let number = 1; ; number++) {
      ask(number <= 2 ? number : number - 1 + this.concurrency)
      const items = await inFlight.get(number)!
      inFlight.delete(number)
      const fresh = items.filter((item) => !seen.has(item.id))
      if (number > 1 && items.length > 0 && fresh.length === 0) {
        cut?.(
          `Cycle answered page ${number} of its ${noun} with entries it had already sent (it seems to ignore paging), so Berth stopped at ${kept}; the list may be incomplete`
        )
        break
      }
      const room = fresh.slice(0, Math.max(0, ceiling - kept))
      for (const item of fresh) seen.add(item.id)
      kept += room.length
      if (each) await each(room)
      else all.push(...room)
      if (items.length < size || kept >= limit) break
      if (kept >= ceiling || number >= lastPage) {
        cut?.(
          `Cycle’s list of ${noun} went on past ${Math.min(kept, ceiling).toLocaleString('en')} entries in ${number} pages, so Berth stopped there; the list may be incomplete`
        )
        break
      }
    }
    return all
  }

  private async read<S extends z.ZodType>(
    request: Promise<Fetched>,
    schema: S
  ): Promise<z.infer<S>> {
    return (await this.readAll(request, schema)).data
  }

  /** The document and the `includes` beside it (checked too: a bad include is a bad answer). */
  private async readAll<S extends z.ZodType>(
    request: Promise<Fetched>,
    schema: S
  ): Promise<{ data: z.infer<S>; includes: Includes }> {
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
      throw cycleError(
        response.status,
        error,
        retryAfterMs(response.headers.get('retry-after')),
        Date.now(),
        response.url.replace(/\?.*/, '')
      )
    }
    const body = data as { data?: unknown; includes?: unknown } | undefined
    const parsed = schema.safeParse(body?.data)
    const includes = Includes.safeParse(body?.includes)
    for (const [result, where] of [
      [parsed, ''],
      [includes, 'includes.']
    ] as const) {
      if (result.success) continue
      const issue = result.error.issues[0]
      throw new ProviderError(
        'protocol',
        `Cycle sent an unexpected answer to ${response.url.replace(/\?.*/, '')}: ${issue ? `${where}${issue.path.join('.')} ${issue.message}` : 'invalid'}`
      )
    }
    return { data: parsed.data as z.infer<S>, includes: includes.data as Includes }
  }
}

function named<T extends object>(
  doc: T,
  creator: { id: string; type: string } | null | undefined,
  includes: Includes
): T & Named {
  return { ...doc, _berth: { creator: creatorName(creator, includes) } }
}

function namedImage(image: CycleImage, includes: Includes): CycleImage & Named {
  const builder = integrationName(image.builder?.integration_id, includes)
  return {
    ...image,
    _berth: { creator: creatorName(image.creator, includes), ...(builder ? { builder } : {}) }
  }
}

function unreachable(url: string, error: unknown): string {
  if ((error as Error).name === 'TimeoutError') return `${url} did not answer in time`
  // fetch says only "fetch failed": the reason is in its cause.
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause
  const code = typeof cause?.code === 'string' ? cause.code : undefined
  const message = typeof cause?.message === 'string' ? cause.message : ''
  return (
    connectFailure(url, code, message) ??
    `Could not reach ${url}: ${message || (error as Error).message}`
  )
}
