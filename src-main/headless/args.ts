import { parseArgs } from 'node:util'

export interface HeadlessArgs {
  port: number
  dataDir: string | undefined
  configFile: string | undefined
}

export class UsageError extends Error {}

export const HEADLESS_USAGE =
  'Usage: npm start -- --headless [--port N] [--data DIR] [--config FILE]'

export function parseHeadlessArgs(argv: readonly string[]): HeadlessArgs {
  let values
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        headless: { type: 'boolean' },
        port: { type: 'string' },
        data: { type: 'string' },
        config: { type: 'string' }
      },
      strict: true
    }))
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${HEADLESS_USAGE}`)
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535\n${HEADLESS_USAGE}`)
  }
  return { port, dataDir: values.data, configFile: values.config }
}
