import { describe, expect, it, vi } from 'vitest'
import type { CycleImageRow } from '@contract'
import {
  activeFilters,
  filterInput,
  IMAGE_STATE_OPTIONS,
  JOB_STATE_OPTIONS,
  SOURCE_ORIGIN_OPTIONS
} from '../../src-renderer/lib/cycle-filters'
import { ResourceList } from '../../src-renderer/lib/stores/resource-list.svelte'
import { fakeApi, ok, page } from './fake-transport'

describe('Cycle list filters', () => {
  it('sends only the filters chosen: "any" is left out', () => {
    expect(filterInput({ state: 'live', sourceId: '', origin: undefined })).toEqual({
      state: 'live'
    })
    expect(activeFilters({ state: 'live', sourceId: 'abc' })).toBe(2)
    expect(activeFilters({ state: '' })).toBe(0)
  })

  it('offers "any" first, then the values the API documents', () => {
    expect(IMAGE_STATE_OPTIONS[0]).toEqual({ value: '', label: 'Any state' })
    expect(IMAGE_STATE_OPTIONS.map((o) => o.value)).toContain('new')
    expect(SOURCE_ORIGIN_OPTIONS.map((o) => o.value)).toEqual([
      '',
      'docker-hub',
      'docker-registry',
      'oci-registry',
      'docker-file',
      'cycle-upload',
      'cycle-source',
      'none'
    ])
    expect(JOB_STATE_OPTIONS.map((o) => o.value)).toContain('completed')
  })

  it('puts a list’s filters in its queries and starts again from the top when they change', async () => {
    const { api, transport } = fakeApi({
      'cycleImages.list': () => ok(page<CycleImageRow>([], 0, 0))
    })
    const list = new ResourceList(api, 'cycleImages.list')
    const stop = list.start()
    await vi.waitFor(() => expect(list.total).toBe(0))
    const query = list.queryId
    list.setFilters({ state: 'new', sourceId: 'src-1' })
    expect(list.queryId).toBe(query + 1)
    expect(transport.lastListCall('cycleImages.list')).toEqual({
      offset: 0,
      limit: 100,
      state: 'new',
      sourceId: 'src-1'
    })
    list.setSearch('web')
    list.setFilters({ state: '', sourceId: 'src-1' })
    expect(transport.lastListCall('cycleImages.list')).toEqual({
      offset: 0,
      limit: 100,
      search: 'web',
      sourceId: 'src-1'
    })
    stop()
  })
})
