import { expect, it } from 'vitest'
import { upsertAccount } from '../../src-main/cache/accounts'
import { imageStateHistory } from '../../src-main/cache/cycle-image-detail'
import { openDatabase } from '../../src-main/cache/db'
import { tempDir } from '../support/temp-dir'

it('orders an image’s states by time, whatever number of fraction digits Cycle wrote', () => {
  const dir = tempDir()
  const db = openDatabase(`${dir.path}/cache.sqlite`)
  try {
    upsertAccount(db, { id: 'h', kind: 'cycle', name: 'h', endpoint: 'http://h' })
    const seen = db.prepare(
      `INSERT INTO cycle_image_states (account_id, image_id, state, changed, seen_at)
       VALUES ('h', 'i', ?, ?, 1)`
    )
    // As Go's RFC3339Nano writes them: trailing zeros of the fraction dropped.
    seen.run('new', '2026-11-26T21:34:30.9Z')
    seen.run('verifying', '2026-11-26T21:34:31.5Z')
    seen.run('live', '2026-11-26T21:34:31.516Z')
    expect(imageStateHistory(db, 'h', 'i').map((h) => h.state)).toEqual([
      'live',
      'verifying',
      'new'
    ])
  } finally {
    db.close()
    dir.remove()
  }
})
