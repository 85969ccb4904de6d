// `npm run icons`: draws Berth's app icon and tray icons and writes them as PNGs.
// Pure Node (zlib and a tiny PNG encoder), deterministic: the PNGs are committed, CI never runs
// this. The mark is an anchor on a deep-teal rounded square; shapes are plain inside/outside
// tests, anti-aliased by supersampling each pixel on a regular grid.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

// ---------------------------------------------------------------------------------------------
// PNG encoding: 8-bit RGBA, no interlace, filter 0 on every row.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes) {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const out = Buffer.alloc(body.length + 8)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), body.length + 4)
  return out
}

/** `rgba` holds width × height × 4 bytes, row by row. */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 6, 0, 0, 0], 8) // bit depth 8, colour type RGBA, deflate, filter 0, no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ])
}

// ---------------------------------------------------------------------------------------------
// Rendering: a scene maps a point of the unit square to a premultiplied colour [r, g, b, a]
// (0–1); each pixel averages samples × samples points of it.

function render(size, samples, scene) {
  const out = Buffer.alloc(size * size * 4)
  const n = samples * samples
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = scene((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)
          r += c[0]
          g += c[1]
          b += c[2]
          a += c[3]
        }
      }
      const i = (py * size + px) * 4
      const alpha = a / n
      // Back to straight alpha, as PNG stores it.
      out[i] = alpha ? Math.round((r / n / alpha) * 255) : 0
      out[i + 1] = alpha ? Math.round((g / n / alpha) * 255) : 0
      out[i + 2] = alpha ? Math.round((b / n / alpha) * 255) : 0
      out[i + 3] = Math.round(alpha * 255)
    }
  }
  return out
}

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255)
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t)
const CLEAR = [0, 0, 0, 0]
const opaque = (rgb) => [rgb[0], rgb[1], rgb[2], 1]

// Inside tests for the few shapes the mark needs.

function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false
  const cx = Math.min(Math.max(x, x0 + r), x1 - r)
  const cy = Math.min(Math.max(y, y0 + r), y1 - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}

const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r

/** Within `r` of the segment (ax, ay)–(bx, by): a stroke with round caps. */
function inCapsule(x, y, ax, ay, bx, by, r) {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
  return inCircle(x, y, ax + t * dx, ay + t * dy, r)
}

function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const s1 = (bx - ax) * (y - ay) - (by - ay) * (x - ax)
  const s2 = (cx - bx) * (y - by) - (cy - by) * (x - bx)
  const s3 = (ax - cx) * (y - cy) - (ay - cy) * (x - cx)
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0)
}

/**
 * The anchor, in a unit box. `weight` thickens the strokes for small sizes, where the
 * proportions of the large icon would fall below a pixel.
 */
function anchor(weight) {
  const ring = { cx: 0.5, cy: 0.2, r: 0.07 + 0.01 * (weight - 1), t: 0.027 * weight }
  const shank = 0.034 * weight
  const stockY = ring.cy + ring.r + ring.t + 0.07
  const stock = { x0: 0.35, x1: 0.65, y: stockY, t: 0.03 * weight }
  const arc = { cx: 0.5, cy: 0.52, r: 0.29, t: 0.034 * weight, from: 0.36, to: Math.PI - 0.36 }
  const end = (angle) => [arc.cx + arc.r * Math.cos(angle), arc.cy + arc.r * Math.sin(angle)]
  /** An arrowhead at an arm's end, pointing on along the arm (up and outwards). */
  const fluke = (angle) => {
    const [ex, ey] = end(angle)
    const side = Math.sign(Math.cos(angle)) // +1 right arm, -1 left arm
    const [tx, ty] = [side * Math.sin(angle), -Math.abs(Math.cos(angle))]
    const [nx, ny] = [Math.cos(angle), Math.sin(angle)]
    const len = 0.105 * Math.min(weight, 1.3)
    const half = 0.065 * Math.min(weight, 1.3)
    const back = 0.02
    return [
      [ex + tx * len, ey + ty * len],
      [ex + nx * half - tx * back, ey + ny * half - ty * back],
      [ex - nx * half - tx * back, ey - ny * half - ty * back]
    ]
  }
  const right = fluke(arc.from)
  const left = fluke(arc.to)
  return (x, y) => {
    const d = Math.hypot(x - ring.cx, y - ring.cy)
    if (Math.abs(d - ring.r) <= ring.t) return true
    // The shank starts at the ring's outer edge, so its round cap stays within the ring's stroke.
    const top = ring.cy + ring.r + ring.t
    if (inCapsule(x, y, 0.5, top, 0.5, arc.cy + arc.r, shank)) return true
    if (inCapsule(x, y, stock.x0, stock.y, stock.x1, stock.y, stock.t)) return true
    const a = Math.atan2(y - arc.cy, x - arc.cx)
    if (
      a >= arc.from &&
      a <= arc.to &&
      Math.abs(Math.hypot(x - arc.cx, y - arc.cy) - arc.r) <= arc.t
    )
      return true
    return inTriangle(x, y, ...right) || inTriangle(x, y, ...left)
  }
}

