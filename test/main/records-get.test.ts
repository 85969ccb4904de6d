import { describe, expect, it } from 'vitest'
import type { MethodOutput } from '@contract'
import { value } from '../support/calls'
import { CYCLE_ID, QBO_ID, useCycleLab } from '../support/cycle-lab'
import { recordKey, type RecordKind } from '../../src-renderer/lib/record-fields'

type Detail = MethodOutput<'records.get'>

describe('records.get: one cached row of any kind with every field the server sent', () => {
  const lab = useCycleLab(10)

  const online = lab.bothOnline

  it('answers each kind by its cache key with the row and the raw object, unknown fields too', async () => {
    const agent = await online()
    const hub = lab.sandbox.qbo.hub
    const cycle = lab.sandbox.cycle.state
    const pod = hub.pods[0]!
    const service = hub.services[0]!
    const entry = hub.ipvs[0]!
    const cases: Array<[string, string, string, Record<string, unknown>]> = [
      ['nodes', QBO_ID, hub.nodes[0]!.name, { ...hub.nodes[0]! }],
      ['pods', QBO_ID, `${pod.cluster}/${pod.namespace}/${pod.name}`, { ...pod }],
      [
        'services',
        QBO_ID,
        `${service.cluster}/${service.namespace}/${service.name}/${service.port_name}/${service.port_number}`,
        { ...service }
      ],
      ['loadBalancers', QBO_ID, entry.id, { ...entry }],
      ['networks', QBO_ID, hub.networks[0]!.name, { ...hub.networks[0]! }],
      ['images', QBO_ID, hub.images[0]!.name, { ...hub.images[0]! }],
      ['cycleSources', CYCLE_ID, cycle.sources[0]!.id, { id: cycle.sources[0]!.id }],
      ['cycleImages', CYCLE_ID, cycle.images[0]!.id, { id: cycle.images[0]!.id }],
      ['cycleJobs', CYCLE_ID, cycle.jobs[0]!.id, { id: cycle.jobs[0]!.id }]
    ]
    for (const [kind, accountId, key, sent] of cases) {
      const detail = await value<Detail>(agent, 'records.get', { kind, accountId, key })
      expect(detail.kind).toBe(kind)
      expect(detail.key).toBe(key)
      // Every field as the server sent it (compared through JSON, as the cache stores it).
      expect(detail.raw).toMatchObject(JSON.parse(JSON.stringify(sent)) as object)
      expect(Object.keys(detail.row).length).toBeGreaterThan(0)
      if ('name' in sent) expect(detail.row['name']).toBe(sent['name'])
    }
  })

  it('finds every row a list shows by the key the panel builds from it', async () => {
    const agent = await online()
    const lists: Array<[RecordKind, string, string]> = [
      ['pods', 'pods.list', QBO_ID],
      ['services', 'services.list', QBO_ID],
      ['loadBalancers', 'loadBalancers.list', QBO_ID],
      ['networks', 'networks.list', QBO_ID],
      ['images', 'images.list', QBO_ID],
      ['cycleSources', 'cycleSources.list', CYCLE_ID],
      ['cycleImages', 'cycleImages.list', CYCLE_ID],
      ['cycleJobs', 'cycleJobs.list', CYCLE_ID]
    ]
    for (const [kind, method, accountId] of lists) {
      const page = await value<{ items: Array<Record<string, string>> }>(agent, method, {
        accountId,
        limit: 20
      })
      expect(page.items.length, kind).toBeGreaterThan(0)
      for (const row of page.items) {
        const key = recordKey(kind, row)
        const detail = await value<Detail>(agent, 'records.get', { kind, accountId, key })
        if (row['id']) expect(detail.row['id'], `${kind} ${key}`).toBe(row['id'])
        if (row['name']) expect(detail.row['name'], `${kind} ${key}`).toBe(row['name'])
      }
    }
  })

  it('says plainly when the cache has no such row, and refuses a kind it does not know', async () => {
    const agent = await online()
    const gone = await agent.call('records.get', {
      kind: 'pods',
      accountId: QBO_ID,
      key: 'nowhere/default/no-such-pod'
    })
    expect(gone.ok).toBe(false)
    if (!gone.ok) {
      expect(gone.error.code).toBe('not-found')
      expect(gone.error.message).toContain('nowhere/default/no-such-pod')
    }
    const bad = await agent.call('records.get', { kind: 'tables', accountId: QBO_ID, key: 'x' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.code).toBe('invalid-request')
  })
})
