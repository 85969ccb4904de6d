import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AxeResults, ImpactValue } from 'axe-core'
import type { Page } from 'playwright-core'

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8'
)

const BLOCKING: readonly ImpactValue[] = ['serious', 'critical']

/**
 * axe-core over the page as it is now: every serious or critical violation, one readable line per
 * element ("where: rule (impact) — what to fix"). Injected through evaluate, which the page's CSP
 * does not govern (a script tag would be refused, rightly).
 */
export async function seriousViolations(page: Page, where: string): Promise<string[]> {
  // Strings: this code runs in the page, and the test project has no DOM types.
  if (!(await page.evaluate("'axe' in window"))) await page.evaluate(AXE_SOURCE)
  const results = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] })"
  )) as AxeResults
  return results.violations
    .filter((v) => v.impact && BLOCKING.includes(v.impact))
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${where}: ${v.id} (${v.impact}) at ${n.target.join(' ')} — ${(n.failureSummary ?? v.help)
            .replace(/\s+/g, ' ')
            .trim()}`
      )
    )
}
