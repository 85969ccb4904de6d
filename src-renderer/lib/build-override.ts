import { BuildOverride } from '@contract'

/** Which override a source's origin takes (Cycle's create-image `override`); none for the rest. */
export function overrideKind(origin: string | undefined): 'target' | 'targz' | null {
  if (origin === 'docker-hub' || origin === 'docker-registry') return 'target'
  if (origin === 'docker-file') return 'targz'
  return null
}

export interface OverrideCheck {
  override?: BuildOverride
  errors: { target?: string; targz_url?: string }
}

/**
 * The override to send for what the user typed, checked by the contract's own rules so the form
 * says what the agent would refuse; a blank field is no override, a field the origin does not
 * take is dropped.
 */
export function checkOverride(
  origin: string | undefined,
  typed: { target: string; targz_url: string }
): OverrideCheck {
  const kind = overrideKind(origin)
  const wanted =
    kind === 'target' && typed.target.trim()
      ? { target: typed.target.trim() }
      : kind === 'targz' && typed.targz_url.trim()
        ? { targz_url: typed.targz_url.trim() }
        : null
  if (!wanted) return { errors: {} }
  const parsed = BuildOverride.safeParse(wanted)
  if (parsed.success) return { override: parsed.data, errors: {} }
  const errors: OverrideCheck['errors'] = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] === 'target' ? 'target' : 'targz_url'
    errors[field] ??= issue.message
  }
  return { errors }
}
