/**
 * `npm start`: builds the cloud functions and the h5 app, starts the local CloudBase emulator with
 * the demo data (loaded on first start, kept afterwards; `npm start -- --reset` starts over) and
 * prints the address to open. Ctrl+C (or SIGTERM, passed on by bootstrap.js) stops it, at any stage.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import { startEmulator, type RunningEmulator } from '../emulator'
import { buildFunctions } from './build-functions'
import { demoSnapshot } from './demo/data'
import { demoBadgeFiles } from './demo/identity'
import { appPages } from './app-pages'
import { localFunctionEnv } from './function-env'
import { personas } from './demo/personas'

const root = join(__dirname, '..')
const args = process.argv.slice(2)
const flag = (name: string) => args.includes(`--${name}`)
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback
}

// Stop handlers go in first: a signal during the builds ends the build, one during start-up stops
// the emulator as soon as it is up, never half-way.
let emulator: RunningEmulator | undefined
let build: ChildProcess | undefined
let stopping = false
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return
  stopping = true
  console.log(`\n[start] ${signal}: 正在停止…`)
  build?.kill(signal)
  if (emulator) emulator.stop().then(() => process.exit(0), () => process.exit(1))
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal))

function buildH5(): Promise<void> {
  return new Promise((done, fail) => {
    build = spawn(join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    })
    build.on('error', fail)
    build.on('exit', (code) => (code === 0 ? done() : fail(new Error(stopping ? 'stopped' : 'h5 build failed'))))
  })
}

async function main(): Promise<void> {
  console.log('[start] 构建云函数…')
  await buildFunctions()
  if (stopping) process.exit(0)
  if (!flag('skip-h5-build')) {
    console.log('[start] 构建 h5 应用（首次约 1 分钟）…')
    await buildH5()
  }

  const dataDir = resolve(root, option('data', '.emulator-data'))
  emulator = await startEmulator({
    port: Number(option('port', process.env.PORT ?? '8787')),
    host: option('host', '127.0.0.1'),
    dataDir,
    functionEnv: localFunctionEnv(dataDir),
    miniprogramPages: appPages(),
    prewarm: 1,
    h5Root: join(root, 'dist-h5'),
    personas,
    reset: flag('reset'),
    timers: 'real', // a demo left running expires points and sends reminders on its own
    // the h5 dev server (npm run dev:h5) proxies /fn and /__ here from its own origin
    allowedOrigins: option('allow-origin', '').split(',').filter(Boolean),
  })
  if (stopping) {
    await emulator.stop()
    process.exit(0)
  }
  await emulator.database.loaded // a big data directory is served while it loads: count once it is in
  const empty = emulator.database.listCollections().every((c) => c.count === 0)
  if (empty) {
    await emulator.database.importSnapshot(demoSnapshot())
    for (const f of demoBadgeFiles()) emulator.storage.put(f.path, f.data, { contentType: f.contentType, uploader: f.uploader })
    console.log('[start] 已载入演示数据')
  }

  console.log(`\n  小哥驿站（本地演示）: ${emulator.url}`)
  console.log(`  模拟器控制台:         ${emulator.inspectorUrl}`)
  console.log(`                        （控制台令牌保存在 ${join(dataDir, 'inspector.token')}）\n`)
  if (!flag('no-open') && process.env.DISPLAY && !process.env.CI) {
    spawn('xdg-open', [emulator.url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref()
  }
}

main().catch((err) => {
  if (stopping) process.exit(0)
  console.error('[start] 启动失败：', err)
  process.exit(1)
})
