import { hex } from '../qbo/random'
import type { Random } from '../qbo/random'
import type { ImageConfig, ImageOrigin } from './types'

/** What an imported image turns out to contain, picked by the name of what was imported. */
interface Flavor {
  match: RegExp
  /** Approximate flattened size in MB (10^6 bytes); each import varies it a little. */
  sizeMb: number
  config: Partial<ImageConfig>
}

const FLAVORS: Flavor[] = [
  {
    match: /nginx/,
    sizeMb: 187,
    config: {
      ports: [{ host: 80, container: 80, type: 'tcp' }],
      env: { NGINX_VERSION: '1.27.3', NJS_VERSION: '0.8.7', PKG_RELEASE: '1~bookworm' },
      labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
      command: ['nginx', '-g', 'daemon off;'],
      entrypoint: ['/docker-entrypoint.sh'],
      signal_stop: 'SIGQUIT'
    }
  },
  {
    match: /postgres/,
    sizeMb: 245,
    config: {
      user: 'postgres',
      ports: [{ host: 5432, container: 5432, type: 'tcp' }],
      env: { PG_MAJOR: '16', PGDATA: '/var/lib/postgresql/data' },
      command: ['postgres'],
      entrypoint: ['docker-entrypoint.sh'],
      volumes: [{ path: '/var/lib/postgresql/data', mode: 'rw' }],
      signal_stop: 'SIGINT'
    }
  },
  {
    match: /storefront|node/,
    sizeMb: 212,
    config: {
      user: 'node',
      ports: [{ host: 3000, container: 3000, type: 'tcp' }],
      env: { NODE_ENV: 'production', NODE_VERSION: '20.18.1', PORT: '3000' },
      labels: { 'org.opencontainers.image.source': 'https://github.com/berth-sandbox/storefront' },
      command: ['node', 'dist/server.js'],
      entrypoint: ['docker-entrypoint.sh'],
      volumes: [{ path: '/app/uploads', mode: 'rw' }],
      workdir: '/app'
    }
  },
  {
    match: /worker/,
    sizeMb: 96,
    config: {
      user: '65532:65532',
      env: { WORKER_CONCURRENCY: '4', LOG_FORMAT: 'json' },
      command: ['/usr/local/bin/worker', 'run'],
      volumes: [{ path: '/var/cache/worker', mode: 'rw' }],
      workdir: '/'
    }
  }
]

const GENERIC: Flavor = { match: /.*/, sizeMb: 64, config: { command: ['/bin/sh'] } }

/** A freshly created image knows nothing of its contents yet. */
export function emptyConfig(): ImageConfig {
  return {
    user: '',
    ports: [],
    env: {},
    labels: {},
    command: [],
    entrypoint: [],
    volumes: [],
    workdir: '',
    signal_stop: ''
  }
}

/** What the import is fetching: the override, else the origin's own target or repository. */
export function targetOf(origin: ImageOrigin, override?: { target?: string; targz_url?: string }) {
  if (
    origin.type === 'docker-hub' ||
    origin.type === 'docker-registry' ||
    origin.type === 'oci-registry'
  ) {
    return override?.target ?? origin.details.target
  }
  if (origin.type === 'cycle-upload') return 'file.tar'
  if (origin.type === 'docker-file') {
    return override?.targz_url ?? origin.details.targz_url ?? origin.details.repo?.url ?? 'repo'
  }
  return 'image'
}

/** Decimal megabytes, as Docker and registries count them and as Berth's lists show sizes. */
const MB = 1_000_000

/** "96.4 MB", "212 MB": the rounding Berth's lists use, so the log and the list say the same. */
export const megabytes = (bytes: number): string => {
  const mb = bytes / MB
  return `${mb < 99.95 ? mb.toFixed(1) : Math.round(mb)} MB`
}

export function imported(name: string, rand: Random): { config: ImageConfig; size: number } {
  const flavor = FLAVORS.find((f) => f.match.test(name)) ?? GENERIC
  const config = { ...emptyConfig(), ...structuredClone(flavor.config) }
  const size = Math.round((flavor.sizeMb * (0.92 + rand() * 0.16) + rand()) * MB)
  return { config, size }
}

/** The six steps of Cycle's `image.import` task, each with the lines it adds to the build log. */
export const IMPORT_STEPS = [
  ['Preparing', 'Preparing the factory for the import.'],
  ['Importing', 'Fetching the image or its sources.'],
  ['Building', 'Building and flattening the image.'],
  ['Verifying', 'Verifying the image and its configuration.'],
  ['Saving', 'Saving the image to storage.'],
  ['Cleaning', 'Cleaning up the build workspace.']
] as const

function fetchLines(origin: ImageOrigin, target: string, rand: Random): string[] {
  const digest = `sha256:${hex(rand, 64)}`
  if (origin.type === 'docker-file') {
    const branch = origin.details.repo?.branch ?? 'master'
    return [`Cloning ${target} (branch ${branch})`, `Checked out commit ${hex(rand, 40)}`]
  }
  if (origin.type === 'cycle-upload') {
    return [`Receiving ${target} uploaded to the factory`, `Digest: ${digest}`]
  }
  const from =
    origin.type === 'docker-registry' || origin.type === 'oci-registry'
      ? origin.details.url
      : 'Docker Hub'
  return [
    `Pulling ${target} from ${from}`,
    ...Array.from({ length: 3 }, () => `${hex(rand, 12)}: Pull complete`),
    `Digest: ${digest}`,
    `Status: Downloaded newer image for ${target}`
  ]
}

function buildLines(origin: ImageOrigin, args: Record<string, string>, rand: Random): string[] {
  if (origin.type !== 'docker-file') {
    return ['Flattening 4 layers into a single OCI image', `Flattened image ${hex(rand, 12)}`]
  }
  const argLines = Object.keys(args).map((key) => `ARG ${key}`)
  const steps = [
    'FROM node:20-alpine AS build',
    ...argLines,
    'WORKDIR /app',
    'COPY package*.json ./',
    'RUN npm ci',
    'COPY . .',
    'RUN npm run build',
    'CMD ["node", "dist/server.js"]'
  ]
  return [
    ...steps.map((step, i) => `Step ${i + 1}/${steps.length} : ${step}`),
    `Successfully built ${hex(rand, 12)}`
  ]
}

export interface LogContext {
  imageId: string
  origin: ImageOrigin
  target: string
  args: Record<string, string>
  size: number
  rand: Random
}

/** Build-log lines written when the given import step starts. */
export function stepLog(step: number, ctx: LogContext): string[] {
  switch (step) {
    case 0:
      return [`Import of image ${ctx.imageId} accepted`, `Factory node ${hex(ctx.rand, 24)} ready`]
    case 1:
      return fetchLines(ctx.origin, ctx.target, ctx.rand)
    case 2:
      return buildLines(ctx.origin, ctx.args, ctx.rand)
    case 3:
      return ['Verifying image configuration', `Image size ${megabytes(ctx.size)}`]
    case 4:
      return ['Uploading image to storage', 'Upload complete']
    default:
      return ['Cleaning up build workspace', 'Import complete']
  }
}
