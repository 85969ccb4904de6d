import { spawn, type ChildProcess } from 'node:child_process'
import { builtFile } from '../../support/build-dir'

const entry = builtFile('main/headless.js')

export interface HeadlessRun {
  url: string
  child: ChildProcess
  /** Output so far, for failure messages. */
  output(): string
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** Starts the built headless agent exactly as `npm start -- --headless …` does, and reads its URL. */
export function startHeadless(args: string[]): Promise<HeadlessRun> {
  const child = spawn(process.execPath, [entry, '--headless', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer): void => {
      out += chunk.toString()
      const match = /Berth is serving on (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out)
      if (match?.[1]) {
        child.stdout?.off('data', onData)
        resolvePromise({
          url: match[1],
          child,
          output: () => out,
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal)
            return exited
          }
        })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
    void exited.then((code) =>
      reject(new Error(`headless exited (${code}) before serving:\n${out}`))
    )
  })
}
