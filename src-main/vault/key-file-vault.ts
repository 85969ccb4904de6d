import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Vault } from './vault'

const PREFIX = 'kf1:'

/** AES-256-GCM with a random key kept in a 0600 file beside the data it protects. */
export function keyFileVault(file: string): Vault {
  let key: Buffer
  if (existsSync(file)) {
    key = readFileSync(file)
    if (key.length !== 32) throw new Error(`${file} is not a Berth key file`)
  } else {
    mkdirSync(dirname(file), { recursive: true })
    key = randomBytes(32)
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' })
  }
  chmodSync(file, 0o600)
  return {
    seal(secret) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('This secret was not sealed by the key file')
      const data = Buffer.from(sealed.slice(PREFIX.length), 'base64')
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12))
      decipher.setAuthTag(data.subarray(12, 28))
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8')
    }
  }
}
