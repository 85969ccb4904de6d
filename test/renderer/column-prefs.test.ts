import { describe, expect, it } from 'vitest'
import {
  columnChoices,
  moveColumn,
  NO_PREFS,
  orderedColumns,
  setShown,
  visibleColumns
} from '../../src-renderer/lib/column-prefs'

const columns = ['name', 'state', 'control', 'nodes', 'address'].map((id) => ({ id }))
const ids = (list: readonly { id: string }[]): string[] => list.map((c) => c.id)

describe('column preferences', () => {
  it('shows the view’s own columns in their order by default', () => {
    expect(ids(visibleColumns(columns))).toEqual(['name', 'state', 'control', 'nodes', 'address'])
    expect(ids(visibleColumns(columns, NO_PREFS))).toEqual(ids(columns))
  })

  it('hides a column, and shows it again', () => {
    const hidden = setShown(columns, NO_PREFS, 'address', false)
    expect(hidden).toEqual({ hidden: ['address'], order: [] })
    expect(ids(visibleColumns(columns, hidden))).toEqual(['name', 'state', 'control', 'nodes'])
    expect(columnChoices(columns, hidden).find((c) => c.column.id === 'address')?.shown).toBe(false)
    expect(ids(visibleColumns(columns, setShown(columns, hidden, 'address', true)))).toEqual(
      ids(columns)
    )
  })

  it('never hides the name column, even when the stored settings say so', () => {
    expect(setShown(columns, NO_PREFS, 'name', false)).toEqual(NO_PREFS)
    expect(ids(visibleColumns(columns, { hidden: ['name'], order: [] }))[0]).toBe('name')
    expect(columnChoices(columns)[0]).toMatchObject({ locked: true, shown: true })
  })

  it('moves a column up and down, and not past either end', () => {
    const up = moveColumn(columns, NO_PREFS, 'nodes', -1)
    expect(up.order).toEqual(['name', 'state', 'nodes', 'control', 'address'])
    const down = moveColumn(columns, up, 'name', 1)
    expect(ids(orderedColumns(columns, down))).toEqual([
      'state',
      'name',
      'nodes',
      'control',
      'address'
    ])
    expect(moveColumn(columns, NO_PREFS, 'name', -1)).toBe(NO_PREFS)
    expect(moveColumn(columns, NO_PREFS, 'address', 1)).toBe(NO_PREFS)
  })

  it('passes over ids of columns that are gone and places new columns after the arranged ones', () => {
    const stored = { hidden: ['gone', 'state'], order: ['gone', 'address', 'name', 'address'] }
    expect(ids(visibleColumns(columns, stored))).toEqual(['address', 'name', 'control', 'nodes'])
    expect(setShown(columns, NO_PREFS, 'gone', false)).toEqual(NO_PREFS)
    expect(moveColumn(columns, NO_PREFS, 'gone', 1)).toEqual(NO_PREFS)
  })
})
