/** The headless agent's per-run token, as its printed address carries it: `#token=…`. */
export function tokenFromHash(hash: string): string | null {
  if (!hash.startsWith('#token=')) return null
  const token = new URLSearchParams(hash.slice(1)).get('token')
  return token ? token : null
}

/** The agent's answer to "is this token still good?": see src-main/headless/server.ts. */
export type TokenCheck = 'accepted' | 'rejected' | 'unreachable'

/** Where the page asks; the token goes in a header, so it is in no URL and no log. */
export const TOKEN_CHECK_PATH = '/api/session'
export const TOKEN_HEADER = 'x-berth-token'

/** Asks the agent that served this page whether it still takes `token`. */
export async function checkToken(token: string): Promise<TokenCheck> {
  try {
    const answer = await fetch(TOKEN_CHECK_PATH, {
      headers: { [TOKEN_HEADER]: token },
      cache: 'no-store'
    })
    if (answer.status === 403) return 'rejected'
    return answer.ok ? 'accepted' : 'unreachable'
  } catch {
    return 'unreachable'
  }
}
