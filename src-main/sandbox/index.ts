import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { seedCycle } from './cycle/seed'
import { createCycleEndpoint } from './cycle/server'
import type { CycleFaults, CycleSandbox } from './cycle/server'
import { generateServiceAccount, loadServiceAccount } from './qbo/auth'
import type { PublicServiceAccountKey, ServiceAccount } from './qbo/auth'
import { NARROW_QBO_KINDS, parseGetKinds } from './qbo/narrow'
import { SANDBOX_USER, seedHub } from './qbo/seed'
import { createQboEndpoint, rejectUpgrade } from './qbo/server'
import type { QboFaults, QboSandbox } from './qbo/server'

export type { QboActionRecord, QboSandbox, ActionVerb } from './qbo/server'
export type { PrivateServiceAccountKey, PublicServiceAccountKey } from './qbo/auth'
export type { CycleActionRecord, CycleRequestRecord, CycleSandbox } from './cycle/server'
export type { QboFaults } from './qbo/faults'
export type { CycleFaults, FaultStatus } from './cycle/faults'
export type { HubNotification } from './cycle/notifications'
export { CYCLE_IMPORTER_KEY, CYCLE_NO_MANAGE_KEY, DEFAULT_CYCLE_API_KEY } from './cycle/seed'
export { NARROW_QBO_KINDS } from './qbo/narrow'
export type { GetKind } from './qbo/get'

/** Fixed so that a restarted sandbox accepts the credential a client saved last time. */
export const DEFAULT_QBO_TOKEN = '5a9d3c1e-7b2f-4e6a-8c0d-b3e1f4a2c9d7'
const HOST = '127.0.0.1'
export const DEFAULT_STEP_MS = 700
const MAX_STEP_MS = 600_000
const MAX_JOB_VISIBLE_AFTER_MS = 600_000

export interface SandboxOptions {
  port?: number
  qboToken?: string
  seed?: number
  clusters?: number
  nodesPerCluster?: number
  /** Cycle: generated images (and finished import jobs) beyond the seeded ones, for scale. */
  cycleImages?: number
  cycleJobs?: number
  /** Pause between progress messages of add/start/stop/delete; tests use a few ms. */
  stepMs?: number
  /**
   * The service account's P-521 private JWK and aux id, so that a restarted sandbox accepts the
   * same account. Both or neither; without them a fresh account is made.
   */
  serviceAccountKey?: unknown
  serviceAccountAux?: string
  /**
   * The Cycle API key with every capability. Two more keys are fixed: one lacks `images-manage`
   * (and `images-import`), the importer's holds only `images-view` and `images-import`.
   */
  cycleApiKey?: string
  /**
   * qbo as an older or narrower server: it answers `version` and `get` of these kinds only
   * (`nodes`, `images`, `net`… as `get` spells them) and refuses every other get and every action
   * as an unknown command. Default: every command.
   */
  qboCommands?: readonly string[]
  /** Shorthand for `qboCommands: ['nodes', 'images', 'networks']`. */
  qboNarrow?: boolean
  /**
   * Cycle: one seeded image's `state` goes out without `current`, as some documented examples
   * show it. The spec's schema requires `current` and Berth's client refuses such an image
   * today, so this is off by default.
   */
  cycleStateWithoutCurrent?: boolean
  /**
   * Cycle only: for this long after a job is created, reading it answers `404.job` (the
   * platform does this; clients retry). Default 0.
   */
  jobVisibleAfterMs?: number
}

/** Exactly the service-account shape of `~/.qbo/cli.json` (the public key only). */
export interface ServiceAccountConfig {
  qbo_uid: PublicServiceAccountKey
  qbo_aux: string
  qbo_host: string
  qbo_port: number
  qbo_user: string
}

export interface SandboxConnection {
  qbo: { url: string; token: string; serviceAccount: ServiceAccountConfig }
  /** `url` is the base the `/v1/...` paths hang off; send the key as a bearer and `X-Hub-Id`. */
  cycle: { url: string; apiKey: string; hubId: string }
  /**
   * The hub's other keys, kept apart so that `cycle` stays exactly an account's settings:
   * `importer` holds images-view and images-import only (a CI importer's key); `noManage` holds
   * every documented capability but images-manage.
   */
  cycleKeys: { importer: string; noManage: string }
}

/** Misbehaviour tests switch on to exercise a client's recovery; all off by default. */
export interface SandboxFaults {
  qbo: QboFaults
  cycle: CycleFaults
  /** Turns every fault of both emulators off. */
  reset(): void
}

export interface Sandbox {
  port: number
  qbo: QboSandbox
  cycle: CycleSandbox
  faults: SandboxFaults
  connection(): SandboxConnection
  close(): Promise<void>
}

