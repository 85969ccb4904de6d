import { join, resolve } from 'node:path'
import { bootAgent } from './agent/bootstrap'
import { defaultDataDir } from './agent/data-dir'
import { stopOnSignals, type HostStop } from './agent/host-stop'
import { guardRejections } from './agent/process-guard'
import { exitFor } from './agent/startup-error'
import { parseHeadlessArgs, UsageError } from './headless/args'
import { headlessLog } from './headless/log'
import { startHeadlessServer } from './headless/server'
import { keyFileVault } from './vault/key-file-vault'

/** Headless mode: the same agent under plain Node, the UI and the contract on a loopback port. */
async function main(argv: readonly string[], stop: HostStop): Promise<void> {
  const args = parseHeadlessArgs(argv)
  const dataDir = resolve(args.dataDir ?? defaultDataDir())
  const { log, logDir } = headlessLog(dataDir)
  guardRejections(log)
  const booted = await bootAgent({
    dataDir,
    configFile: args.configFile ? resolve(args.configFile) : undefined,
    vault: () => keyFileVault(join(dataDir, 'vault.key')),
    log,
    shell: { mode: 'headless', logDir, secrets: 'key-file' }
  })
  if (!stop.started(booted)) return
  const server = await startHeadlessServer({
    host: booted.agent,
    rendererDir: resolve(import.meta.dirname, '../renderer'),
    port: args.port,
    log
  })
  if (!stop.started(server)) return
  console.log(`Berth is serving on ${server.url}`)
}

// Installed before anything starts: a caller may signal as soon as it sees the process.
const stop = stopOnSignals({ exit: (code) => process.exit(code), warn: console.error })

main(process.argv.slice(2), stop).catch((error: unknown) => {
  const { code, line } =
    error instanceof UsageError ? { code: 2, line: error.message } : exitFor(error)
  console.error(line)
  process.exit(code)
})
