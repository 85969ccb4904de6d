import type { NewAccount } from '@contract'
import { CycleAccount, ImportedQboAccount, ManualQboAccount } from '@contract'

export type AccountMode = 'manual' | 'import' | 'cycle'
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
  /** The picked file's name, to say which one was read when its tab is shown again. */
  fileName: string
  importTls: ImportTls
  /** Cycle: the API's base address, an API key (never shown) and the hub's id. */
  cycleUrl: string
  apiKey: string
  hubId: string
}

/** Messages by field name (`name`, `host`, `port`, `token`, `file`, `url`, `apiKey`, `hubId`). */
export type AccountErrors = Partial<Record<string, string>>

/** What the dialog hands each mode's fields: the form they fill in (bound) and its problems. */
export interface AccountFieldsProps {
  form: AccountForm
  errors: AccountErrors
}

/** Cycle's public API; custom cores and the sandbox have their own address. */
export const DEFAULT_CYCLE_URL = 'https://api.cycle.io'

/** The dialog's tabs, named for what each adds: which are qbo is said in the name. */
export const ACCOUNT_MODES: readonly { id: AccountMode; label: string; hint: string }[] = [
  { id: 'manual', label: 'qbo server', hint: 'A qbo server by its host and a token' },
  { id: 'import', label: 'qbo CLI file', hint: 'The file the qbo CLI wrote (~/.qbo/cli.json)' },
  { id: 'cycle', label: 'Cycle hub', hint: 'A Cycle hub by its API key and hub id' }
]

export const emptyAccountForm = (mode: AccountMode = 'manual'): AccountForm => ({
  mode,
  name: '',
  host: '',
  port: 443,
  tls: true,
  token: '',
  file: '',
  fileName: '',
  importTls: 'auto',
  cycleUrl: DEFAULT_CYCLE_URL,
  apiKey: '',
  hubId: ''
})

/**
 * The fields a connection test depends on (everything but the name), read so that whoever calls
 * this inside an effect re-runs when one of them changes.
 */
export function connectionFields(form: AccountForm): unknown[] {
  switch (form.mode) {
    case 'manual':
      return [form.host, form.port, form.tls, form.token]
    case 'import':
      return [form.file, form.importTls]
    case 'cycle':
      return [form.cycleUrl, form.apiKey, form.hubId]
  }
}

const sentence = (message: string): string => message.charAt(0).toUpperCase() + message.slice(1)

const MESSAGES: Readonly<Record<string, string>> = {
  name: 'Give the account a name (at most 64 characters)',
  port: 'Use a port from 1 to 65535',
  token: 'Paste the token from the qbo web console',
  file: 'Choose the qbo CLI file (~/.qbo/cli.json)',
  apiKey: 'Paste an API key from the hub’s settings',
  hubId: 'A hub id is 24 hexadecimal characters (0–9, a–f)'
}

/** The fields that carry their own words from the schema, capitalised as a sentence. */
const OWN_WORDS = new Set(['host', 'url'])

function parse(form: AccountForm) {
  switch (form.mode) {
    case 'manual':
      return ManualQboAccount.safeParse({
        kind: 'qbo',
        name: form.name,
        host: form.host,
        port: form.port ?? Number.NaN,
        tls: form.tls,
        token: form.token
      })
    case 'import':
      return ImportedQboAccount.safeParse({
        kind: 'qbo-import',
        name: form.name,
        file: form.file,
        ...(form.importTls === 'auto' ? {} : { tls: form.importTls === 'on' })
      })
    case 'cycle':
      return CycleAccount.safeParse({
        kind: 'cycle',
        name: form.name,
        url: form.cycleUrl.trim() === '' ? DEFAULT_CYCLE_URL : form.cycleUrl,
        apiKey: form.apiKey,
        hubId: form.hubId
      })
  }
}

/**
 * Checks the form with the contract's own schema and returns what would be sent (trimmed), or
 * the problems by field.
 */
export function toNewAccount(
  form: AccountForm
): { ok: true; value: NewAccount } | { ok: false; errors: AccountErrors } {
  const parsed = parse(form)
  if (parsed.success) return { ok: true, value: parsed.data }
  const errors: AccountErrors = {}
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= OWN_WORDS.has(field)
      ? ownWords(field, issue.message)
      : (MESSAGES[field] ?? issue.message)
  }
  return { ok: false, errors }
}

/** The schema's message as a sentence; zod's bare "Invalid URL" gets an example instead. */
function ownWords(field: string, message: string): string {
  if (field === 'url' && /^invalid url$/i.test(message.trim()))
    return 'An address such as https://api.cycle.io'
  return sentence(message)
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
