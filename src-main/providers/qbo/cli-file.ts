import { z } from 'zod'
import { ServiceAccountKey, type QboAuth } from './auth'

/** The two shapes of the qbo CLI's `~/.qbo/cli.json`. */
const CliFile = z.object({
  qbo_host: z.string().min(1),
  qbo_port: z.coerce.number().int().min(1).max(65535),
  qbo_uid: z.union([z.string().min(1), ServiceAccountKey]),
  qbo_aux: z.string().optional(),
  qbo_user: z.string().optional()
})

export interface ImportedQbo {
  host: string
  port: number
  user: string | null
  auth: QboAuth
}

/** Reads a cli.json text; throws an Error whose message says what is wrong, in words. */
export function parseCliFile(text: string): ImportedQbo {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error('This is not a qbo CLI file: it is not JSON')
  }
  const parsed = CliFile.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(
      `This is not a qbo CLI file: ${issue ? `${issue.path.join('.') || 'file'} ${issue.message}` : 'unexpected shape'}`
    )
  }
  const { qbo_host, qbo_port, qbo_uid, qbo_aux, qbo_user } = parsed.data
  if (typeof qbo_uid === 'string') {
    return {
      host: qbo_host,
      port: qbo_port,
      user: qbo_user ?? null,
      auth: { kind: 'token', token: qbo_uid }
    }
  }
  if (!qbo_aux) throw new Error('This service-account file has no qbo_aux')
  return {
    host: qbo_host,
    port: qbo_port,
    user: qbo_user ?? null,
    auth: { kind: 'service-account', aux: qbo_aux, key: qbo_uid }
  }
}
