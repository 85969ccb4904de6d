import { describe, expect, it } from 'vitest'
import type { AccountStatus, JobView } from '@contract'
import { AccountWatch } from '../../src-main/agent/notify/account-watch'
import { JobWatch } from '../../src-main/agent/notify/job-watch'
import { News } from '../../src-main/agent/notify/news'
import type { Notice } from '../../src-main/agent/notify/notice'
import { ResourceWatch } from '../../src-main/agent/notify/resource-watch'
import type { RecordsByKind } from '../../src-main/cache/records'

const lab = { id: 'qbo:Lab', name: 'Lab' }

describe('account watch', () => {
  const online = (since: number): AccountStatus => ({ state: 'online', since })
  const offline = (since: number): AccountStatus => ({
    state: 'offline',
    since,
    reason: 'connection refused',
    retryAt: since + 1000
  })

  it('says nothing at start, once when lost, nothing while flapping, once when regained', () => {
    const watch = new AccountWatch()
    expect(watch.status(lab, { state: 'connecting', since: 1 })).toEqual([])
    expect(watch.status(lab, online(2))).toEqual([])
    expect(watch.status(lab, offline(3))).toMatchObject([
      { kind: 'account', level: 'warning', title: 'Lab is offline' }
    ])
    expect(watch.status(lab, { state: 'connecting', since: 4 })).toEqual([])
    expect(watch.status(lab, offline(3))).toEqual([])
    expect(watch.status(lab, online(5))).toMatchObject([
      {
        level: 'success',
        title: 'Lab is back online',
        target: { view: 'accounts', accountId: 'qbo:Lab' }
      }
    ])
  })

  it('never calls an account that was never reached "lost", but always reports a refused credential', () => {
    const watch = new AccountWatch()
    expect(watch.status(lab, offline(1))).toEqual([])
    expect(
      watch.status(lab, { state: 'auth-failed', since: 2, reason: 'token expired', retryAt: null })
    ).toMatchObject([{ level: 'error', title: 'Lab: sign-in refused', body: 'token expired' }])
    expect(
      watch.status(lab, { state: 'auth-failed', since: 2, reason: 'token expired', retryAt: null })
    ).toEqual([])
  })
})

describe('job watch', () => {
  const job = (state: JobView['state'], extra: Partial<JobView> = {}): JobView => ({
    id: 'j1',
    accountId: lab.id,
    action: 'add',
    target: 'dev',
    title: 'Create cluster dev',
    state,
    createdAt: 1,
    startedAt: 2,
    finishedAt: null,
    error: null,
    logLines: 0,
    progress: null,
    remoteJobId: null,
    ...extra
  })

  it('tells once when a job ends, and says which kind of ending', () => {
    const watch = new JobWatch()
    expect(watch.job(job('queued'), 'Lab')).toEqual([])
    expect(watch.job(job('running'), 'Lab')).toEqual([])
    expect(watch.job(job('succeeded'), 'Lab')).toMatchObject([
      {
        kind: 'job',
        level: 'success',
        title: 'Done: Create cluster dev',
        target: { view: 'jobs', jobId: 'j1' }
      }
    ])
    expect(watch.job(job('succeeded'), 'Lab')).toEqual([])
    expect(new JobWatch().job(job('failed', { error: 'no capacity' }), 'Lab')).toMatchObject([
      { kind: 'job', level: 'error', body: 'no capacity' }
    ])
    expect(new JobWatch().job(job('unknown'), 'Lab')).toMatchObject([
      { kind: 'outbox', title: 'Not confirmed: Create cluster dev' }
    ])
    expect(new JobWatch().job(job('cancelled'), 'Lab')).toEqual([])
  })
})

describe('resource watch', () => {
  const node = (name: string, state: string) =>
    ({ name, state, cluster: 'dev' }) as unknown as RecordsByKind['nodes']
  const image = (key: string, name: string, state: string) =>
    ({ key, id: key, name, state }) as unknown as RecordsByKind['cycleImages']

  it('takes the first full set as the baseline, then reports state changes', () => {
    const watch = new ResourceWatch()
    expect(watch.replace(lab, 'nodes', [node('n1', 'running'), node('n2', 'running')])).toEqual([])
    expect(
      watch.replace(lab, 'nodes', [node('n1', 'stopped'), node('n2', 'running')])
    ).toMatchObject([
      {
        kind: 'resource',
        title: 'Node n1 is stopped',
        target: { view: 'cluster', accountId: lab.id, cluster: 'dev' },
        burst: { key: `nodes:${lab.id}:stopped` }
      }
    ])
    expect(watch.patch(lab, 'nodes', [node('n2', 'error')])).toMatchObject([
      { level: 'error', title: 'Node n2 is error' }
    ])
    // A node that goes with its cluster is told by the cluster's own notice.
    expect(watch.replace(lab, 'nodes', [])).toEqual([])
  })

  it('reports Cycle images reaching an outcome or going away, not every build step', () => {
    const hub = { id: 'cycle:Hub', name: 'Hub' }
    const watch = new ResourceWatch()
    watch.replace(hub, 'cycleImages', [image('i1', 'api', 'building'), image('i2', 'web', 'live')])
    expect(watch.patch(hub, 'cycleImages', [image('i1', 'api', 'verifying')])).toEqual([])
    expect(watch.patch(hub, 'cycleImages', [image('i1', 'api', 'live')])).toMatchObject([
      {
        title: 'Image api is ready',
        target: { view: 'cycle-image', accountId: hub.id, imageId: 'i1' }
      }
    ])
    expect(watch.remove(hub, 'cycleImages', ['i2', 'unknown'])).toMatchObject([
      { title: 'Image web was removed', burst: { title: expect.any(Function) } }
    ])
    expect(watch.remove(hub, 'cycleImages', ['i2'])).toEqual([])
  })

  it('ignores kinds whose changes are not news, and forgets a removed account', () => {
    const watch = new ResourceWatch()
    expect(watch.replace(lab, 'pods', [])).toEqual([])
    watch.replace(lab, 'nodes', [node('n1', 'running')])
    watch.forget(lab.id)
    expect(watch.replace(lab, 'nodes', [node('n1', 'stopped')])).toEqual([])
  })
})

describe('news', () => {
  it('leaves a change the user’s own job makes to that job’s notice, for a minute after it ends', () => {
    let now = 0
    const pushed: string[] = []
    const news = new News(
      { push: (ns: Notice[]) => pushed.push(...ns.map((n) => n.title)) } as never,
      () => now
    )
    const cluster = (state: string) =>
      ({ name: 'dev', state }) as unknown as RecordsByKind['clusters']
    const job = (state: JobView['state']) =>
      ({
        id: 'j1',
        accountId: lab.id,
        target: 'dev',
        title: 'Stop dev',
        state,
        startedAt: 1,
        error: null
      }) as JobView
    news.replace(lab, 'clusters', [cluster('running')])
    news.job(job('running'), 'Lab')
    news.replace(lab, 'clusters', [cluster('stopping')])
    news.job(job('succeeded'), 'Lab')
    news.replace(lab, 'clusters', [cluster('stopped')])
    expect(pushed).toEqual(['Done: Stop dev'])
    now += 60_001
    news.replace(lab, 'clusters', [cluster('running')])
    expect(pushed).toEqual(['Done: Stop dev', 'Cluster dev is running'])
  })
})
