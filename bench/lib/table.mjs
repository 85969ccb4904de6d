// One table: figure, target, value, and whether the value is within the target.
const MB = 1024 * 1024

export const ms = (v) =>
  Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : 'n/a'
export const mb = (v) => (Number.isFinite(v) ? `${Math.round(v / MB)} MB` : 'n/a')
export const ratio = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : 'n/a')

export class Table {
  rows = []

  /** `limit`: the largest value within the target (undefined: a reference figure, no target). */
  add(figure, target, value, shown, limit) {
    const status =
      limit === undefined ? '' : !Number.isFinite(value) ? 'n/a' : value <= limit ? 'ok' : 'MISS'
    this.rows.push([figure, target, shown, status])
  }

  failed(figure, target, why) {
    this.rows.push([figure, target, `failed: ${why}`.slice(0, 160), 'n/a'])
  }

  toString() {
    const header = ['Figure', 'Target', 'Value', 'Status']
    const widths = header.map((h, i) => Math.max(h.length, ...this.rows.map((r) => r[i].length)))
    const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
    return [line(header), line(widths.map((w) => '-'.repeat(w))), ...this.rows.map(line)].join('\n')
  }
}
