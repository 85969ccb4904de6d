import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Vault } from './vault'

const PREFIX = 'kf1:'
const KEY_BYTES = 32

const code = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error'

/**
 * AES-256-GCM with a random key kept in a 0600 file beside the data it protects. A missing key
 * is made anew and a damaged one moved aside (kept, in case it can be restored) and replaced:
 * either way `keyChange` says so, and what the old key sealed cannot be opened.
 */
export function keyFileVault(file: string, now = Date.now()): Vault {
  let key: Buffer | null = readKey(file)
  let keyChange: string | undefined
  if (key === null) {
    keyChange = `the key file ${file} was missing, so a new key was made`
  } else if (key.length !== KEY_BYTES) {
    const aside = `${file}.damaged-${now}`
    renameSync(file, aside)
    keyChange = `the key file ${file} was damaged (${key.length} bytes, not ${KEY_BYTES}); it was moved to ${aside} and a new key was made`
    key = null
  }
  key ??= makeKey(file)
  const sealingKey = key
  return {
    keyChange,
    seal(secret) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', sealingKey, iv)
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('This secret was not sealed by the key file')
      const data = Buffer.from(sealed.slice(PREFIX.length), 'base64')
      try {
        const decipher = createDecipheriv('aes-256-gcm', sealingKey, data.subarray(0, 12))
        decipher.setAuthTag(data.subarray(12, 28))
        return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString(
          'utf8'
        )
      } catch {
        throw new Error('This secret was sealed with another key, or is damaged')
      }
    }
  }
}

function readKey(file: string): Buffer | null {
  try {
    const key = readFileSync(file)
    // Readable by this user only, whatever an earlier copy or restore left it as.
    chmodSync(file, 0o600)
    return key
  } catch (error) {
    if (code(error) === 'ENOENT') return null
    throw new Error(
      `Berth cannot read its key file ${file} (${code(error)}): make it a file this user owns and can read, or move it aside to make a new key (stored accounts then need their credentials again).`,
      { cause: error }
    )
  }
}

function makeKey(file: string): Buffer {
  const key = randomBytes(KEY_BYTES)
  try {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' })
    chmodSync(file, 0o600)
  } catch (error) {
    throw new Error(
      `Berth cannot write its key file ${file} (${code(error)}): give this user write access to its folder.`,
      { cause: error }
    )
  }
  return key
}
