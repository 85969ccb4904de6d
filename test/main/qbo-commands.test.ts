import { describe, expect, it } from 'vitest'
import { QboName } from '@contract'
import { actionCommand, kubeconfigCommand } from '../../src-main/providers/qbo/commands'
import { normaliseCommandLine } from '../../src-main/providers/qbo/messages'

describe('qbo command lines are built from validated parts', () => {
  it('builds every cluster action', () => {
    expect(
      actionCommand('add', 'lab', {
        name: 'lab',
        image: 'hub.docker.com/kindest/node:v1.29.2',
        nodes: 3
      })
    ).toBe('add cluster lab -i hub.docker.com/kindest/node:v1.29.2 -n 3')
    expect(actionCommand('add', 'lab')).toBe(
      'add cluster lab -i hub.docker.com/kindest/node:v1.27.2 -n 1'
    )
    expect(actionCommand('start', 'lab')).toBe('start clusters lab')
    expect(actionCommand('stop', 'lab')).toBe('stop clusters lab')
    expect(actionCommand('delete', 'lab')).toBe('delete cluster lab')
    expect(kubeconfigCommand('lab')).toBe('get cluster lab -k')
  })

  it.each(['my lab', 'lab"; rm', "o'hara", '-A', '--all', '', 'a'.repeat(65), 'lab\n', 'ünïcode'])(
    'refuses the name %j with a clear message',
    (name) => {
      expect(() => actionCommand('delete', name)).toThrow()
      const parsed = QboName.safeParse(name)
      expect(parsed.success).toBe(false)
      if (!parsed.success) expect(parsed.error.issues[0]?.message).toMatch(/letters, digits/)
    }
  )

  it('refuses an image or node count that would smuggle flags', () => {
    expect(() => actionCommand('add', 'lab', { name: 'lab', image: 'node -n 99' })).toThrow()
    expect(() => actionCommand('add', 'lab', { name: 'lab', image: '-i' })).toThrow()
    expect(() => actionCommand('add', 'lab', { name: 'lab', nodes: 0 })).toThrow()
    expect(() => actionCommand('add', 'lab', { name: 'lab', nodes: 1.5 })).toThrow()
  })

  it('matches echoed command lines however they are spaced or spelled', () => {
    expect(normaliseCommandLine('qbo  get nodes   --all')).toBe('get nodes -A')
    expect(normaliseCommandLine('get nodes -A')).toBe('get nodes -A')
  })
})
