// The lists the page sorts itself read in natural order, like the agent's: tier-9 before tier-10.
import { describe, expect, it } from 'vitest'
import { readImageConfig } from '../../src-renderer/lib/cycle-config'
import { sortedLabels } from '../../src-renderer/lib/cycle-facts'
import { naturalCompare } from '../../src-renderer/lib/natural-order'
import { nodeFields } from '../../src-renderer/lib/node-fields'

describe('natural order in the page', () => {
  it('compares numbers by value, without case, and is total', () => {
    expect(['cluster-30', 'cluster-100', 'cluster-5'].sort(naturalCompare)).toEqual([
      'cluster-5',
      'cluster-30',
      'cluster-100'
    ])
    expect(['v1.26.15', 'V1.26.6'].sort(naturalCompare)).toEqual(['V1.26.6', 'v1.26.15'])
    expect(naturalCompare('a', 'A')).not.toBe(0)
  })

  it('orders an image’s labels, env and a node’s other fields by name as people read them', () => {
    expect(sortedLabels({ 'tier-10': 'b', 'tier-9': 'a' }).map(([k]) => k)).toEqual([
      'tier-9',
      'tier-10'
    ])
    const config = readImageConfig({ env: { PORT_10: '1', PORT_9: '2' } })
    expect(config?.env.map(([k]) => k)).toEqual(['PORT_9', 'PORT_10'])
    const extra = nodeFields({ 'disk-10': 'x', 'disk-2': 'y' }).map((f) => f.key)
    expect(extra).toEqual(['disk-2', 'disk-10'])
  })
})
