import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  LinearScale,
  Tooltip
} from 'chart.js'
import type { Slice } from './overview'
import type { Tone } from './state-tone'

// Loaded only when the Overview draws (components/overview/OverviewChart.svelte imports it
// dynamically), and only the pieces it draws with are registered, so the rest of Chart.js is
// shaken out of the bundle.
Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  LinearScale,
  Tooltip
)

export type ChartKind = 'doughnut' | 'bar'

/** A state's colour is its tone's theme variable, as on every badge; other bars take the accent. */
const TONE_VAR: Record<Tone, string> = {
  good: '--good',
  active: '--active',
  busy: '--active',
  idle: '--idle',
  warn: '--warn',
  danger: '--danger'
}

function themeColour(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888'
}

const colours = (slices: readonly Slice[]): string[] =>
  slices.map((s) => themeColour(s.tone === null ? '--accent' : TONE_VAR[s.tone]))

export interface DrawnChart {
  update(slices: readonly Slice[]): void
  /** The theme changed: take its colours again. */
  restyle(): void
  destroy(): void
}

/**
 * Draws `slices` on `canvas`. A click on a bar or slice calls `onPick` with its index; the same
 * figures are links in the table beside the chart, which is also what screen readers read.
 */
export function drawChart(
  canvas: HTMLCanvasElement,
  kind: ChartKind,
  initial: readonly Slice[],
  onPick: (index: number) => void
): DrawnChart {
  let slices = initial
  const text = () => themeColour('--text-muted')
  const grid = () => themeColour('--border')
  const chart = new Chart(canvas, {
    type: kind,
    data: {
      labels: slices.map((s) => s.label),
      datasets: [
        {
          data: slices.map((s) => s.count),
          backgroundColor: colours(slices),
          borderColor: themeColour('--bg'),
          borderWidth: kind === 'doughnut' ? 2 : 0,
          borderRadius: kind === 'bar' ? 3 : 0,
          maxBarThickness: 22
        }
      ]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      ...(kind === 'bar' && { indexAxis: 'y' as const }),
      ...(kind === 'doughnut' && { cutout: '62%' }),
      scales:
        kind === 'bar'
          ? {
              x: {
                beginAtZero: true,
                ticks: { color: text(), precision: 0 },
                grid: { color: grid() }
              },
              y: { ticks: { color: text() }, grid: { display: false } }
            }
          : {},
      plugins: { tooltip: { enabled: true } },
      onHover: (event, elements) => {
        const target = event.native?.target
        if (target instanceof HTMLElement) target.style.cursor = elements.length ? 'pointer' : ''
      },
      onClick: (_event, elements) => {
        const hit = elements[0]
        if (hit) onPick(hit.index)
      }
    }
  })

  const restyle = (): void => {
    const dataset = chart.data.datasets[0]!
    dataset.backgroundColor = colours(slices)
    dataset.borderColor = themeColour('--bg')
    const scales = chart.options.scales as Record<
      string,
      { ticks?: { color?: string }; grid?: { color?: string } }
    >
    for (const scale of Object.values(scales ?? {})) {
      if (scale.ticks) scale.ticks.color = text()
      if (scale.grid?.color) scale.grid.color = grid()
    }
    chart.update()
  }

  return {
    update(next) {
      slices = next
      chart.data.labels = next.map((s) => s.label)
      chart.data.datasets[0]!.data = next.map((s) => s.count)
      restyle()
    },
    restyle,
    destroy: () => chart.destroy()
  }
}
