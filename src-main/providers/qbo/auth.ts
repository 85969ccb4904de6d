import { CompactEncrypt, importJWK, type JWK } from 'jose'
import { z } from 'zod'

/** The public P-521 key of a qbo service account, as `~/.qbo/cli.json` stores it. */
export const ServiceAccountKey = z
  .object({
    crv: z.literal('P-521'),
    kty: z.literal('EC'),
    x: z.string().min(1),
    y: z.string().min(1)
  })
  .passthrough()

/** How a qbo account proves who it is. */
export type QboAuth =
  | { kind: 'token'; token: string }
  | { kind: 'service-account'; aux: string; key: z.infer<typeof ServiceAccountKey> }

const cookie = (uid: string, aux: string): string =>
  `qbo_uid=${encodeURIComponent(uid)}; qbo_aux=${encodeURIComponent(aux)}`

/**
 * The cookie header qbo expects on the WebSocket upgrade. For a service account `qbo_uid` is the
 * aux string encrypted to the account's key (JWE compact, ECDH-ES + A256CBC-HS512), made afresh
 * for every connection so no replayable value is ever stored.
 */
export async function cookieHeader(auth: QboAuth): Promise<string> {
  if (auth.kind === 'token') return cookie(auth.token, '')
  const key = await importJWK(auth.key as JWK, 'ECDH-ES')
  const jwe = await new CompactEncrypt(new TextEncoder().encode(auth.aux))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256CBC-HS512' })
    .encrypt(key)
  return cookie(jwe, auth.aux)
}
