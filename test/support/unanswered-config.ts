import { writeFileSync } from 'node:fs'

/** A config file whose one qbo account nobody answers: the agent runs, nothing needs a server. */
export function writeUnansweredConfig(dir: string): string {
  const file = `${dir}/config.json`
  writeFileSync(
    file,
    JSON.stringify({
      accounts: [{ kind: 'qbo', name: 'Gone', url: 'ws://127.0.0.1:1/', token: 't' }]
    })
  )
  return file
}
