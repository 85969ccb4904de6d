import { describe, expect, it } from 'vitest'
import {
  envelopeFacts,
  heard,
  peekEnvelopeFacts,
  stampMs
} from '../../src-main/providers/qbo/server-report'

const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))

describe('reading what a qbo envelope says of its server', () => {
  it('reads user, host, agent and timestamp from an unparsed reply’s envelope', () => {
    const reply = bytes({
      timestamp: 1_764_000_000_123_456,
      status: 'OK',
      code: 200,
      command_line: 'get nodes -A',
      user: 'alice@example.com',
      agent: 'qbo-thread/4.2.1',
      host: 'qbo.example.com',
      nodes: [{ name: 'n1', user: 'bob@example.com' }]
    })
    expect(peekEnvelopeFacts(reply)).toEqual({
      timestamp: 1_764_000_000_123_456,
      user: 'alice@example.com',
      agent: 'qbo-thread/4.2.1',
      host: 'qbo.example.com'
    })
  })

  it('never takes a node’s own user for the envelope’s', () => {
    // A server writing its payload first: the envelope lies past the window, the nodes inside it.
    const nodes = Array.from({ length: 200 }, (_, i) => ({ name: `n${i}`, user: 'bob', host: 'h' }))
    const reply = bytes({ nodes, status: 'OK', code: 200, user: 'alice' })
    expect(peekEnvelopeFacts(reply)).toEqual({})
  })

  it('skips strings that look like keys ("user" inside a value, escaped quotes)', () => {
    const reply = bytes({
      command_line: 'get x "user": "mallory"',
      note: 'a\\"user":"eve"',
      user: 'alice'
    })
    expect(peekEnvelopeFacts(reply)).toEqual({ user: 'alice' })
  })

  it('keeps only the fields of the right type', () => {
    expect(envelopeFacts({ status: 'OK', code: 200, user: 'a', timestamp: 5 })).toEqual({
      user: 'a',
      timestamp: 5
    })
    expect(peekEnvelopeFacts(bytes({ user: 7, timestamp: 'soon', host: 'h' }))).toEqual({
      host: 'h'
    })
  })

  it('reads µs, ms and s stamps as ms', () => {
    expect(stampMs(1_764_000_000_123_456)).toBe(1_764_000_000_123)
    expect(stampMs(1_764_000_000_123)).toBe(1_764_000_000_123)
    expect(stampMs(1_764_000_000)).toBe(1_764_000_000_000)
  })

  it('keeps what an earlier message said when a later one leaves it out', () => {
    const first = heard(null, { user: 'a', host: 'h', agent: 'v1', timestamp: 1_764_000_000 }, 10)
    expect(heard(first, { agent: 'v2' }, 20)).toEqual({
      user: 'a',
      host: 'h',
      agent: 'v2',
      timestamp: null,
      receivedAt: 20
    })
  })
})
