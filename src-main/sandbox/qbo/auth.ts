import { createHash, randomUUID, timingSafeEqual } from 'node:crypto'
import { compactDecrypt, exportJWK, generateKeyPair, importJWK } from 'jose'
import type { CryptoKey } from 'jose'
import { z } from 'zod'

/** The public half as `~/.qbo/cli.json` stores it under `qbo_uid`. */
export interface PublicServiceAccountKey {
  crv: string
  kty: string
  x: string
  y: string
}

/** A P-521 private key as a JWK: what a key file holds and `serviceAccountKey` accepts. */
export interface PrivateServiceAccountKey extends PublicServiceAccountKey {
  d: string
}

/** A service account the sandbox accepts: its key pair and its auxiliary id. */
export interface ServiceAccount {
  privateJwk: PrivateServiceAccountKey
  publicJwk: PublicServiceAccountKey
  aux: string
  /** The imported private key, ready for decryption. */
  key: CryptoKey
}

/** What the upgrade is checked against: either credential lets a client in. */
export interface Credentials {
  token: string
  serviceAccount: ServiceAccount
}

// qbo's service accounts use exactly this pair; anything else is refused, not negotiated.
const KEY_MANAGEMENT = 'ECDH-ES'
const CONTENT_ENCRYPTION = 'A256CBC-HS512'
// A P-521 ECDH-ES JWE of a UUID is about 450 characters; far bigger is garbage.
const MAX_JWE_CHARS = 8192
// Cookie-safe, like the token: the aux travels in the qbo_aux cookie.
const AUX = /^[A-Za-z0-9._~-]{1,512}$/

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/)
const PrivateJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-521'),
  x: base64url,
  y: base64url,
  d: base64url
})

/** Cookie header to map; first occurrence wins, values are URL-decoded when they can be. */
export function parseCookies(header: string | string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  const text = Array.isArray(header) ? header.join(';') : (header ?? '')
  for (const part of text.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const name = part.slice(0, eq).trim()
    let value = part.slice(eq + 1).trim()
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1)
    }
    try {
      value = decodeURIComponent(value)
    } catch {
      // Not percent-encoded after all: keep it as sent.
    }
    if (name !== '' && !cookies.has(name)) cookies.set(name, value)
  }
  return cookies
}

/** Constant-time comparison; hashing first makes the lengths equal. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

/** Builds a service account from stored key material; throws RangeError on anything unusable. */
export async function loadServiceAccount(
  privateJwk: unknown,
  aux: string
): Promise<ServiceAccount> {
  const parsed = PrivateJwk.safeParse(privateJwk)
  if (!parsed.success) {
    throw new RangeError('service account key must be a P-521 EC private JWK {kty, crv, x, y, d}')
  }
  if (!AUX.test(aux)) {
    throw new RangeError('service account aux must be 1 to 512 characters of A-Z a-z 0-9 . _ ~ -')
  }
  const { kty, crv, x, y, d } = parsed.data
  let key: CryptoKey | Uint8Array
  try {
    key = await importJWK({ kty, crv, x, y, d }, KEY_MANAGEMENT)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new RangeError(`service account key is not a usable P-521 key: ${reason}`, {
      cause: error
    })
  }
  if (key instanceof Uint8Array) throw new RangeError('service account key must be an EC key')
  return { privateJwk: { kty, crv, x, y, d }, publicJwk: { crv, kty, x, y }, aux, key }
}

/** A fresh key pair and aux id, as qbo issues when a service account is created. */
export async function generateServiceAccount(): Promise<ServiceAccount> {
  const { privateKey } = await generateKeyPair(KEY_MANAGEMENT, { crv: 'P-521', extractable: true })
  return loadServiceAccount(await exportJWK(privateKey), randomUUID())
}

/** Decrypts a service-account `qbo_uid`; false on anything but the exact expected aux. */
async function serviceAccountAccepts(account: ServiceAccount, jwe: string, aux: string) {
  if (jwe.length > MAX_JWE_CHARS || jwe.split('.').length !== 5) return false
  try {
    const { plaintext } = await compactDecrypt(jwe, account.key, {
      keyManagementAlgorithms: [KEY_MANAGEMENT],
      contentEncryptionAlgorithms: [CONTENT_ENCRYPTION]
    })
    const decrypted = new TextDecoder('utf-8', { fatal: true }).decode(plaintext)
    // Both checks always run, so timing does not tell which of the two failed.
    const inside = sameSecret(decrypted, account.aux)
    const cookie = sameSecret(aux, account.aux)
    return inside && cookie
  } catch {
    // Bad base64, a foreign key, a tampered tag, an odd header: all just "no".
    return false
  }
}

/**
 * Checks the upgrade's cookies: `qbo_uid` is either the temporary token or a JWE of the aux
 * encrypted to the service account's key (then `qbo_aux` must be that aux too). Never throws.
 */
export async function authenticate(
  credentials: Credentials,
  cookieHeader: string | string[] | undefined
): Promise<boolean> {
  const cookies = parseCookies(cookieHeader)
  const uid = cookies.get('qbo_uid')
  if (uid === undefined || uid === '') return false
  if (sameSecret(uid, credentials.token)) return true
  return serviceAccountAccepts(credentials.serviceAccount, uid, cookies.get('qbo_aux') ?? '')
}
