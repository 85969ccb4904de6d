import type { CycleImageRow, CycleSourceRow } from '@contract'
import type { Column } from './columns'
import { formatBytes } from './format'
import { cycleImageLook, cycleImageTone } from './state-tone'
import type { SortFieldOf } from './stores/resource-list.svelte'

export const CYCLE_IMAGE_COLUMNS: Column<CycleImageRow, SortFieldOf<'cycleImages.list'>>[] = [
  { id: 'name', label: 'Name', value: (i) => i.name || i.id, sortField: 'name' },
  {
    id: 'state',
    label: 'State',
    // A failed import leaves the image `new` with an error: it reads "failed" (cycleImageLook).
    value: (i) => cycleImageLook(i.state, i.error).word,
    sortField: 'state',
    kind: 'badge',
    rowTone: (i) => cycleImageLook(i.state, i.error).tone,
    title: (i) => i.error ?? undefined
  },
  {
    id: 'size',
    label: 'Size',
    value: (i) => formatBytes(i.size),
    sortField: 'size',
    kind: 'number',
    title: (i) => `${i.size} bytes`
  },
  { id: 'source', label: 'Source', value: (i) => i.sourceName, title: (i) => i.sourceType },
  { id: 'creator', label: 'Creator', value: (i) => i.creator },
  {
    id: 'containers',
    label: 'Containers',
    value: (i) => i.containers,
    sortField: 'containers',
    kind: 'number'
  },
  {
    id: 'created',
    label: 'Created',
    value: (i) => i.createdAt,
    sortField: 'createdAt',
    kind: 'time'
  }
]

export const CYCLE_SOURCE_COLUMNS: Column<CycleSourceRow, SortFieldOf<'cycleSources.list'>>[] = [
  { id: 'name', label: 'Name', value: (s) => s.name || s.id, sortField: 'name' },
  { id: 'type', label: 'Type', value: (s) => s.type, sortField: 'type' },
  { id: 'origin', label: 'Origin', value: (s) => s.origin, kind: 'mono', title: (s) => s.origin },
  {
    id: 'state',
    label: 'State',
    value: (s) => s.state,
    sortField: 'state',
    kind: 'badge',
    // Sources share images' lifecycle words: live, deleting, deleted.
    tone: (state) => cycleImageTone(state)
  },
  { id: 'images', label: 'Images', value: (s) => s.images, sortField: 'images', kind: 'number' },
  { id: 'creator', label: 'Creator', value: (s) => s.creator ?? '' }
]
