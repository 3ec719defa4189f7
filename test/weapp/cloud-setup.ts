/**
 * jest globalSetup of the weapp project: starts test/weapp/cloud.ts (the emulator with the demo
 * data) in a child process and tells the test files its URL. A child process because the emulator
 * is TypeScript that tsx resolves as `npm start` does; global set-ups are loaded with plain Node
 * resolution.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { CLOUD_TOKEN_ENV, CLOUD_URL_ENV } from './cloud-users'

declare global {
  // held between globalSetup and globalTeardown (same process)
  var weappCloud: ChildProcess | undefined
}

const ROOT = path.resolve(__dirname, '../..')

export default async function setup(): Promise<void> {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(__dirname, 'cloud.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] })
  globalThis.weappCloud = child
  const { url, inspectorToken } = await new Promise<{ url: string; inspectorToken: string }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', (line) => resolve(JSON.parse(line) as { url: string; inspectorToken: string }))
    child.once('exit', (code) => reject(new Error(`the test emulator exited (${code}) before it was ready`)))
  })
  process.env[CLOUD_URL_ENV] = url
  process.env[CLOUD_TOKEN_ENV] = inspectorToken
}
