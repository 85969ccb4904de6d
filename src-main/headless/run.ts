import { join, resolve } from 'node:path'
import { bootAgent } from '../agent/bootstrap'
import { defaultDataDir } from '../agent/data-dir'
import type { HostStop } from '../agent/host-stop'
import { guardRejections } from '../agent/process-guard'
import { exitFor } from '../agent/startup-error'
import { keyFileVault } from '../vault/key-file-vault'
import { parseHeadlessArgs, UsageError } from './args'
import { headlessLog } from './log'
import { startHeadlessServer } from './server'

/** Where the built UI is: beside the entry, which knows where it was built to (a chunk does not). */
export interface HeadlessPaths {
  rendererDir: string
}

/** Headless mode: the same agent under plain Node, the UI and the contract on a loopback port. */
async function main(argv: readonly string[], stop: HostStop, paths: HeadlessPaths): Promise<void> {
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
    rendererDir: paths.rendererDir,
    port: args.port,
    log
  })
  if (!stop.started(server)) return
  console.log(`Berth is serving on ${server.url}`)
}

/** Runs headless Berth; what stops it from starting is said in one line, and it exits. */
export function runHeadless(argv: readonly string[], stop: HostStop, paths: HeadlessPaths): void {
  main(argv, stop, paths).catch((error: unknown) => {
    const { code, line } =
      error instanceof UsageError ? { code: 2, line: error.message } : exitFor(error)
    console.error(line)
    process.exit(code)
  })
}
