import { CAPABILITIES, captionOf, NEEDS } from './capabilities'
import { invalidArgument } from './errors'
import { jobIncludes, root } from './includes'
import { filterList, matchesSearch, paged, parseListQuery, sorted } from './listing'
import { findJob, visibleJobs } from './model'
import { ok } from './route'
import type { RequestContext, Route } from './route'

/** How many jobs `GET /v1/jobs/latest` returns; the spec does not say, this is a guess. */
export const LATEST_JOBS = 10

function rangeBound(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw invalidArgument(`filter[${name}] must be an RFC 3339 date-time.`)
  return ms
}

function listJobs(ctx: RequestContext) {
  const { state } = ctx.engine
  const query = parseListQuery(ctx.query)
  const states = filterList(query, 'state')
  const from = rangeBound(query.filter.get('range-start'), 'range-start')
  const to = rangeBound(query.filter.get('range-end'), 'range-end')
  const jobs = visibleJobs(state, ctx.engine.now()).filter((job) => {
    const queued = Date.parse(job.events.queued)
    return (
      (states?.has(job.state.current) ?? true) &&
      (from === undefined || queued >= from) &&
      (to === undefined || queued <= to) &&
      matchesSearch(query, [job.id, job.caption, job.queue, ...job.tasks.map((t) => t.header)])
    )
  })
  const page = paged(sorted(jobs, query, '-events.queued'), query)
  return ok(
    root(
      page,
      jobIncludes(
        state,
        page.map((job) => job.creator),
        query
      )
    )
  )
}

function latestJobs(ctx: RequestContext) {
  const { state } = ctx.engine
  const jobs = visibleJobs(state, ctx.engine.now())
  const newest = sorted(jobs, parseListQuery(new URLSearchParams()), '-events.queued')
  return ok({ data: newest.slice(0, LATEST_JOBS) })
}

function getJob(ctx: RequestContext) {
  const { engine } = ctx
  return ok({ data: findJob(engine.state, ctx.params.jobId ?? '', engine.now()) })
}

function capabilities() {
  const captions = Object.fromEntries(CAPABILITIES.map((c) => [c, captionOf(c)]))
  return ok({ data: [...CAPABILITIES], meta: { captions } })
}

export const JOB_AND_HUB_ROUTES: Route[] = [
  { method: 'GET', path: '/v1/jobs', access: NEEDS.jobsView, handle: listJobs },
  { method: 'GET', path: '/v1/jobs/latest', access: NEEDS.jobsView, handle: latestJobs },
  { method: 'GET', path: '/v1/jobs/:jobId', access: NEEDS.jobsView, handle: getJob },
  // The spec asks for `hubs-view`, a capability its own enum lacks: any key of the hub may.
  {
    method: 'GET',
    path: '/v1/hubs/current',
    access: 'any-key',
    handle: (ctx) => ok({ data: ctx.engine.state.hub })
  },
  { method: 'GET', path: '/v1/hubs/capabilities', access: 'public', handle: capabilities },
  {
    method: 'GET',
    path: '/v1/hubs/current/notifications',
    access: NEEDS.notificationsListen,
    handle: (ctx) => ok({ data: { token: ctx.notifier.issueToken() } })
  }
]