/**
 * One emulator sharing the server. Each hook returns true when it took the request, so emulators
 * (qbo, Cycle) can be tried in turn and whatever nobody claims gets a 404.
 */
interface Mount {
  handleRequest?(req: IncomingMessage, res: ServerResponse): boolean
  handleUpgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): boolean
  close(): void
}

function notFound(res: ServerResponse): void {
  const body = JSON.stringify({ error: 'not found' })
  res.writeHead(404, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body)
  })
  res.end(body)
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error)
    server.once('error', onError)
    server.listen(port, HOST, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

async function serviceAccountFor(options: SandboxOptions): Promise<ServiceAccount> {
  const { serviceAccountKey: key, serviceAccountAux: aux } = options
  if (key === undefined && aux === undefined) return generateServiceAccount()
  if (key === undefined || aux === undefined) {
    throw new RangeError('serviceAccountKey and serviceAccountAux must be given together')
  }
  return loadServiceAccount(key, aux)
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const requestedPort = options.port ?? 0
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${requestedPort}`)
  }
  const token = options.qboToken ?? DEFAULT_QBO_TOKEN
  if (token === '') throw new RangeError('qboToken must not be empty')
  const stepMs = options.stepMs ?? DEFAULT_STEP_MS
  if (!Number.isInteger(stepMs) || stepMs < 0 || stepMs > MAX_STEP_MS) {
    throw new RangeError(`stepMs must be an integer from 0 to ${MAX_STEP_MS}, got ${stepMs}`)
  }
  const jobVisibleAfterMs = options.jobVisibleAfterMs ?? 0
  if (
    !Number.isInteger(jobVisibleAfterMs) ||
    jobVisibleAfterMs < 0 ||
    jobVisibleAfterMs > MAX_JOB_VISIBLE_AFTER_MS
  ) {
    throw new RangeError(
      `jobVisibleAfterMs must be an integer from 0 to ${MAX_JOB_VISIBLE_AFTER_MS}, got ${jobVisibleAfterMs}`
    )
  }
  if (options.qboNarrow === true && options.qboCommands !== undefined) {
    throw new RangeError('qboNarrow and qboCommands are alternatives: give one')
  }
  const kindWords = options.qboNarrow === true ? NARROW_QBO_KINDS : options.qboCommands
  const getKinds = kindWords === undefined ? undefined : parseGetKinds(kindWords)
  // Seeded before anything listens, so that a bad key is refused without opening a port.
  const cycleState = seedCycle({
    seed: options.seed,
    apiKey: options.cycleApiKey,
    images: options.cycleImages,
    jobs: options.cycleJobs,
    stateWithoutCurrent: options.cycleStateWithoutCurrent
  })
  const serviceAccount = await serviceAccountFor(options)
  const hub = seedHub({
    seed: options.seed,
    clusters: options.clusters,
    nodesPerCluster: options.nodesPerCluster
  })

  let port = requestedPort
  const qbo = createQboEndpoint({
    hub,
    credentials: { token, serviceAccount },
    stepMs,
    url: () => `ws://${HOST}:${port}/`,
    ...(getKinds === undefined ? {} : { getKinds })
  })
  const cycle = createCycleEndpoint({
    state: cycleState,
    stepMs,
    jobVisibleAfterMs,
    url: () => `http://${HOST}:${port}`
  })
  const mounts: Mount[] = [qbo, cycle]

  const server = createServer((req, res) => {
    if (!mounts.some((mount) => mount.handleRequest?.(req, res) ?? false)) notFound(res)
  })
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client vanishing mid-handshake must not take the process down.
    socket.on('error', () => socket.destroy())
    if (!mounts.some((mount) => mount.handleUpgrade?.(req, socket, head) ?? false)) {
      rejectUpgrade(socket, 404, 'Not Found', { error: 'not found' })
    }
  })
  port = await listen(server, requestedPort)

  let closing: Promise<void> | undefined
  return {
    port,
    qbo: qbo.sandbox,
    cycle: cycle.sandbox,
    faults: {
      qbo: qbo.faults,
      cycle: cycle.faults,
      reset() {
        qbo.faults.reset()
        cycle.faults.reset()
      }
    },
    connection: () => ({
      qbo: {
        url: qbo.sandbox.url,
        token,
        serviceAccount: {
          qbo_uid: { ...serviceAccount.publicJwk },
          qbo_aux: serviceAccount.aux,
          qbo_host: HOST,
          qbo_port: port,
          qbo_user: SANDBOX_USER
        }
      },
      cycle: { url: cycle.sandbox.url, apiKey: cycle.sandbox.apiKey, hubId: cycle.sandbox.hubId },
      cycleKeys: { importer: cycle.sandbox.keys.importer, noManage: cycle.sandbox.keys.noManage }
    }),
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const mount of mounts) mount.close()
        // The callback fires once the listening socket and every connection are gone.
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    }
  }
}
