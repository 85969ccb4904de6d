import { describe, expect, it } from 'vitest'
import { checkBuildArgs } from '../../src-renderer/lib/build-args'
import { commandLine, readImageConfig } from '../../src-renderer/lib/cycle-config'
import { progressWords, stepCounts } from '../../src-renderer/lib/cycle-jobs'
import { formatBytes } from '../../src-renderer/lib/format'
import { jobTarget } from '../../src-renderer/lib/job-words'
import { cycleImageTone, cycleJobTone } from '../../src-renderer/lib/state-tone'
import { cycleTask } from './fake-transport'

describe('Cycle helpers', () => {
  it('formats sizes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(999)).toBe('999 B')
    expect(formatBytes(12_300_000)).toBe('12.3 MB')
    expect(formatBytes(148_000_000)).toBe('148 MB')
    expect(formatBytes(999_999)).toBe('1.0 MB')
    expect(formatBytes(2_500_000_000)).toBe('2.5 GB')
    expect(formatBytes(-1)).toBe('—')
  })

  it('colours images and jobs', () => {
    expect(cycleImageTone('live')).toBe('good')
    for (const s of ['new', 'downloading', 'building', 'verifying', 'saving', 'uploading'])
      expect(cycleImageTone(s)).toBe('busy')
    expect(cycleImageTone('deleting')).toBe('idle')
    expect(cycleImageTone('error')).toBe('danger')
    expect(cycleImageTone('live', 'the build failed')).toBe('danger')
    expect(cycleJobTone('completed')).toBe('good')
    expect(cycleJobTone('running')).toBe('busy')
    expect(cycleJobTone('failed')).toBe('danger')
  })

  it('names what a job acts on', () => {
    expect(jobTarget({ action: 'stop', target: 'dev' })).toBe('cluster dev')
    expect(jobTarget({ action: 'image.build', target: 'web' })).toBe('image web')
    expect(jobTarget({ action: 'images.prune', target: 'web, api' })).toBe('sources web, api')
  })

  it('checks build arguments as the agent does', () => {
    const rows = [
      { id: 1, key: 'GOOD_1', value: 'a' },
      { id: 2, key: '', value: '' },
      { id: 3, key: '9lives', value: 'b' },
      { id: 4, key: 'GOOD_1', value: 'c' },
      { id: 5, key: '', value: 'd' },
      { id: 6, key: ' _x ', value: '' }
    ]
    const { args, errors } = checkBuildArgs(rows)
    expect(args).toEqual({ GOOD_1: 'a', _x: '' })
    expect(Object.keys(errors).map(Number)).toEqual([3, 4, 5])
  })

  it('reads a config and quotes commands', () => {
    expect(readImageConfig(null)).toBeNull()
    expect(readImageConfig({})).toMatchObject({ ports: [], env: [], command: [], workdir: '' })
    expect(commandLine(['sh', '-c', "echo 'hi' there"])).toBe(`sh -c 'echo '\\''hi'\\'' there'`)
  })

  it('counts steps, a task without steps as one', () => {
    const empty = { ...cycleTask('x', 0, 0), state: 'completed' }
    expect(stepCounts([cycleTask('a', 2, 3), empty])).toEqual({ done: 3, total: 4 })
    expect(progressWords(0.75, 4)).toBe('3 of 4 steps')
    expect(progressWords(1, 6)).toBe('6 of 6 steps')
    expect(progressWords(0.4)).toBe('40%')
  })
})
