import type { NewAccount } from '../../src-main/agent/contract'
import { ImportedQboAccount, ManualQboAccount } from '../../src-main/agent/contract'

export type AccountMode = 'manual' | 'import'
export type ImportTls = 'auto' | 'on' | 'off'

export interface AccountForm {
  mode: AccountMode
  name: string
  host: string
  port: number | null
  tls: boolean
  token: string
  /** The picked cli.json's text; never shown. */
  file: string
  importTls: ImportTls
}

/** Messages by field name (`name`, `host`, `port`, `token`, `file`). */
export type AccountErrors = Partial<Record<string, string>>

export const emptyAccountForm = (): AccountForm => ({
  mode: 'manual',
  name: '',
  host: '',
  port: 443,
  tls: true,
  token: '',
  file: '',
  importTls: 'auto'
})

const sentence = (message: string): string => message.charAt(0).toUpperCase() + message.slice(1)

const MESSAGES: Readonly<Record<string, string>> = {
  name: 'Give the account a name (at most 64 characters)',
  port: 'Use a port from 1 to 65535',
  token: 'Paste the token from the qbo web console',
  file: 'Choose the qbo CLI file (~/.qbo/cli.json)'
}

/**
 * Checks the form with the contract's own schema and returns what would be sent (trimmed), or
 * the problems by field.
 */
export function toNewAccount(
  form: AccountForm
): { ok: true; value: NewAccount } | { ok: false; errors: AccountErrors } {
  const parsed =
    form.mode === 'manual'
      ? ManualQboAccount.safeParse({
          kind: 'qbo',
          name: form.name,
          host: form.host,
          port: form.port ?? Number.NaN,
          tls: form.tls,
          token: form.token
        })
      : ImportedQboAccount.safeParse({
          kind: 'qbo-import',
          name: form.name,
          file: form.file,
          ...(form.importTls === 'auto' ? {} : { tls: form.importTls === 'on' })
        })
  if (parsed.success) return { ok: true, value: parsed.data }
  const errors: AccountErrors = {}
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??=
      field === 'host' ? sentence(issue.message) : (MESSAGES[field] ?? issue.message)
  }
  return { ok: false, errors }
}

/** The host a qbo CLI file points at, to name the account after; null if it is not one. */
export function cliFileHost(text: string): string | null {
  try {
    const json: unknown = JSON.parse(text)
    if (typeof json !== 'object' || json === null) return null
    const host = (json as { qbo_host?: unknown }).qbo_host
    return typeof host === 'string' && host.trim() !== '' ? host.trim() : null
  } catch {
    return null
  }
}

/** Reads a picked file as text (Blob.text where available, FileReader otherwise). */
export function readText(file: Blob): Promise<string> {
  if (typeof file.text === 'function') return file.text()
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'))
    reader.readAsText(file)
  })
}
