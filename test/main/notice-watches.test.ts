import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountStatus, JobView } from '@contract'
import { AccountWatch } from '../../src-main/agent/notify/account-watch'
import { JobWatch } from '../../src-main/agent/notify/job-watch'
import { News } from '../../src-main/agent/notify/news'
import type { Notice } from '../../src-main/agent/notify/notice'
import { ResourceWatch } from '../../src-main/agent/notify/resource-watch'
import { upsertAccount } from '../../src-main/cache/accounts'
import { openDatabase, type Db } from '../../src-main/cache/db'
import type { ClusterRecord, CycleImageRecord, NodeRecord } from '../../src-main/cache/records'
import { patchRows, removeRows, replaceSet } from '../../src-main/cache/writes'
import { tempDir } from '../support/temp-dir'

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
    ).toMatchObject([
      { level: 'error', title: 'Lab: authentication failed', body: 'token expired' }
    ])
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

/** A real cache for the watches to hear from: they see what its writes report, nothing else. */
function useCache(...accounts: Array<{ id: string; name: string }>): () => Db {
  let dir: ReturnType<typeof tempDir>
  let db: Db
  beforeEach(() => {
    dir = tempDir()
    db = openDatabase(`${dir.path}/cache.sqlite`)
    for (const a of accounts) upsertAccount(db, { ...a, kind: 'qbo', endpoint: 'ws://x' })
  })
  afterEach(() => {
    db.close()
    dir.remove()
  })
  return () => db
}

const node = (name: string, state: string): NodeRecord => ({
  name,
  id: `${name}-id`,
  cluster: 'dev',
  clusterId: 'dev-id',
  state,
  address: '172.18.0.2',
  image: 'kindest/node:v1.27.2',
  os: 'Ubuntu',
  kernel: '6.1',
  raw: { name, state }
})
const image = (key: string, name: string, state: string): CycleImageRecord => ({
  key,
  id: key,
  name,
  state,
  size: 1,
  sourceId: 's1',
  sourceType: 'docker-hub',
  creator: 'u1',
  containers: 0,
  createdAt: '2024-01-01T00:00:00Z',
  error: null,
  raw: { id: key, name, state }
})
const cluster = (state: string): ClusterRecord => ({
  name: 'dev',
  id: 'dev-id',
  address: '172.18.0.2',
  controlPlane: 'https://172.18.0.2:6443',
  state,
  raw: { name: 'dev', state }
})

describe('resource watch', () => {
  const hub = { id: 'cycle:Hub', name: 'Hub' }
  const cache = useCache(lab, hub)

  it('takes the first full set as the baseline, then reports state changes', () => {
    const watch = new ResourceWatch()
    const replace = (records: NodeRecord[]) =>
      watch.replaced(lab, 'nodes', replaceSet(cache(), lab.id, 'nodes', records))
    expect(replace([node('n1', 'running'), node('n2', 'running')])).toEqual([])
    expect(replace([node('n1', 'stopped'), node('n2', 'running')])).toMatchObject([
      {
        kind: 'resource',
        title: 'Node n1 is stopped',
        target: { view: 'cluster', accountId: lab.id, cluster: 'dev' },
        burst: { key: `nodes:${lab.id}:stopped` }
      }
    ])
    expect(
      watch.patched(lab, 'nodes', patchRows(cache(), lab.id, 'nodes', [node('n2', 'error')]))
    ).toMatchObject([{ level: 'error', title: 'Node n2 is error' }])
    // A pushed row the cache already holds as it is changes nothing, so it is not news again.
    expect(
      watch.patched(lab, 'nodes', patchRows(cache(), lab.id, 'nodes', [node('n2', 'error')]))
    ).toEqual([])
    // A node that goes with its cluster is told by the cluster's own notice.
    expect(replace([])).toEqual([])
  })

  it('reports Cycle images reaching an outcome or going away, not every build step', () => {
    const watch = new ResourceWatch()
    const patch = (records: CycleImageRecord[]) =>
      watch.patched(hub, 'cycleImages', patchRows(cache(), hub.id, 'cycleImages', records))
    const remove = (keys: string[]) =>
      watch.removed(hub, 'cycleImages', removeRows(cache(), hub.id, 'cycleImages', keys))
    watch.replaced(
      hub,
      'cycleImages',
      replaceSet(cache(), hub.id, 'cycleImages', [
        image('i1', 'api', 'building'),
        image('i2', 'web', 'live')
      ])
    )
    expect(patch([image('i1', 'api', 'verifying')])).toEqual([])
    expect(patch([image('i1', 'api', 'live')])).toMatchObject([
      {
        title: 'Image api is ready',
        target: { view: 'cycle-image', accountId: hub.id, imageId: 'i1' }
      }
    ])
    expect(remove(['i2', 'unknown'])).toMatchObject([
      { title: 'Image web was removed', burst: { title: expect.any(Function) } }
    ])
    expect(remove(['i2'])).toEqual([])
  })

  it('ignores kinds whose changes are not news, and forgets a removed account', () => {
    const watch = new ResourceWatch()
    const replace = (records: NodeRecord[]) =>
      watch.replaced(lab, 'nodes', replaceSet(cache(), lab.id, 'nodes', records))
    expect(watch.replaced(lab, 'pods', replaceSet(cache(), lab.id, 'pods', []))).toEqual([])
    replace([node('n1', 'running')])
    watch.forget(lab.id)
    expect(replace([node('n1', 'stopped')])).toEqual([])
  })

  it('keeps no row of its own: after 10,000 nodes it holds only which sets it has seen', () => {
    const watch = new ResourceWatch()
    const many = (state: string) =>
      Array.from({ length: 10_000 }, (_, i) => node(`n${i}`, i === 9 ? state : 'running'))
    watch.replaced(lab, 'nodes', replaceSet(cache(), lab.id, 'nodes', many('running')))
    expect(
      watch.replaced(lab, 'nodes', replaceSet(cache(), lab.id, 'nodes', many('stopped')))
    ).toMatchObject([{ title: 'Node n9 is stopped' }])
    // Everything the watch holds, whatever its fields are called.
    const held = Object.values(watch).map((v) =>
      v instanceof Set || v instanceof Map ? [...v] : v
    )
    expect(held).toEqual([[`${lab.id}/nodes`]])
  })
})

describe('news', () => {
  const cache = useCache(lab)

  it('leaves a change the user’s own job makes to that job’s notice, for a minute after it ends', () => {
    let now = 0
    const pushed: string[] = []
    const news = new News(
      { push: (ns: Notice[]) => pushed.push(...ns.map((n) => n.title)) } as never,
      () => now
    )
    const sync = (state: string) =>
      news.replaced(lab, 'clusters', replaceSet(cache(), lab.id, 'clusters', [cluster(state)]))
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
    sync('running')
    news.job(job('running'), 'Lab')
    sync('stopping')
    news.job(job('succeeded'), 'Lab')
    sync('stopped')
    expect(pushed).toEqual(['Done: Stop dev'])
    now += 60_001
    sync('running')
    expect(pushed).toEqual(['Done: Stop dev', 'Cluster dev is running'])
  })
})
