/** How far into a message (from either end) the envelope's `command_line` is looked for. */
const WINDOW = 4096
// A key, not a value: inside a JSON string its quotes would be escaped, so this cannot match there.
const COMMAND_LINE = /"command_line"\s*:\s*"((?:[^"\\]|\\.){0,2000})"/

/**
 * The `command_line` of a qbo message, read from its first or last few KB without parsing the
 * rest: qbo writes the envelope fields before the payload array (the sandbox does too), and a
 * server putting them after it is covered by the tail. Null when neither window has it.
 */
export function peekCommandLine(data: Buffer): string | null {
  const head = data.toString('utf8', 0, Math.min(WINDOW, data.length))
  const found =
    COMMAND_LINE.exec(head) ??
    (data.length > WINDOW
      ? COMMAND_LINE.exec(data.toString('utf8', Math.max(WINDOW, data.length - WINDOW)))
      : null)
  if (!found) return null
  try {
    return JSON.parse(`"${found[1]}"`) as string
  } catch {
    return null
  }
}
