import { describe, expect, it } from 'vitest'
import { hubJobFacts } from '../../src-renderer/lib/hub-job-detail'

const task = (header: string, input: Record<string, unknown>) => ({
  caption: 'Import Image',
  header,
  state: 'completed',
  error: null,
  steps: [{ caption: 'Fetch', description: '', started: '2026-01-01T10:00:00Z', completed: null }],
  input
})

describe('a hub job’s facts from its cached row', () => {
  it('reads the tasks, the times (Cycle’s zero time as none) and the image a task names', () => {
    const facts = hubJobFacts({
      row: {
        tasksJson: JSON.stringify([task('image.import', { id: 'img1' })]),
        queuedAt: '2026-01-01T09:59:00Z',
        completedAt: '0001-01-01T00:00:00Z'
      },
      raw: { events: { started: '2026-01-01T10:00:00Z', completed: '0001-01-01T00:00:00Z' } }
    })
    expect(facts).toEqual({
      tasks: [task('image.import', { id: 'img1' })],
      queuedAt: '2026-01-01T09:59:00Z',
      startedAt: '2026-01-01T10:00:00Z',
      completedAt: null,
      imageId: 'img1',
      sourceId: null
    })
  })

  it('tells a source’s task from an image’s', () => {
    const facts = hubJobFacts({
      row: { tasksJson: JSON.stringify([task('image.source.delete', { id: 'src1' })]) },
      raw: {}
    })
    expect(facts.sourceId).toBe('src1')
    expect(facts.imageId).toBeNull()
  })

  it('leaves out what does not validate instead of guessing', () => {
    const facts = hubJobFacts({
      row: { tasksJson: '[{"caption": 1}]', queuedAt: 42 },
      raw: { events: 'soon' }
    })
    expect(facts).toEqual({
      tasks: [],
      queuedAt: null,
      startedAt: null,
      completedAt: null,
      imageId: null,
      sourceId: null
    })
    expect(hubJobFacts({ row: { tasksJson: 'not json' }, raw: {} }).tasks).toEqual([])
  })
})
