import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** Two frames: a resize has been handled, laid out and drawn (no time guessed). */
export async function settled(page: Page): Promise<void> {
  // A string: it runs in the page, and the test project has no DOM types.
  await page.evaluate(
    'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))'
  )
}

/** One place of the app: how to get there from anywhere and know it has drawn its content. */
export interface Stop {
  name: string
  go: (page: Page) => Promise<void>
}

const rows = (page: Page) => page.getByTestId('row')
const someRows = async (page: Page): Promise<void> => {
  await expect.poll(() => rows(page).count()).toBeGreaterThan(0)
  await expect.poll(() => page.getByTestId('row-pending').count()).toBe(0)
}
const nav = (id: string) => async (page: Page) => {
  await page.getByTestId(`nav-${id}`).click()
}
const tab = (id: string) => async (page: Page) => {
  await page.getByTestId(`tab-${id}`).click()
  await expect.poll(() => page.getByTestId(`tab-${id}`).getAttribute('aria-selected')).toBe('true')
}

/** A dialog opened from a view: whatever dialog is open is closed first (Escape). */
const dialogStop = (name: string, view: string, button: string): Stop => ({
  name,
  go: async (page) => {
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
    await nav(view)(page)
    await page.getByTestId(button).click()
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1)
  }
})

/**
 * Every view and detail with both sandboxes configured, in an order where each stop starts from
 * the one before (a detail from its list, a tab from its detail). Found by test ids and structure,
 * not by the words on screen, so renaming a view does not lose it.
 */
export const TOUR: readonly Stop[] = [
  {
    name: 'nodes',
    go: async (page) => {
      await nav('nodes')(page)
      await someRows(page)
    }
  },
  {
    name: 'node-detail',
    go: async (page) => {
      await rows(page).first().click()
      await expect.poll(() => page.getByTestId('node-detail').count()).toBe(1)
    }
  },
  {
    name: 'clusters',
    go: async (page) => {
      await nav('clusters')(page)
      await someRows(page)
    }
  },
  {
    name: 'cluster-detail',
    go: async (page) => {
      await rows(page).filter({ hasText: 'running' }).first().click()
      await expect.poll(() => page.getByTestId('cluster-state').count()).toBe(1)
      await tab('nodes')(page)
      await someRows(page)
    }
  },
  {
    name: 'cluster-pods',
    go: async (page) => {
      await tab('pods')(page)
      await someRows(page)
    }
  },
  {
    name: 'cluster-services',
    go: async (page) => {
      await tab('services')(page)
      await someRows(page)
    }
  },
  { name: 'cluster-load-balancers', go: tab('load-balancers') },
  { name: 'cluster-network', go: tab('network') },
  {
    name: 'images',
    go: async (page) => {
      await nav('images')(page)
      await someRows(page)
    }
  },
  {
    name: 'networks',
    go: async (page) => {
      await nav('networks')(page)
      await someRows(page)
    }
  },
  {
    name: 'cycle-images',
    go: async (page) => {
      await nav('cycle-images')(page)
      await someRows(page)
    }
  },
  {
    name: 'cycle-image-detail',
    go: async (page) => {
      // The failed one: its error and red state are the hardest to draw legibly.
      await rows(page)
        .filter({ has: page.locator('[data-tone="danger"]') })
        .first()
        .click()
      await expect.poll(() => page.getByTestId('image-state').count()).toBe(1)
    }
  },
  {
    name: 'cycle-sources',
    go: async (page) => {
      await nav('cycle-sources')(page)
      await someRows(page)
    }
  },
  {
    name: 'hub-jobs',
    go: async (page) => {
      await nav('cycle-jobs')(page)
      await expect.poll(() => page.getByTestId('cycle-job').count()).toBeGreaterThan(0)
    }
  },
  {
    name: 'hub-job-panel',
    go: async (page) => {
      await page.getByTestId('cycle-job-open').first().click()
      await expect.poll(() => page.getByTestId('hub-job-facts').count()).toBe(1)
    }
  },
  {
    name: 'activity',
    go: async (page) => {
      await nav('jobs')(page)
      await expect.poll(() => page.getByTestId('job').count()).toBeGreaterThan(0)
      await page.getByTestId('job').first().click()
      await expect.poll(() => page.getByTestId('job-detail').count()).toBe(1)
    }
  },
  {
    name: 'notifications',
    go: async (page) => {
      await nav('notifications')(page)
      await expect.poll(() => page.getByTestId('notification').count()).toBeGreaterThan(0)
    }
  },
  {
    name: 'settings',
    go: async (page) => {
      await page.getByTestId('nav-settings').click()
      await expect.poll(() => page.getByTestId('settings-appearance').count()).toBe(1)
    }
  },
  {
    name: 'add-account',
    go: async (page) => {
      await page.getByTestId('add-account').click()
      await expect.poll(() => page.getByRole('dialog').count()).toBe(1)
    }
  },
  dialogStop('new-cluster', 'clusters', 'new-cluster'),
  dialogStop('build-image', 'cycle-images', 'build-image'),
  dialogStop('prune-images', 'cycle-images', 'prune-images'),
  dialogStop('new-source', 'cycle-sources', 'new-source')
]
