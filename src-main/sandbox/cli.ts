import { parseSandboxArgs, SANDBOX_USAGE } from './cli-args'
import { startSandbox } from './index'
import type { Sandbox } from './index'
import { loadOrCreateKeyFile } from './key-file'

function describe(sandbox: Sandbox, keyFile: string | undefined): string[] {
  const { qbo, cycle } = sandbox.connection()
  const { url, token, serviceAccount } = qbo
  const config = { accounts: [{ kind: 'qbo', name: 'Sandbox', url, token }] }
  const keyNote =
    keyFile === undefined
      ? '(new key each start; use --key-file FILE to keep it)'
      : `(key kept in ${keyFile})`
  return [
    `Berth sandbox listening on 127.0.0.1:${sandbox.port}`,
    `  qbo url:   ${url}`,
    `  qbo token: ${token}  (send as cookie qbo_uid=<token>)`,
    `  qbo service account ${keyNote}, as ~/.qbo/cli.json:`,
    `  ${JSON.stringify(serviceAccount)}`,
    `  cycle url:     ${cycle.url}  (REST under /v1, notifications socket at /v1/hubs/current/notifications)`,
    `  cycle api key: ${cycle.apiKey}  (send as Authorization: Bearer <key>)`,
    `  cycle hub id:  ${cycle.hubId}  (send as X-Hub-Id)`,
    `  cycle key without images-manage: ${sandbox.cycle.keys.noManage}`,
    `  cycle importer key (images-view + images-import only): ${sandbox.cycle.keys.importer}`,
    ...(sandbox.qbo.getKinds === null
      ? []
      : [`  qbo answers only: version, get ${sandbox.qbo.getKinds.join(', get ')}`]),
    'Headless config:',
    `  ${JSON.stringify(config)}`,
    'Press Ctrl+C to stop.'
  ]
}

async function main(): Promise<void> {
  const parsed = parseSandboxArgs(process.argv.slice(2))
  if (!parsed.ok) {
    console.error(`sandbox: ${parsed.error} (${SANDBOX_USAGE})`)
    process.exit(2)
  }
  const { args } = parsed
  if (args.help) {
    console.log(SANDBOX_USAGE)
    return
  }
  const key = args.keyFile === undefined ? undefined : await loadOrCreateKeyFile(args.keyFile)
  const sandbox = await startSandbox({
    port: args.port,
    qboToken: args.token,
    seed: args.seed,
    clusters: args.clusters,
    nodesPerCluster: args.nodesPerCluster,
    cycleImages: args.cycleImages,
    cycleJobs: args.cycleJobs,
    stepMs: args.stepMs,
    serviceAccountKey: key?.privateJwk,
    serviceAccountAux: key?.aux,
    cycleApiKey: args.cycleKey,
    qboCommands: args.qboCommands,
    cycleStateWithoutCurrent: args.cycleStateWithoutCurrent
  })
  const stop = () => {
    void sandbox.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  // --json is read by scripts: exactly one line (qbo and cycle), nothing else on stdout.
  if (args.json) console.log(JSON.stringify(sandbox.connection()))
  else for (const line of describe(sandbox, args.keyFile)) console.log(line)
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
