// The raw floor: the same server pages fetched with fetch/ws, JSON.parse, and one prepared-insert
// transaction into a plain table. No validation, no diff, no second connection: what any client
// must at least spend to hold the same data.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { WebSocket } from 'ws'

/** Berth's full qbo refresh: one `get … -A` per payload (src-main/providers/qbo/commands.ts). */
const QBO_COMMANDS = [
  ['clusters', 'get clusters -A'],
  ['nodes', 'get nodes -A'],
  ['images', 'get images'],
  ['networks', 'get networks -A'],
  ['pods', 'get pods -A'],
  ['services', 'get services -A'],
  ['ipvs', 'get ipvs -A']
]
const CYCLE_PAGE = 100
const CYCLE_JOBS = 200

/**
 * The sorts Berth's nodes and pods lists offer, as the columns of the index each needs
 * (migrations 001–009 hold Berth's own: seven per table, natural-order keys aside).
 */
const SORT_INDEXES = {
  nodes: [
    ['name'],
    ['cluster', 'name'],
    ['state', 'name'],
    ['address', 'name'],
    ['image', 'name'],
    ['cluster_id', 'name'],
    ['name', 'id']
  ],
  pods: [
    ['name'],
    ['cluster', 'name'],
    ['namespace', 'name'],
    ['node', 'name'],
    ['status', 'name'],
    ['cluster_id', 'name'],
    ['name', 'id']
  ]
}

/**
 * What the floor stores: every item as one row of one plain table. With `sortable`, the large
 * kinds instead get a table of their own with their fields as columns and, once filled, an
 * index per sort Berth offers: a reference for what keeping those lists sortable costs anyone.
 */
function store(batches, { sortable = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'berth-floor-'))
  const db = new Database(join(dir, 'floor.sqlite'))
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.exec('CREATE TABLE rows (kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL)')
    const insert = db.prepare('INSERT INTO rows (kind, key, body) VALUES (?, ?, ?)')
    const counts = {}
    db.transaction(() => {
      for (const [kind, items] of batches) {
        const indexes = sortable ? SORT_INDEXES[kind] : undefined
        if (indexes) storeSortable(db, kind, items, indexes)
        else {
          for (const item of items)
            insert.run(kind, String(item.id ?? item.name), JSON.stringify(item))
        }
        counts[kind] = items.length
      }
    })()
    return counts
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

function storeSortable(db, kind, items, indexes) {
  const columns = [...new Set(indexes.flat())]
  db.exec(`CREATE TABLE ${kind} (${columns.join(', ')}, body TEXT NOT NULL)`)
  const insert = db.prepare(`INSERT INTO ${kind} VALUES (${columns.map(() => '?').join(', ')}, ?)`)
  for (const item of items) {
    insert.run(...columns.map((c) => item[c] ?? null), JSON.stringify(item))
  }
  indexes.forEach((on, i) => db.exec(`CREATE INDEX ${kind}_${i} ON ${kind} (${on.join(', ')})`))
}

/** Which contract list holds each kind the floor stored. */
const LISTS = {
  qbo: {
    clusters: 'clusters.list',
    nodes: 'nodes.list',
    images: 'images.list',
    networks: 'networks.list',
    pods: 'pods.list',
    services: 'services.list',
    ipvs: 'loadBalancers.list'
  },
  cycle: { images: 'cycleImages.list', sources: 'cycleSources.list', jobs: 'cycleJobs.list' }
}

/** What the floor stored, as the totals Berth's lists must reach once it has synced. */
function expectations(platform, counts) {
  return Object.entries(counts).map(([kind, total]) => ({
    kind: `${platform} ${kind}`,
    method: LISTS[platform][kind],
    total
  }))
}

/**
 * Every refresh command sent at once over one socket; the replies parsed, then stored (with
 * `sortable`, as store() says).
 */
export async function qboFloor({ url, token }, { sortable = false } = {}) {
  const ws = new WebSocket(url, 'qbo', { headers: { Cookie: `qbo_uid=${token}; qbo_aux=` } })
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  const replies = new Map()
  const all = new Promise((resolve) => {
    ws.on('message', (data) => {
      const reply = JSON.parse(String(data))
      replies.set(reply.uuid, reply)
      if (QBO_COMMANDS.every(([kind]) => replies.has(kind))) resolve()
    })
  })
  for (const [kind, cmd] of QBO_COMMANDS) ws.send(JSON.stringify({ cmd, uuid: kind }))
  await all
  ws.terminate()
  const counts = store(
    QBO_COMMANDS.map(([kind]) => [kind, replies.get(kind)[kind] ?? []]),
    { sortable }
  )
  return expectations('qbo', counts)
}

async function pages(base, headers, path, query, limit = Infinity) {
  const items = []
  for (let number = 1; items.length < limit; number++) {
    const response = await fetch(
      `${base}${path}?${query}&page[size]=${CYCLE_PAGE}&page[number]=${number}`,
      { headers }
    )
    const { data } = JSON.parse(await response.text())
    items.push(...data)
    if (data.length < CYCLE_PAGE) break
  }
  return items
}

/** Images, sources and the latest jobs, as Berth's Cycle sync asks for them (includes too), page after page. */
export async function cycleFloor({ url, apiKey, hubId }) {
  const headers = { Authorization: `Bearer ${apiKey}`, 'X-Hub-Id': hubId }
  const images = await pages(
    url,
    headers,
    '/v1/images',
    'meta=containers_count&include=creators,integrations'
  )
  const sources = await pages(
    url,
    headers,
    '/v1/images/sources',
    'meta=images_count&include=creators,integrations'
  )
  const jobs = await pages(url, headers, '/v1/jobs', 'sort=-id&include=creators', CYCLE_JOBS)
  const counts = store([
    ['images', images],
    ['sources', sources],
    ['jobs', jobs]
  ])
  return expectations('cycle', counts)
}
