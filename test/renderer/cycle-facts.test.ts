import { describe, expect, it } from 'vitest'
import type { CycleImageFacts } from '@contract'
import {
  buildLogEvents,
  containersByState,
  imageFacts,
  jobDescriptorWords,
  sortedLabels,
  taskInputLines
} from '../../src-renderer/lib/cycle-facts'

const FACTS: CycleImageFacts = {
  description: 'GPU inference server',
  nvidiaGpu: true,
  backend: 'cycle · 5f0c.tar',
  builder: null,
  creatorKind: 'employee',
  creatorId: 'e1',
  originType: 'oci-registry',
  originTarget: 'inference/server:3.1-cuda12',
  labels: { b: '2', a: '1' },
  factoryNode: 'n1',
  stateChanged: '2026-01-02T00:00:00Z',
  created: '2026-01-01T00:00:00Z',
  updated: '2026-01-03T00:00:00Z',
  deleted: null,
  containersByState: { running: 1, starting: 2, stopped: 0 }
}

describe('Cycle facts, as words', () => {
  it('lists what the image document says, leaving out what it does not', () => {
    const lines = imageFacts(FACTS)
    expect(Object.fromEntries(lines.map((l) => [l.label, l.value]))).toEqual({
      About: 'GPU inference server',
      Origin: 'OCI registry',
      'Origin target': 'inference/server:3.1-cuda12',
      Requires: 'an NVIDIA GPU',
      Builder: 'Cycle factory',
      'Factory node': 'n1',
      'Stored in': 'cycle · 5f0c.tar',
      'Creator kind': 'employee e1',
      'State changed': '2026-01-02T00:00:00Z',
      Created: '2026-01-01T00:00:00Z',
      Updated: '2026-01-03T00:00:00Z'
    })
    expect(lines.find((l) => l.label === 'Created')?.title).toBe('2026-01-01T00:00:00Z')
  })

  it('counts containers busiest first and sorts labels by key', () => {
    expect(containersByState(FACTS.containersByState)).toBe('starting 2 · running 1')
    expect(sortedLabels(FACTS.labels)).toEqual([
      ['a', '1'],
      ['b', '2']
    ])
  })

  it('says what a job descriptor said, the sub-queue by name', () => {
    expect(
      jobDescriptorWords({
        accepted: true,
        schedule: '2026-01-01T00:00:00Z',
        parallel: { tasks: false, subQueue: 'image-42' }
      })
    ).toEqual([
      'accepted',
      'scheduled 2026-01-01T00:00:00Z',
      'tasks in order',
      'sub-queue image-42'
    ])
    expect(jobDescriptorWords({ accepted: null, schedule: null, parallel: null })).toEqual([])
  })

  it('writes a task input as key: value and orders build-log events as they happen', () => {
    expect(taskInputLines({ id: 'abc', opts: { a: 1 } })).toEqual(['id: abc', 'opts: {"a":1}'])
    expect(taskInputLines(undefined)).toEqual([])
    expect(
      buildLogEvents({ updated: '2026-01-02', deleted: '2026-01-03', created: '2026-01-01' }).map(
        (e) => e.label
      )
    ).toEqual(['created', 'updated', 'deleted'])
  })
})
