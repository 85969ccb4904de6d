// The environment Berth's agent process starts with: `npm start` gives it to the desktop app and
// to headless Berth alike, and `npm run bench` measures the agent started the same way.

/**
 * glibc gives every thread that allocates its own malloc arena, up to eight per core, and keeps
 * what a thread freed resident in it. The sync worker's SQLite and JSON work then leaves tens of
 * MB behind in arenas of their own: with two, peak RSS while 100k nodes, 100k pods and 50k Cycle
 * images sync fell from 316 to 282 MB, at the same speed. A value the user set is kept.
 */
const ARENAS = '2'

export function agentEnv(env = process.env, platform = process.platform) {
  if (platform !== 'linux' || env.MALLOC_ARENA_MAX) return env
  return { ...env, MALLOC_ARENA_MAX: ARENAS }
}
