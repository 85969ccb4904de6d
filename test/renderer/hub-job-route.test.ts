import { describe, expect, it } from 'vitest'
import {
  formatRoute,
  parentRoute,
  parseRoute,
  routeTitle,
  type Route
} from '../../src-renderer/lib/route'
import { Navigation } from '../../src-renderer/lib/stores/navigation.svelte'

describe('a hub job’s panel as a place', () => {
  const route: Route = { view: 'cycle-job', accountId: 'cycle:Hub', jobId: 'job 1/2' }

  it('is #/cycle-jobs/<account>/<id>, each part encoded, and reads back', () => {
    expect(formatRoute(route)).toBe('#/cycle-jobs/cycle%3AHub/job%201%2F2')
    expect(parseRoute(formatRoute(route))).toEqual(route)
    expect(parseRoute('#/cycle-jobs/hub')).toBeNull()
    expect(parseRoute('#/cycle-jobs/hub/j/extra')).toBeNull()
  })

  it('belongs to the Hub jobs list, which Escape goes back to, and names the job in the title', () => {
    expect(parentRoute(route)).toEqual({ view: 'cycle-jobs' })
    expect(routeTitle(route)).toBe('Hub job job 1/2 — Hub jobs — Berth')
  })

  it('is where the navigation is while a job is open, and the list once it closes', () => {
    const nav = new Navigation()
    nav.show(route)
    expect(nav.view).toBe('cycle-jobs')
    expect(nav.route).toEqual(route)
    nav.closeHubJob()
    expect(nav.route).toEqual({ view: 'cycle-jobs' })
    nav.openHubJob({ accountId: 'a', jobId: 'j' })
    nav.go('cycle-jobs')
    expect(nav.route).toEqual({ view: 'cycle-jobs' })
  })
})
