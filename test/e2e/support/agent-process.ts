import { spawn, type ChildProcess } from 'node:child_process'
import { builtFile } from '../../support/build-dir'

const entry = builtFile('main/headless.js')

export interface AgentProcess {
  child: ChildProcess
  /** Resolves once the process has ended and been reaped (its pid is free again). */
  exited: Promise<void>
  /** What it printed so far, for failure messages. */
  output(): string
}

/**
 * The built headless agent, started exactly as `npm start -- --headless` does. Unlike
 * `startHeadless`, it does not wait for the "serving" line: the agent connects and sends queued
 * actions while it boots, and a test may kill it at any moment of that.
 */
export function spawnAgent(args: readonly string[]): AgentProcess {
  const child = spawn(process.execPath, [entry, '--headless', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  const keep = (chunk: Buffer): void => {
    // The tail is enough to tell why a run went wrong.
    out = (out + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  return { child, exited, output: () => out }
}
