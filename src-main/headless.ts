import { join, resolve } from 'node:path'
import { bootAgent } from './agent/bootstrap'
import { ConfigError } from './agent/config'
import { defaultDataDir } from './agent/data-dir'
import { parseHeadlessArgs, UsageError } from './headless/args'
import { headlessLog } from './headless/log'
import { startHeadlessServer } from './headless/server'
import { keyFileVault } from './vault/key-file-vault'

/** Headless mode: the same agent under plain Node, the UI and the contract on a loopback port. */
async function main(argv: readonly string[]): Promise<void> {
  const args = parseHeadlessArgs(argv)
  const running: Array<{ close(): Promise<void> }> = []

  // Installed before anything is announced: a caller may signal as soon as it reads the URL.
  let closing = false
  const shutdown = async (): Promise<void> => {
    if (closing) return
    closing = true
    for (const part of running.reverse()) await part.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown())
  process.on('SIGTERM', () => void shutdown())

  const dataDir = resolve(args.dataDir ?? defaultDataDir())
  const { log, logDir } = headlessLog(dataDir)
  const booted = await bootAgent({
    dataDir,
    configFile: args.configFile ? resolve(args.configFile) : undefined,
    vault: keyFileVault(join(dataDir, 'vault.key')),
    log,
    shell: { mode: 'headless', logDir, secrets: 'key-file' }
  })
  running.push(booted)
  const server = await startHeadlessServer({
    host: booted.agent,
    rendererDir: resolve(import.meta.dirname, '../renderer'),
    port: args.port
  })
  running.push(server)
  console.log(`Berth is serving on ${server.url}`)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof ConfigError
  console.error(known ? (error as Error).message : error)
  process.exit(known ? 2 : 1)
})
