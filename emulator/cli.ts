/**
 * The local CloudBase emulator's command line (`npm run emulator -- …`, i.e. `node --import tsx emulator/cli.ts …`):
 *
 *   start  [--port 8787] [--host 127.0.0.1] [--data .emulator-data] [--reset] [--import file.json] [--personas file.json]
 *          [--functions dir] [--h5 dir] [--env local-dev] [--quiet] [--no-prewarm] [--timers real|manual]
 *          [--allow-origin http://127.0.0.1:10086[,…]]
 *   export --data .emulator-data --out file.json
 *   import --data .emulator-data --in file.json [--merge]
 *   reset  --data .emulator-data
 */
import fs from 'node:fs'
import path from 'node:path'
import { openDatabase, readSnapshot, startEmulator, writeSnapshot, type DatabaseFactory, type DatabaseLike, type Persona, type RunningEmulator } from './index'

export interface CliDeps {
  /** a database to use instead of emulator/database (tests) */
  database?: DatabaseLike | DatabaseFactory
  log?: (line: string) => void
  /** called with the running emulator by `start` (tests stop it themselves; the CLI waits for a signal) */
  onStarted?: (emulator: RunningEmulator) => void
}

const USAGE = `usage:
  cli.ts start  [--port 8787] [--host 127.0.0.1] [--data .emulator-data] [--reset] [--import file.json] [--personas file.json]
                [--functions dir] [--h5 dir] [--env local-dev] [--quiet] [--no-prewarm] [--timers real|manual]
                [--allow-origin http://127.0.0.1:10086[,…]]
  cli.ts export --data .emulator-data --out file.json
  cli.ts import --data .emulator-data --in file.json [--merge]
  cli.ts reset  --data .emulator-data`

function parseArgs(argv: string[]): { cmd: string; flags: Record<string, string | true> } {
  const [cmd = '', ...rest] = argv
  const flags: Record<string, string | true> = {}
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}\n${USAGE}`)
    const eq = a.indexOf('=')
    if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1)
    else if (rest[i + 1] !== undefined && !rest[i + 1].startsWith('--')) flags[a.slice(2)] = rest[++i]
    else flags[a.slice(2)] = true
  }
  return { cmd, flags }
}

function str(flags: Record<string, string | true>, name: string, fallback?: string): string {
  const v = flags[name]
  if (typeof v === 'string') return v
  if (fallback !== undefined) return fallback
  throw new Error(`--${name} is required\n${USAGE}`)
}

function readPersonas(file: string): Persona[] {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown
  const list = Array.isArray(raw) ? raw : (raw as { personas?: unknown })?.personas
  if (!Array.isArray(list) || !list.every((p) => p && typeof p.openid === 'string' && typeof p.label === 'string')) {
    throw new Error(`${file}: expected [{ "openid": "…", "label": "…" }, …]`)
  }
  return list as Persona[]
}

/** Runs one command; resolves with the exit code (`start` resolves once the server is up). */
export async function runCli(argv: string[], deps: CliDeps = {}): Promise<number> {
  const log = deps.log ?? ((l: string) => console.log(l))
  const { cmd, flags } = parseArgs(argv)
  const dataDir = path.resolve(str(flags, 'data', '.emulator-data'))
  switch (cmd) {
    case 'start': {
      const port = Number(str(flags, 'port', process.env.PORT ?? '8787'))
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${flags.port} is not a port`)
      const timers = str(flags, 'timers', 'real')
      if (timers !== 'real' && timers !== 'manual') throw new Error(`--timers ${timers}: real (fire on the machine's clock) or manual (only when advanced or fired)`)
      const emulator = await startEmulator({
        port,
        host: str(flags, 'host', '127.0.0.1'),
        dataDir,
        reset: flags.reset === true,
        personas: typeof flags.personas === 'string' ? readPersonas(flags.personas) : undefined,
        functionsRoot: typeof flags.functions === 'string' ? path.resolve(flags.functions) : undefined,
        h5Root: typeof flags.h5 === 'string' ? path.resolve(flags.h5) : undefined,
        envId: typeof flags.env === 'string' ? flags.env : undefined,
        database: deps.database,
        quiet: flags.quiet === true,
        prewarm: flags['no-prewarm'] === true ? 0 : 1,
        timers,
        allowedOrigins: typeof flags['allow-origin'] === 'string' ? flags['allow-origin'].split(',') : undefined,
      })
      if (typeof flags.import === 'string') {
        await emulator.database.importSnapshot(readSnapshot(flags.import), { replace: true })
        log(`[emulator] imported ${flags.import}`)
      }
      log(`[emulator] listening on ${emulator.url}  (Ctrl+C to stop)`)
      log(`[emulator] inspector: ${emulator.inspectorUrl}`)
      deps.onStarted?.(emulator)
      return 0
    }
    case 'export': {
      const out = str(flags, 'out')
      const db = await openDatabase({ dataDir, database: deps.database })
      try {
        await db.loaded
        const snap = db.exportSnapshot()
        writeSnapshot(out, snap)
        const counts = Object.entries(snap.collections).map(([n, docs]) => `${n}: ${docs.length}`).join(', ')
        log(`[emulator] exported ${counts || 'no collections'} to ${out}`)
      } finally {
        await db.close()
      }
      return 0
    }
    case 'import': {
      const file = str(flags, 'in')
      const snap = readSnapshot(file)
      const db = await openDatabase({ dataDir, database: deps.database })
      try {
        await db.importSnapshot(snap, { replace: flags.merge !== true })
        log(`[emulator] imported ${Object.keys(snap.collections).length} collections from ${file} into ${dataDir}`)
      } finally {
        await db.close()
      }
      return 0
    }
    case 'reset': {
      const db = await openDatabase({ dataDir, database: deps.database })
      try {
        await db.reset()
      } finally {
        await db.close()
      }
      for (const sub of ['storage', 'openapi']) fs.rmSync(path.join(dataDir, sub), { recursive: true, force: true })
      log(`[emulator] reset ${dataDir}`)
      return 0
    }
    default:
      log(USAGE)
      return cmd === '' || cmd === 'help' || flags.help ? 0 : 2
  }
}

if (require.main === module) {
  // Signal handlers go in before the emulator starts: a stop request that arrives while it is still
  // starting (or right after it printed its URL) must stop it cleanly, not kill it mid-write.
  let running: RunningEmulator | undefined
  let stopSignal: string | undefined
  const stop = (signal: string) => {
    if (stopSignal) return
    stopSignal = signal
    if (running) shutDown(running, signal)
  }
  const shutDown = (emulator: RunningEmulator, signal: string) => {
    console.log(`\n[emulator] ${signal}: stopping…`)
    emulator.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  runCli(process.argv.slice(2), {
    onStarted: (e) => {
      running = e
      if (stopSignal) shutDown(e, stopSignal)
    },
  })
    .then((code) => {
      if (!running) process.exit(code)
    })
    .catch((err: Error) => {
      console.error(`[emulator] ${err.message}`)
      process.exit(1)
    })
}
