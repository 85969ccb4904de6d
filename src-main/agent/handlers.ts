import {
  clusterSummaries,
  getCluster,
  listClusters,
  listImages,
  listLoadBalancers,
  listNetworks,
  listNodes,
  listPods,
  listServices
} from '../cache/queries'
import { specFromInput } from './accounts'
import { providerFailure, testConnection } from './connection-test'
import { fail, ok } from './contract'
import type { Handlers } from './dispatch'
import type { Agent } from './service'

/** The contract's methods, served from the cache (reads) and the agent's runners (actions). */
export function createHandlers(agent: Agent): Handlers {
  const db = agent.options.db
  const account = (id: string) => agent.live.get(id)
  const missing = (id: string) => fail('not-found', `No account ${id}`)

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
    'nodes.clusters': ({ accountId }) => ok(clusterSummaries(db, accountId)),
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
      if (live.runner.status.state !== 'online') {
        return fail(
          'unavailable',
          `${live.spec.name} is offline; the kubeconfig comes from the server`,
          true
        )
      }
      try {
        return ok({ kubeconfig: await live.session.kubeconfig(cluster) })
      } catch (error) {
        return providerFailure(error)
      }
    },

    'clusters.add': ({ accountId, name, image, nodes }) =>
      account(accountId)
        ? ok(agent.jobs.enqueue(accountId, 'add', name, { image, nodes }))
        : missing(accountId),
    'clusters.act': ({ accountId, cluster, action }) =>
      account(accountId) ? ok(agent.jobs.enqueue(accountId, action, cluster)) : missing(accountId),
    'jobs.list': (q) => ok(agent.jobStore.list(q)),
    'jobs.log': ({ jobId, afterSeq }) =>
      agent.jobStore.get(jobId)
        ? ok(agent.jobStore.log(jobId, afterSeq))
        : fail('not-found', `No job ${jobId}`)
  }
}
