import {
  clusterSummaries,
  getCluster,
  getNode,
  listClusters,
  listImages,
  listLoadBalancers,
  listNetworks,
  listNodes,
  listPods,
  listServices
} from '../cache/queries'
import {
  cachedBuildLog,
  cycleImage,
  cycleSourceName,
  listCycleImages,
  listCycleJobs,
  listCycleSources,
  storeBuildLog
} from '../cache/cycle-queries'
import { cycleImageDetail } from '../cache/cycle-image-detail'
import { recordDetail } from '../cache/record-detail'
import { CycleSession } from '../providers/cycle/session'
import { QboSession } from '../providers/qbo/session'
import { specFromInput } from './accounts'
import { providerFailure, testConnection } from './connection-test'
import { isHeld } from './held-account'
import { jobTitle } from './jobs/job-titles'
import { fail, ok } from '@contract'
import type { Handlers } from './dispatch'
import { OverviewMemo } from './overview-memo'
import type { AgentPort } from './agent-port'
import type { ProviderSession } from '../providers/session'

/** The contract's methods, served from the cache (reads) and the agent's runners (actions). */
export function createHandlers(agent: AgentPort): Handlers {
  const db = agent.cache
  const overview = new OverviewMemo(db)
  agent.onEvent((event) => overview.observe(event))
  const account = (id: string) => agent.live.get(id)
  const missing = (id: string) => fail('not-found', `No account ${id}`)
  /** Actions are refused up front when they do not fit the account, never queued to fail later. */
  const expectKind = (id: string, kind: 'qbo' | 'cycle') => {
    const live = account(id)
    if (!live) return missing(id)
    return live.spec.kind === kind
      ? null
      : fail('invalid-request', `${live.spec.name} is not a ${kind} account`)
  }
  const sourceName = (accountId: string, id: string): string =>
    cycleSourceName(db, accountId, id) ?? id
  const imageName = (accountId: string, id: string): string =>
    cycleImage(db, accountId, id)?.row.name ?? id
  const accountName = (id: string): string => account(id)?.spec.name ?? id

  return {
    'accounts.list': () => ok([...agent.live.values()].map((a) => agent.view(a))),
    'accounts.reconnect': ({ accountId }) => {
      const live = account(accountId)
      if (!live) return missing(accountId)
      live.runner.reconnect()
      return ok(null)
    },
    'accounts.refresh': async ({ accountId }) => {
      if (accountId !== undefined && !account(accountId)) return missing(accountId)
      // The user asked: lists the server refused are asked about again, not left out as usual.
      for (const live of agent.live.values()) {
        const session: ProviderSession = live.session
        if (accountId === undefined || live.spec.id === accountId) session.askAgain?.()
      }
      await agent.refresh(accountId)
      return ok(null)
    },
    'accounts.add': (input) => {
      let spec
      try {
        spec = specFromInput(input)
      } catch (error) {
        return fail('invalid-request', (error as Error).message)
      }
      if (account(spec.id))
        return fail('invalid-request', `An account named “${spec.name}” already exists`)
      return ok(agent.addAccount(spec))
    },
    'accounts.test': async (input) => {
      if ('accountId' in input) {
        const live = account(input.accountId)
        if (!live) return missing(input.accountId)
        // Its credential could not be opened: there is nothing to test it with.
        if (isHeld(live)) return fail('auth-failed', `${live.spec.name} has no usable credential`)
        return testConnection(live.spec)
      }
      try {
        return await testConnection(specFromInput(input))
      } catch (error) {
        return fail('invalid-request', (error as Error).message)
      }
    },
    'accounts.remove': ({ accountId }) => {
      const live = account(accountId)
      if (!live) return missing(accountId)
      if (live.spec.origin === 'config') {
        return fail(
          'invalid-request',
          `${live.spec.name} comes from the config file; remove it there`
        )
      }
      agent.removeAccount(accountId)
      return ok(null)
    },

    'nodes.list': (q) => ok(listNodes(db, q)),
    'nodes.get': ({ accountId, name }) => {
      const found = getNode(db, accountId, name)
      return found ? ok(found) : fail('not-found', `No node ${name} in the cache`)
    },
    'records.get': ({ kind, accountId, key }) => {
      const found = recordDetail(db, kind, accountId, key)
      return found ? ok(found) : fail('not-found', `No ${kind} row ${key} in the cache`)
    },
    'nodes.clusters': ({ accountId }) => ok(clusterSummaries(db, accountId)),
    'overview.get': ({ days }) => {
      const { figures, since } = overview.get([...agent.live.keys()], days)
      const inFlight = agent.jobStore.active()
      const accounts = figures.map((cached) => {
        const mine = inFlight.filter((j) => j.accountId === cached.accountId)
        const queued = mine.filter((j) => j.state === 'queued').length
        return { ...cached, jobs: { queued, running: mine.length - queued } }
      })
      return ok({ accounts, since })
    },
    'images.list': (q) => ok(listImages(db, q)),
    'networks.list': (q) => ok(listNetworks(db, q)),
    'clusters.list': (q) => ok(listClusters(db, q)),
    'clusters.get': ({ accountId, cluster }) => {
      const found = getCluster(db, accountId, cluster)
      return found ? ok(found) : fail('not-found', `No cluster ${cluster} in the cache`)
    },
    'pods.list': (q) => ok(listPods(db, q)),
    'services.list': (q) => ok(listServices(db, q)),
    'loadBalancers.list': (q) => ok(listLoadBalancers(db, q)),
    'clusters.kubeconfig': async ({ accountId, cluster }) => {
      const live = account(accountId)
      if (!live) return missing(accountId)
      const session = live.session
      if (!(session instanceof QboSession)) {
        return fail('invalid-request', `${live.spec.name} is not a qbo account`)
      }
      if (live.runner.status.state !== 'online') {
        return fail(
          'unavailable',
          `${live.spec.name} is offline; the kubeconfig comes from the server`,
          true
        )
      }
      try {
        return ok({ kubeconfig: await session.kubeconfig(cluster) })
      } catch (error) {
        return providerFailure(error)
      }
    },

    'cycleImages.list': (q) => ok(listCycleImages(db, q)),
    'cycleSources.list': (q) => ok(listCycleSources(db, q)),
    'cycleJobs.list': (q) => ok(listCycleJobs(db, q)),
    'cycleImages.get': ({ accountId, imageId }) => {
      const found = cycleImageDetail(db, accountId, imageId)
      return found ? ok(found) : fail('not-found', `No image ${imageId} in the cache`)
    },
    'cycleImages.buildLog': async ({ accountId, imageId, refresh }) => {
      const live = account(accountId)
      if (!live) return missing(accountId)
      // Online, the server's copy replaces the cached one; offline (or if it fails) the cache answers.
      if (
        refresh &&
        live.session instanceof CycleSession &&
        live.runner.status.state === 'online'
      ) {
        try {
          storeBuildLog(db, accountId, imageId, await live.session.api.buildLog(imageId))
        } catch (error) {
          const cached = cachedBuildLog(db, accountId, imageId)
          if (cached.fetchedAt === null) return providerFailure(error)
        }
      }
      return ok(cachedBuildLog(db, accountId, imageId))
    },

    'clusters.add': ({ accountId, name, image, nodes }) => {
      const refused = expectKind(accountId, 'qbo')
      if (refused) return refused
      return ok(
        agent.jobs.enqueue(
          accountId,
          'add',
          name,
          jobTitle.createCluster(name, accountName(accountId)),
          {
            image,
            nodes
          }
        )
      )
    },
    'clusters.act': ({ accountId, cluster, action }) => {
      const refused = expectKind(accountId, 'qbo')
      if (refused) return refused
      const title = jobTitle.cluster(action, cluster, accountName(accountId))
      return ok(agent.jobs.enqueue(accountId, action, cluster, title))
    },
    'cycleImages.build': ({ accountId, sourceId, name, buildArgs, override, useDisk }) => {
      const refused = expectKind(accountId, 'cycle')
      if (refused) return refused
      const source = sourceName(accountId, sourceId)
      const args = { sourceId, name, buildArgs, override, useDisk }
      return ok(
        agent.jobs.enqueue(
          accountId,
          'image.build',
          name ?? source,
          jobTitle.build(name, source, accountName(accountId)),
          args
        )
      )
    },
    'cycleImages.import': ({ accountId, imageId }) => {
      const refused = expectKind(accountId, 'cycle')
      if (refused) return refused
      const name = imageName(accountId, imageId)
      return ok(
        agent.jobs.enqueue(
          accountId,
          'image.import',
          name,
          jobTitle.import(name, accountName(accountId)),
          { imageId }
        )
      )
    },
    'cycleImages.prune': ({ accountId, sourceIds }) => {
      const refused = expectKind(accountId, 'cycle')
      if (refused) return refused
      const names = sourceIds.map((id) => sourceName(accountId, id)).join(', ')
      const title = jobTitle.prune(names, accountName(accountId))
      return ok(agent.jobs.enqueue(accountId, 'images.prune', names, title, { sourceIds }))
    },
    'cycleImages.rename': ({ accountId, imageId, name }) => {
      const refused = expectKind(accountId, 'cycle')
      if (refused) return refused
      const old = imageName(accountId, imageId)
      const title = jobTitle.rename(old, name, accountName(accountId))
      return ok(agent.jobs.enqueue(accountId, 'image.rename', old, title, { imageId, name }))
    },
    'cycleSources.create': ({ accountId, name, origin }) => {
      const refused = expectKind(accountId, 'cycle')
      if (refused) return refused
      const title = jobTitle.createSource(name, accountName(accountId))
      return ok(agent.jobs.enqueue(accountId, 'source.create', name, title, { name, origin }))
    },
    'cycleImages.delete': ({ accountId, imageId }) => {
      const refused = expectKind(accountId, 'cycle')
      if (refused) return refused
      const name = imageName(accountId, imageId)
      return ok(
        agent.jobs.enqueue(
          accountId,
          'image.delete',
          name,
          jobTitle.delete(name, accountName(accountId)),
          { imageId }
        )
      )
    },
    'jobs.list': (q) => ok(agent.jobStore.list(q)),
    'jobs.cancel': ({ jobId }) => {
      const refused = agent.jobs.cancel(jobId)
      if (refused) return fail('invalid-request', refused)
      return ok(agent.jobStore.view(jobId)!)
    },
    'jobs.retry': ({ jobId }) => {
      const retried = agent.jobs.retry(jobId)
      return typeof retried === 'string' ? fail('invalid-request', retried) : ok(retried)
    },
    'jobs.discard': ({ jobId }) => {
      if (!agent.jobStore.view(jobId)) return fail('not-found', `No job ${jobId}`)
      const refused = agent.jobs.discard(jobId)
      return refused ? fail('invalid-request', refused) : ok(null)
    },
    'jobs.log': ({ jobId, afterSeq }) =>
      agent.jobStore.view(jobId)
        ? ok(agent.jobStore.log(jobId, afterSeq))
        : fail('not-found', `No job ${jobId}`),

    'settings.get': () => ok(agent.settings.get()),
    'settings.update': (patch) => ok(agent.updateSettings(patch)),
    'app.info': () => ok(agent.info()),
    'cache.clear': () => {
      agent.clearCache()
      return ok(null)
    },
    'notifications.list': ({ limit }) => ok(agent.notifications.list(limit)),
    'notifications.markRead': ({ ids }) => {
      agent.notifications.markRead(ids)
      agent.notificationsChanged()
      return ok(null)
    },
    'notifications.clear': () => {
      agent.notifications.clear()
      agent.notificationsChanged()
      return ok(null)
    }
  }
}
