import { naturalCompare } from './natural-order'

/**
 * Reads a Cycle image config (the server's object, passed through as is) into what the image
 * detail shows. Every field may be missing or of an unexpected shape; those read as empty.
 */

export interface PortMapping {
  host: string
  container: string
  type: string
}

export interface VolumeMount {
  path: string
  mode: string
}

export interface ImageConfigView {
  ports: PortMapping[]
  /** Sorted by name. */
  env: [string, string][]
  volumes: VolumeMount[]
  command: string[]
  entrypoint: string[]
  workdir: string
  user: string
  signalStop: string
  labels: [string, string][]
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''

const words = (value: unknown): string[] => {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value]
  return Array.isArray(value) ? value.map(text).filter((w) => w !== '') : []
}

const pairs = (value: unknown): [string, string][] =>
  isRecord(value)
    ? Object.entries(value)
        .map(([k, v]): [string, string] => [k, text(v)])
        .sort(([a], [b]) => naturalCompare(a, b))
    : []

/** `{host, container, type}`, or Docker's "8080:80/tcp". */
function port(value: unknown): PortMapping | null {
  if (isRecord(value)) {
    const mapping = {
      host: text(value.host),
      container: text(value.container),
      type: text(value.type)
    }
    return mapping.host || mapping.container ? mapping : null
  }
  const match = typeof value === 'string' ? /^(?:(\d+):)?(\d+)(?:\/(\w+))?$/.exec(value) : null
  if (!match) return null
  return { host: match[1] ?? '', container: match[2] ?? '', type: match[3] ?? '' }
}

function volume(value: unknown): VolumeMount | null {
  if (typeof value === 'string') return value ? { path: value, mode: '' } : null
  if (!isRecord(value) || !text(value.path)) return null
  return { path: text(value.path), mode: text(value.mode) }
}

const list = <T>(value: unknown, read: (item: unknown) => T | null): T[] =>
  Array.isArray(value) ? value.map(read).filter((item): item is T => item !== null) : []

export function readImageConfig(config: Record<string, unknown> | null): ImageConfigView | null {
  if (!config) return null
  return {
    ports: list(config.ports, port),
    env: pairs(config.env),
    volumes: list(config.volumes, volume),
    command: words(config.command),
    entrypoint: words(config.entrypoint),
    workdir: text(config.workdir),
    user: text(config.user),
    signalStop: text(config.signal_stop),
    labels: pairs(config.labels)
  }
}

/** A command line as a shell would read it back: words with spaces or quotes are quoted. */
export function commandLine(parts: readonly string[]): string {
  return parts
    .map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replaceAll("'", `'\\''`)}'`))
    .join(' ')
}

/** A volume's mode in words. */
export function modeWords(mode: string): string {
  return mode === 'ro' ? 'read-only' : mode === 'rw' ? 'read-write' : mode
}
