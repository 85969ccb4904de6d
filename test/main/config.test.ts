import { existsSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bootAgent } from '../../src-main/agent/bootstrap'
import {
  ConfigError,
  MAX_CONFIG_ACCOUNTS,
  MAX_CONFIG_BYTES,
  readConfig
} from '../../src-main/agent/config'
import { exitFor } from '../../src-main/agent/startup-error'
import { keyFileVault } from '../../src-main/vault/key-file-vault'
import { tempDir } from '../support/temp-dir'

const accounts = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'qbo',
    name: `a${i}`,
    url: 'ws://127.0.0.1:1/',
    token: 't'
  }))

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

  describe('how many accounts a config file may list', () => {
    it(`takes ${MAX_CONFIG_ACCOUNTS}`, () => {
      expect(readConfig(write({ accounts: accounts(MAX_CONFIG_ACCOUNTS) }))).toHaveLength(
        MAX_CONFIG_ACCOUNTS
      )
    })

    it('refuses one more, naming the file and the limit (exit 2)', () => {
      const file = write({ accounts: accounts(MAX_CONFIG_ACCOUNTS + 1) })
      expect(() => readConfig(file)).toThrow(ConfigError)
      expect(() => readConfig(file)).toThrow(
        `${file} lists 501 accounts; Berth takes at most 500 in a config file`
      )
      let thrown: unknown
      try {
        readConfig(file)
      } catch (error) {
        thrown = error
      }
      expect(exitFor(thrown).code).toBe(2)
    })

    it('refuses an oversized file before reading it', () => {
      const file = write(' '.repeat(MAX_CONFIG_BYTES + 1))
      expect(() => readConfig(file)).toThrow(
        new RegExp(
          `^Cannot read ${file}: it is ${MAX_CONFIG_BYTES + 1} bytes; a Berth config is at most`
        )
      )
    })

    it('a 200,000-account config stops Berth before the data folder is touched', async () => {
      const file = write({ accounts: accounts(200_000) })
      const dataDir = `${dir.path}/data`
      const failure = await bootAgent({
        dataDir,
        configFile: file,
        vault: () => keyFileVault(`${dataDir}/vault.key`),
        shell: { mode: 'headless', logDir: '', secrets: 'key-file' }
      }).then(
        () => null,
        (error: unknown) => error
      )
      expect(failure).toBeInstanceOf(ConfigError)
      expect(existsSync(dataDir)).toBe(false)
    })
  })
})
