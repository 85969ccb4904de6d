/**
 * The path and query of a request, or null for a target no page of ours sends (`//x`, `*`, an
 * absolute URL): `new URL('//', base)` throws, and a throw here would take the server down.
 */
export function requestTarget(url: string | undefined): URL | null {
  if (!url?.startsWith('/')) return null
  try {
    return new URL(`http://loopback${url}`)
  } catch {
    return null
  }
}
