/** The agent's rule for a build argument's name (a shell variable name). */
export const BUILD_ARG_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/

export interface BuildArgRow {
  /** Stable identity for the editor's rows. */
  id: number
  key: string
  value: string
}

export interface CheckedBuildArgs {
  args: Record<string, string>
  /** Problems by row id. */
  errors: Record<number, string>
}

/**
 * The arguments to send, checked as the agent checks them. Rows left entirely empty are ignored;
 * a value without a name, a bad name or a repeated name is a problem of that row.
 */
export function checkBuildArgs(rows: readonly BuildArgRow[]): CheckedBuildArgs {
  const args: Record<string, string> = {}
  const errors: Record<number, string> = {}
  for (const row of rows) {
    const key = row.key.trim()
    if (key === '' && row.value === '') continue
    if (key === '') errors[row.id] = 'Give the argument a name'
    else if (!BUILD_ARG_KEY.test(key))
      errors[row.id] = 'Use letters, digits and underscores, not starting with a digit'
    else if (Object.hasOwn(args, key)) errors[row.id] = `${key} is already set above`
    else args[key] = row.value
  }
  return { args, errors }
}
