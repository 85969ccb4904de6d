import { RegistryUrl, SourceName, SourceTarget, type NewSourceOrigin } from '@contract'

/** What the "New image source" form holds as typed. */
export interface SourceDraft {
  name: string
  origin: NewSourceOrigin['type']
  target: string
  url: string
}

export type SourceField = 'name' | 'target' | 'url'

export interface SourceCheck {
  /** What to send, once every field is right. */
  input?: { name: string; origin: NewSourceOrigin }
  errors: Partial<Record<SourceField, string>>
}

const first = (
  schema: typeof SourceName | typeof SourceTarget | typeof RegistryUrl,
  value: string
): { value: string } | { error: string } => {
  const parsed = schema.safeParse(value)
  return parsed.success
    ? { value: parsed.data }
    : { error: parsed.error.issues[0]?.message ?? 'invalid' }
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * The draft checked by the contract's own rules, so the form says what the agent would refuse,
 * in its words; the registry address counts only for a registry source.
 */
export function checkSource(draft: SourceDraft): SourceCheck {
  const name = first(SourceName, draft.name)
  const target = first(SourceTarget, draft.target)
  const url = draft.origin === 'docker-registry' ? first(RegistryUrl, draft.url) : { value: '' }
  const errors: SourceCheck['errors'] = {}
  if ('error' in name) errors.name = capital(name.error)
  if ('error' in target) errors.target = capital(target.error)
  if ('error' in url) errors.url = capital(url.error)
  if ('error' in name || 'error' in target || 'error' in url) return { errors }
  const origin: NewSourceOrigin =
    draft.origin === 'docker-hub'
      ? { type: 'docker-hub', target: target.value }
      : { type: 'docker-registry', target: target.value, url: url.value }
  return { input: { name: name.value, origin }, errors }
}
