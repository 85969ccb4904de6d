import { readFile, realpath, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

/** The same policy the Electron window enforces; connect-src 'self' covers the same-origin socket. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/**
 * The real file a URL path names under `root`, or null. Checked twice: the path as written (no
 * `..` out), then the path with every symlink followed, so a link inside the folder cannot hand
 * out a file elsewhere on the disk.
 */
async function fileUnder(root: string, urlPath: string): Promise<string | null> {
  let relative: string
  try {
    relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)
  } catch {
    return null
  }
  const base = resolve(root)
  const file = normalize(join(base, relative))
  if (!relative || !file.startsWith(base + sep)) return null
  try {
    const [realBase, realFile] = await Promise.all([realpath(base), realpath(file)])
    if (!realFile.startsWith(realBase + sep)) return null
    return (await stat(realFile)).isFile() ? realFile : null
  } catch {
    return null
  }
}

/**
 * The build names what it emits under assets/ by content (`mount-app-B0UaqBOh.js`): such a name
 * never holds other bytes, so the browser may keep it for good and the server need read it once.
 */
const HASHED_ASSET = /^\/assets\/[\w.-]+-[\w-]{8}\.(?:js|css|svg|png|woff2)$/

interface Served {
  body: Buffer
  type: string
  cacheControl: string
}

/** Hashed assets already read, per root: the page's scripts leave memory, not the disk. */
const kept = new Map<string, Map<string, Served>>()

async function load(root: string, urlPath: string): Promise<Served | null> {
  const hashed = HASHED_ASSET.test(urlPath)
  const known = hashed ? kept.get(root)?.get(urlPath) : undefined
  if (known) return known
  const file = await fileUnder(root, urlPath)
  const body = file ? await readFile(file).catch(() => null) : null
  if (!file || !body) return null
  const served: Served = {
    body,
    type: types[extname(file)] ?? 'application/octet-stream',
    cacheControl: hashed
      ? 'public, max-age=31536000, immutable'
      : extname(file) === '.html'
        ? 'no-store'
        : 'max-age=3600'
  }
  if (hashed) {
    let files = kept.get(root)
    if (!files) kept.set(root, (files = new Map()))
    files.set(urlPath, served)
  }
  return served
}

/** Serves the built renderer; never a file outside `root`. */
export async function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse
): Promise<void> {
  const served = await load(root, urlPath)
  if (!served) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found')
    return
  }
  res.writeHead(200, {
    'content-type': served.type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': served.cacheControl
  })
  res.end(served.body)
}