const TEAL_TOP = hex('#137d87')
const TEAL_BOTTOM = hex('#0a4c55')
const WHITE = hex('#ffffff')

/** The tile: a rounded square filling [x0, x1]², with a gentle vertical gradient. */
function tile({ x0, x1, radius, top, bottom, mark, markInset }) {
  const span = x1 - x0
  return (x, y) => {
    if (!inRoundRect(x, y, x0, x0, x1, x1, radius * span)) return null
    const u = (x - x0) / span
    const v = (y - x0) / span
    const m = (u - markInset) / (1 - 2 * markInset)
    const n = (v - markInset) / (1 - 2 * markInset)
    if (mark(m, n)) return opaque(WHITE)
    return opaque(mix(top, bottom, v))
  }
}

// ---------------------------------------------------------------------------------------------
// The app icon: 1024 px; electron-builder derives .icns, .ico and the Linux sizes from it.

function appIcon() {
  const face = tile({
    x0: 80 / 1024,
    x1: 944 / 1024,
    radius: 0.225,
    top: TEAL_TOP,
    bottom: TEAL_BOTTOM,
    mark: anchor(1.15),
    markInset: 0.13
  })
  return render(1024, 4, (x, y) => face(x, y) ?? CLEAR)
}

// ---------------------------------------------------------------------------------------------
// Tray icons: the same tile, small, with a state dot in the lower-right corner. A transparent
// gap separates the dot from the tile and a dark rim outlines it, so both read on light and on
// dark panels. Offline greys the tile as well as the dot.

const STATES = {
  online: { dot: hex('#2fb352') },
  syncing: { dot: hex('#3b82f6') },
  offline: { dot: hex('#a3acb5'), top: hex('#6b7680'), bottom: hex('#434c54') },
  attention: { dot: hex('#f5a00b') }
}
const RIM = hex('#111820')

function trayIcon(size, state) {
  const { dot, top = TEAL_TOP, bottom = TEAL_BOTTOM } = STATES[state]
  const face = tile({
    x0: 0.5 / 16,
    x1: 15.5 / 16,
    radius: 0.2,
    top,
    bottom,
    mark: anchor(1.7),
    markInset: 0.06
  })
  const c = 0.76
  const dotR = 0.235
  const rim = 1.1 / 16
  const gap = 1.2 / 16
  return render(size, 8, (x, y) => {
    if (inCircle(x, y, c, c, dotR - rim)) return opaque(dot)
    if (inCircle(x, y, c, c, dotR)) return opaque(RIM)
    if (inCircle(x, y, c, c, dotR + gap)) return CLEAR
    return face(x, y) ?? CLEAR
  })
}

// ---------------------------------------------------------------------------------------------

function write(relative, size, rgba) {
  const file = join(root, relative)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, encodePng(size, size, rgba))
  console.log(`wrote ${relative} (${size}×${size})`)
}

write('build/icon.png', 1024, appIcon())
for (const state of Object.keys(STATES)) {
  write(`resources/tray/${state}.png`, 16, trayIcon(16, state))
  write(`resources/tray/${state}@2x.png`, 32, trayIcon(32, state))
}
