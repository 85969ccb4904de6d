import { writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from '../../src-main/agent/config'
import { tempDir } from '../support/temp-dir'

describe('the headless --config file', () => {
  let dir: ReturnType<typeof tempDir>
  const write = (json: unknown): string => {
    const file = `${dir.path}/config.json`
    writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json))
    return file
  }
  beforeEach(() => {
    dir = tempDir()
  })
  afterEach(() => dir.remove())

  it('reads qbo token, qbo service-account and Cycle accounts', () => {
    const key = { crv: 'P-521', kty: 'EC', x: 'AQ', y: 'Ag' }
    const specs = readConfig(
      write({
        accounts: [
          { kind: 'qbo', name: 'Lab', url: 'ws://127.0.0.1:9601/', token: 't' },
          {
            kind: 'qbo',
            name: 'Cloud',
            url: 'wss://nemo.cloud.qbo.io/',
            serviceAccount: { qbo_uid: key, qbo_aux: 'a', qbo_host: 'h' }
          },
          { kind: 'cycle', name: 'Hub', apiKey: 'k', hubId: '0123456789abcdef01234567' }
        ]
      })
    )
    expect(specs).toEqual([
      expect.objectContaining({
        id: 'qbo:Lab',
        auth: { kind: 'token', token: 't' },
        origin: 'config'
      }),
      expect.objectContaining({
        id: 'qbo:Cloud',
        auth: { kind: 'service-account', aux: 'a', key }
      }),
      {
        id: 'cycle:Hub',
        kind: 'cycle',
        name: 'Hub',
        url: 'https://api.cycle.io',
        apiKey: 'k',
        hubId: '0123456789abcdef01234567',
        origin: 'config'
      }
    ])
  })

  it.each([
    [
      { accounts: [{ kind: 'qbo', name: 'x', url: 'http://host/', token: 't' }] },
      /ws:\/\/ or wss:\/\//
    ],
    [{ accounts: [{ kind: 'cycle', name: 'x', apiKey: 'k', hubId: 'nope' }] }, /24 hexadecimal/],
    [
      {
        accounts: [
          { kind: 'qbo', name: 'a', url: 'ws://h/', token: 't' },
          { kind: 'qbo', name: 'a', url: 'ws://h/', token: 't' }
        ]
      },
      /unique/
    ],
    [{ accounts: [{ kind: 'docker', name: 'x' }] }, /not a valid Berth config/],
    ['{ not json', /Cannot read/]
  ])('refuses %j with a message that says what is wrong', (json, message) => {
    const file = write(json)
    expect(() => readConfig(file)).toThrow(ConfigError)
    expect(() => readConfig(file)).toThrow(message)
  })
})
