import { readFile, writeFile } from 'node:fs/promises'
import { z } from 'zod'
import { generateServiceAccount, loadServiceAccount } from './qbo/auth'
import type { PrivateServiceAccountKey } from './qbo/auth'

/** What `--key-file` holds: enough to accept the same service account after a restart. */
export interface KeyFile {
  privateJwk: PrivateServiceAccountKey
  aux: string
}

const KeyFileShape = z.object({ privateJwk: z.unknown(), aux: z.string() })

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT'
}

/**
 * Reads the key file, or creates it (mode 0600: it holds a private key) with a fresh account.
 * Throws with a readable message when the file exists but is not usable.
 */
export async function loadOrCreateKeyFile(path: string): Promise<KeyFile & { created: boolean }> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (!isMissing(error)) throw error
    const account = await generateServiceAccount()
    const file: KeyFile = { privateJwk: account.privateJwk, aux: account.aux }
    // 'wx': never overwrite a file that appeared meanwhile; another sandbox may own it.
    await writeFile(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
    return { ...file, created: true }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new Error(`key file ${path} is not JSON`, { cause: error })
  }
  const shape = KeyFileShape.safeParse(json)
  if (!shape.success)
    throw new Error(`key file ${path} must hold {"privateJwk": {...}, "aux": "..."}`)
  try {
    // Validates the key now, so a bad file is reported as such rather than at first login.
    const account = await loadServiceAccount(shape.data.privateJwk, shape.data.aux)
    return { privateJwk: account.privateJwk, aux: account.aux, created: false }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`key file ${path}: ${reason}`, { cause: error })
  }
}
