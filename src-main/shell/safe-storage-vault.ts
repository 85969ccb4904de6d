import { safeStorage } from 'electron'
import type { Vault } from '../vault/vault'

const PREFIX = 'ss1:'

/** Secrets sealed by the OS keychain through Electron's safeStorage. */
export function safeStorageVault(): Vault {
  return {
    seal: (secret) => PREFIX + safeStorage.encryptString(secret).toString('base64'),
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('This secret was not sealed by safeStorage')
      return safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'))
    }
  }
}

/**
 * safeStorage is only as strong as its backend: on Linux without a keyring it falls back to a
 * hard-coded key ("basic_text"), which is no protection at all.
 */
export function safeStorageIsStrong(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'
}
