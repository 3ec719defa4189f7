/**
 * `npm run dev:h5`: the emulator (with demo data on first start), cloud functions rebuilt on change
 * (the emulator's pool picks up new code), and Taro's h5 dev server in watch mode, which proxies
 * /fn and /__ to the emulator (see config/dev.ts).
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'

const root = join(__dirname, '..')
const port = process.env.EMULATOR_PORT ?? '8787'
// `node --import tsx`, not the tsx CLI, whose signal relay SIGKILLs a busy child (see handover.js)
const tsNode = (script: string, args: string[]) => spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, stdio: 'inherit' })
const children = [
  tsNode('scripts/build-functions.ts', ['--watch']),
  // the h5 dev server's origin (config/index.ts devServer) is trusted by the emulator's Origin/Host checks
  tsNode('scripts/start.ts', ['--skip-h5-build', '--no-open', '--port', port, '--allow-origin', 'http://127.0.0.1:10086,http://localhost:10086']),
  spawn(join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5', '--watch'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'development', EMULATOR_PORT: port },
  }),
]
const stopAll = () => children.forEach((c) => c.kill('SIGTERM'))
process.on('SIGINT', stopAll)
process.on('SIGTERM', stopAll)
children.forEach((c) => c.on('exit', (code) => code && code !== 0 && stopAll()))
