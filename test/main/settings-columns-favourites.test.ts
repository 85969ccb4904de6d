import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SettingsStore } from '../../src-main/store/settings-store'
import { openStores } from '../support/agent'
import { tempDir } from '../support/temp-dir'

/** The settings document as Berth wrote it before columns and favourites existed. */
const older = {
  theme: 'dark',
  closeToTray: false,
  refreshIntervalSec: 120,
  notifications: {
    paused: true,
    kinds: { job: true, resource: false, account: true, outbox: true }
  }
}

describe('column and favourite settings', () => {
  let dir: ReturnType<typeof tempDir>
  let stores: ReturnType<typeof openStores>

  beforeEach(() => {
    dir = tempDir()
    stores = openStores(dir.path)
  })
  afterEach(() => {
    stores.close()
    dir.remove()
  })

  const write = (doc: unknown): void => {
    stores.state
      .prepare('INSERT OR REPLACE INTO settings (id, value) VALUES (1, ?)')
      .run(JSON.stringify(doc))
  }

  it('gives an older document no hidden columns and no favourites, keeping what it had', () => {
    write(older)
    const store = new SettingsStore(stores.state)
    expect(store.damage).toBeNull()
    expect(store.get()).toEqual({ ...older, columns: {}, favourites: [] })
  })

  it('keeps each list’s columns apart and remembers them across a restart', () => {
    const store = new SettingsStore(stores.state)
    store.update({ columns: { clusters: { hidden: ['address'], order: [] } } })
    store.update({ columns: { nodes: { hidden: [], order: ['state', 'name'] } } })
    store.update({
      favourites: [{ kind: 'cluster', accountId: 'qbo:Lab', key: 'alpha', name: 'alpha' }]
    })
    const again = new SettingsStore(stores.state).get()
    expect(again.columns).toEqual({
      clusters: { hidden: ['address'], order: [] },
      nodes: { hidden: [], order: ['state', 'name'] }
    })
    expect(again.favourites).toEqual([
      { kind: 'cluster', accountId: 'qbo:Lab', key: 'alpha', name: 'alpha' }
    ])
  })

  it('refuses a favourite of an unknown kind and a list id that is not one', () => {
    const store = new SettingsStore(stores.state)
    expect(() =>
      store.update({
        favourites: [{ kind: 'pod' as 'cluster', accountId: 'a', key: 'k', name: 'n' }]
      })
    ).toThrow()
    expect(() => store.update({ columns: { 'Not A List!': { hidden: [], order: [] } } })).toThrow()
    expect(store.get().favourites).toEqual([])
  })
})
