import createClient, { type Client } from 'openapi-fetch'
import type { z } from 'zod'
import type { paths } from './api.generated'
import type { RawPage } from '../session'
import { checkedAnswer } from './answer'
import { answered, type Fetched } from './answered'
import type { Includes } from './includes'
import { named, namedImage, type Named } from './named'
import { readPages, readParsedPages, type ListOptions, type Taken } from './paging'
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

export type { Named } from './named'

export type { ListOptions } from './paging'

/** The most recent jobs a refresh keeps. */
const JOBS_KEPT = 200

/** The first page of each list a refresh reads, asked for ahead (see CycleApi.firstPages). */
export interface FirstPages {
  /** The image list's, unread (as `imagePages` hands pages over). */
  imageBytes: Promise<Fetched>
  sources: Promise<Fetched>
  jobs: Promise<Fetched>
}

/** A list's options, with its first page if it was asked for ahead. */
type FirstOf<T> = ListOptions<T> & { first?: Promise<Fetched> | undefined }

/** The page asked for ahead, if it is the one wanted now (the first, as large as it was asked). */
const firstOr = (
  first: Promise<Fetched> | undefined,
  number: number,
  size: number,
  askedSize: number
): Promise<Fetched> | undefined => (number === 1 && size === askedSize ? first : undefined)

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

  /**
   * The first page of each list a refresh reads, asked for now: a session that is about to
   * refresh asks for them beside its hub check, a round trip before the refresh would. Each is
   * used by the list that asks for that page (`first`), or dropped; its failure waits for that.
   */
  firstPages(): FirstPages {
    const pages: FirstPages = {
      imageBytes: this.imagePage(1, this.pageSize, 'arrayBuffer'),
      sources: this.sourcePage(1, this.pageSize),
      jobs: this.jobPage(1, this.pageSize)
    }
    // Not asked for after all (the refresh failed first): nobody waits on them.
    for (const page of Object.values(pages)) page.catch(() => {})
    return pages
  }

  images(options: ListOptions<CycleImage & Named> = {}) {
    return this.parsedPages(
      'images',
      async (number, size) => {
        const { data, includes } = await this.readAll(
          this.imagePage(number, size),
          CycleImage.array()
        )
        return data.map((image) => namedImage(image, includes))
      },
      options
    )
  }

  /**
   * The image list with each page handed to `take` unread (the sync writer parses and checks it
   * off the serving thread, see PartSet.addPage): `take` says what the page held, which is all
   * paging needs. Rejections (a page that is not JSON, or not images) end the list with them.
   */
  imagePages(
    take: (page: RawPage, room: number) => Promise<Taken>,
    { cut, first }: Pick<ListOptions, 'cut'> & { first?: Promise<Fetched> | undefined } = {}
  ): Promise<void> {
    return this.pages(
      'images',
      (number, size) =>
        this.readRaw(
          firstOr(first, number, size, this.pageSize) ?? this.imagePage(number, size, 'arrayBuffer')
        ),
      take,
      { ...(cut ? { cut } : {}) }
    )
  }

  private imagePage(number: number, size: number, parseAs?: 'arrayBuffer') {
    return this.client.GET('/v1/images', {
      ...this.init(),
      params: {
        query: {
          meta: ['containers_count'],
          include: ['creators', 'integrations'],
          page: { number, size }
        }
      },
      ...(parseAs ? { parseAs } : {})
    })
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

  sources({ first, ...options }: FirstOf<CycleSource & Named> = {}) {
    return this.parsedPages(
      'image sources',
      async (number, size) => {
        const { data, includes } = await this.readAll(
          firstOr(first, number, size, this.pageSize) ?? this.sourcePage(number, size),
          CycleSource.array()
        )
        return data.map((source) => named(source, source.creator, includes))
      },
      options
    )
  }

  private sourcePage(number: number, size: number) {
    return this.client.GET('/v1/images/sources', {
      ...this.init(),
      params: {
        query: {
          meta: ['images_count'],
          include: ['creators', 'integrations'],
          page: { number, size }
        }
      }
    })
  }

  /** The most recent jobs, newest first (a hub's whole history is not needed offline). */
  jobs({ first, ...options }: FirstOf<CycleJob & Named> = {}) {
    return this.parsedPages(
      'jobs',
      async (number, size) => {
        const { data, includes } = await this.readAll(
          firstOr(first, number, size, this.pageSize) ?? this.jobPage(number, size),
          CycleJob.array()
        )
        return data.map((job) => named(job, job.creator, includes))
      },
      { limit: JOBS_KEPT, ...options }
    )
  }

  private jobPage(number: number, size: number) {
    return this.client.GET('/v1/jobs', {
      ...this.init(),
      params: { query: { sort: ['-id'], include: ['creators'], page: { number, size } } }
    })
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

  /** A new image source; Cycle answers with it at once (no job to follow). */
  createSource(body: {
    name: string
    type: 'direct'
    origin:
      | { type: 'docker-hub'; details: { target: string } }
      | { type: 'docker-registry'; details: { target: string; url: string } }
  }) {
    return this.read(this.client.POST('/v1/images/sources', { ...this.init(), body }), CycleSource)
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

  private pages<P>(
    noun: string,
    page: (number: number, size: number) => Promise<P>,
    take: (page: P, room: number) => Promise<Taken>,
    options: Pick<ListOptions, 'limit' | 'cut'>
  ): Promise<void> {
    const { pageSize, maxRows, maxPages, concurrency } = this
    return readPages({ pageSize, maxRows, maxPages, concurrency }, noun, page, take, options)
  }

  private parsedPages<T extends { id: string }>(
    noun: string,
    page: (number: number, size: number) => Promise<T[]>,
    options: ListOptions<T>
  ): Promise<T[]> {
    return readParsedPages((p, t, o) => this.pages(noun, p, t, o), page, options)
  }

  /** A page's body unread, once the answer is known to be a success. */
  private async readRaw(request: Promise<Fetched>): Promise<RawPage> {
    const { data, response } = await answered(request, this.credentials.url)
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(0)
    return { bytes, url: response.url.replace(/\?.*/, '') }
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
    const { data, response } = await answered(request, this.credentials.url)
    return checkedAnswer(data, schema, response.url.replace(/\?.*/, ''))
  }
}
