import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * An action was accepted and the user stayed where they acted: its toast ("Queued: …") leads to
 * the job in Activity. Resolves once Activity shows it.
 */
export async function openAcceptedJob(page: Page): Promise<void> {
  const toast = page.getByTestId('toast').filter({ hasText: /(Already queued|Queued): / })
  await toast.last().getByTestId('toast-open').click()
  await expect.poll(() => page.getByTestId('job-detail').count()).toBe(1)
}
