import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { createAdminHandler } from './admin/server'
import { CloudbaseError } from './core/errors'
import { FaultInjector } from './core/faults'
import { InvocationRegistry } from './core/invocations'
import type { DatabaseFactory, DatabaseLike, Snapshot } from './dbtypes'
import { FunctionsRuntime } from './functions'
import { createGateway, type Persona } from './gateway'
import { EmulatorManager, managedPaths, reopenableDatabase } from './manager'
import { createRequestGuard } from './gateway/guard'
import { MediaCheckPush, OpenApiService, readMessagePushRoutes, type MediaCheckMode } from './openapi'
import { StorageService, type StorageRule } from './storage'
import { TimerService, type ClockMode } from './timers'
import { handleTimersApi } from './timers/http'

export type { Persona } from './gateway'
export type { DatabaseLike, DatabaseFactory, Snapshot } from './dbtypes'
export type { Identity, InvocationRecord, LogLine } from './functions'
export { FunctionInvocationError, FunctionsRuntime } from './functions'
export { StorageService, DEFAULT_STORAGE_RULE } from './storage'
export type { StorageRule, StoredFile } from './storage'
export { OpenApiService, MediaCheckPush } from './openapi'
export { TimerService } from './timers'
export { EmulatorManager } from './manager'
export { FaultInjector } from './core/faults'
export type { FaultOpKind, KillHandle, KillRecord, KillRule } from './core/faults'
export type { ClockMode, TimerEvent, TimerFiring, TriggerView } from './timers'
export type { OutboxMessage, MediaCheckRecord, MediaSuggest, MediaVerdictRecord, MediaCheckMode } from './openapi'

export const ROOT = path.resolve(__dirname, '..')

export interface EmulatorOptions {
  /** 0 = a random free port (default 8787) */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** database log, stored files, outbox, signing key */
  dataDir: string
  /** collections, indexes and rules as data (default <root>/database) */
  schemaDir?: string
  /** built functions, `<name>/index.js` (default <root>/cloudfunctions) */
  functionsRoot?: string
  /** the h5 build served at / (default <root>/dist-h5) */
  h5Root?: string
  /** demo identities of the dev-only sign-in */
  personas?: Persona[]
  /** default 'local-dev' */
  envId?: string
  /** appid the functions see (WX_APPID, event.userInfo.appId); default 'wx-local-dev' */
  appId?: string
  /** start from empty data */
  reset?: boolean
  /** no banner, no unattributed function output */
  quiet?: boolean
  /** function instances per function (default 8) */
  maxInstancesPerFunction?: number
  /** start this many instances of every built function right away, in the background (default 0) */
  prewarm?: number
  /** environment variables every function process gets (secrets such as signing keys; like the
   * variables set per function in the CloudBase console) */
  functionEnv?: Record<string, string>
  /** the Node binary function processes run on (default: the emulator's own); tests use the
   * runtime version deployers choose in the CloudBase console */
  nodeBinary?: string
  /** a database service to use instead of emulator/database (tests) */
  database?: DatabaseLike | DatabaseFactory
  /** message push (消息推送), event → function; default `<functionsRoot>/message-push.json` */
  messagePush?: Record<string, string>
  /** mediaCheckAsync verdicts: `auto` (default) by the dev rule after `mediaCheckDelayMs`, or `manual` */
  mediaChecks?: MediaCheckMode
  /** default 300 ms (WeChat takes seconds to minutes) */
  mediaCheckDelayMs?: number
  /**
   * The clock of the timer triggers: `manual` (default, for tests: nothing fires until
   * `timers.advance` / `timers.fire`) or `real` (the machine's time; `npm start`, `emulator start`).
   */
  timers?: ClockMode
  /** where the timer clock starts (default now) */
  timersStartAt?: number
  /** the mini-program's pages (app.json order, subpackage pages with their root): a subscribe
   * message's `page` must be one of them, as WeChat requires (errcode 41030); unset: only its shape is checked */
  miniprogramPages?: readonly string[]
  /**
   * Play a deployed CloudBase environment (`npm run deploy -- --against-emulator`): start empty and
   * take collections, indexes, functions and their configuration from `emulator.manager`, kept in
   * `<dataDir>/deployed/` (emulator/manager). Replaces schemaDir and functionsRoot.
   */
  managed?: boolean
  /** the storage permission for client uploads and temp URLs (default CloudBase's: 所有用户可读，仅创建者可读写) */
  storageRule?: StorageRule
  /** origins trusted like the emulator's own (Host, Origin checks), e.g. the h5 dev server `http://127.0.0.1:10086` */
  allowedOrigins?: readonly string[]
}

export interface RunningEmulator {
  /** http://host:port — the h5 app, /fn/<name>, /__/… */
  url: string
  /** the inspector's JSON API (`/__/api/…`) wants `Authorization: Bearer <inspectorToken>`; kept in the data dir */
  inspectorToken: string
  /** the inspector page with its token: `<url>/__/inspector#token=…` */
  inspectorUrl: string
  /** what the functions' SDK talks to (TCB_CONTEXT_CNFG) */
  adminUrl: string
  port: number
  host: string
  envId: string
  appId: string
  dataDir: string
  database: DatabaseLike
  functions: FunctionsRuntime
  storage: StorageService
  /** dev open APIs; `openapi.outbox.list()` / `.clear()` is the subscribe-message outbox */
  openapi: OpenApiService
  /** mediaCheckAsync verdicts pushed to the configured function: `resolve(traceId, suggest)`, `settle()` */
  mediaPush: MediaCheckPush
  /** timer triggers: `list()`, `advance(ms)`, `set(time)`, `fire(fn, trigger)`, `firings()` */
  timers: TimerService
  invocations: InvocationRegistry
  /** fault injection for tests: `faults.killAt({ function, action?, op, on?, when? })` (README › Fault injection) */
  faults: FaultInjector
  personas: Persona[]
  /** what was deployed to a managed emulator, and the means to deploy (only with `managed: true`) */
  manager?: EmulatorManager
  stop(): Promise<void>
}

export const DEFAULT_PERSONAS: Persona[] = [
  { openid: 'demo-rider', label: '骑手（演示）' },
  { openid: 'demo-worker', label: '社区工作者（演示）' },
  { openid: 'demo-merchant', label: '爱心商家（演示）' },
  { openid: 'demo-admin', label: '管理员（演示）' },
]

/** Opens the database service of emulator/database (loaded lazily; it is a separate module). */
export async function openDatabase(opts: { dataDir: string; schemaDir?: string; database?: DatabaseLike | DatabaseFactory }): Promise<DatabaseLike> {
  const schemaDir = opts.schemaDir ?? path.join(ROOT, 'database')
  const dbDir = path.join(opts.dataDir, 'database')
  fs.mkdirSync(dbDir, { recursive: true })
  if (typeof opts.database === 'function') return opts.database({ dataDir: dbDir, schemaDir })
  if (opts.database) return opts.database
  let mod: { createDatabaseService?: DatabaseFactory }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional module: a missing ./database is answered, not fatal
    mod = require('./database') as { createDatabaseService?: DatabaseFactory }
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    if (e.code === 'MODULE_NOT_FOUND' && /'\.\/database'/.test(e.message)) return unavailableDatabase()
    throw err
  }
  if (typeof mod.createDatabaseService !== 'function') return unavailableDatabase()
  return mod.createDatabaseService({ dataDir: dbDir, schemaDir })
}

function unavailableDatabase(): DatabaseLike {
  console.warn('[emulator] emulator/database is not available: database.* calls will fail')
  const fail = () => {
    throw new CloudbaseError('DATABASE_REQUEST_FAILED', 'the local database service is not available')
  }
  return {
    handle: async () => fail(),
    exportSnapshot: () => ({ collections: {} }),
    importSnapshot: async () => fail(),
    reset: async () => undefined,
    listCollections: () => [],
    listDocuments: () => [],
    close: async () => undefined,
  }
}

/** 32 random bytes kept as hex in `<dataDir>/<name>` (created on first use, readable only by the owner). */
function loadKey(dataDir: string, name: string): Buffer {
  const file = path.join(dataDir, name)
  try {
    const hex = fs.readFileSync(file, 'utf8').trim()
    if (/^[0-9a-f]{64}$/.test(hex)) return Buffer.from(hex, 'hex')
  } catch {
    // created below
  }
  const key = randomBytes(32)
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600 })
  return key
}

/** The key that signs temp URLs and session cookies; kept in the data dir so both survive restarts. */
const loadSecret = (dataDir: string) => loadKey(dataDir, 'secret.key')
/** The inspector API's token; kept so an open inspector tab keeps working across restarts. */
const loadInspectorToken = (dataDir: string) => loadKey(dataDir, 'inspector.token').toString('hex')

/**
 * Starts the local CloudBase: one HTTP server on one port serving /admin (the SDK's protocol), the
 * storage up/download routes, the h5 gateway and the inspector; the functions run in child processes.
 */
export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const dataDir = path.resolve(opts.dataDir)
  const envId = opts.envId ?? 'local-dev'
  const appId = opts.appId ?? 'wx-local-dev'
  const host = opts.host ?? '127.0.0.1'
  const personas = opts.personas ?? DEFAULT_PERSONAS
  fs.mkdirSync(dataDir, { recursive: true })
  if (opts.reset) {
    for (const sub of ['storage', 'openapi']) fs.rmSync(path.join(dataDir, sub), { recursive: true, force: true })
  }
  const secret = loadSecret(dataDir)
  const inspectorToken = loadInspectorToken(dataDir)

  const managed = opts.managed ? managedPaths(dataDir) : undefined
  const schemaDir = managed?.schemaDir ?? opts.schemaDir
  let database = await openDatabase({ dataDir, schemaDir, database: opts.database })
  let manager: EmulatorManager | undefined
  if (managed) {
    const reopenable = reopenableDatabase(database, () => openDatabase({ dataDir, schemaDir, database: opts.database }))
    database = reopenable.database
    manager = new EmulatorManager({ dataDir, reopenDatabase: reopenable.reopen })
  }
  if (opts.reset) await database.reset()

  let baseUrl = ''
  const functionsRoot = managed?.functionsRoot ?? opts.functionsRoot ?? path.join(ROOT, 'cloudfunctions')
  const invocations = new InvocationRegistry()
  const functions = new FunctionsRuntime({
    functionsRoot,
    adminUrl: () => `${baseUrl}/admin`,
    envId,
    invocations,
    defaultAppId: appId,
    maxInstancesPerFunction: opts.maxInstancesPerFunction,
    verbose: !opts.quiet,
    functionEnv: opts.functionEnv,
    nodeBinary: opts.nodeBinary,
  })
  const storage = new StorageService({ dir: path.join(dataDir, 'storage'), envId, publicUrl: () => baseUrl, secret, clientRule: opts.storageRule })
  const mediaPush = new MediaCheckPush({
    dir: path.join(dataDir, 'openapi'),
    appId,
    routes: opts.messagePush ?? manager?.messagePushRoutes ?? readMessagePushRoutes(functionsRoot),
    mode: opts.mediaChecks ?? 'auto',
    delayMs: opts.mediaCheckDelayMs ?? 300,
    invoke: (name, event, identity) => functions.invoke(name, event, identity),
  })
  const openapi = new OpenApiService({ dir: path.join(dataDir, 'openapi'), appId, pages: opts.miniprogramPages, onMediaCheck: (rec) => mediaPush.requested(rec) })
  const timers = new TimerService({
    functionsRoot,
    listFunctions: () => functions.listFunctions(),
    invoke: (name, event, identity, options) => functions.invoke(name, event, identity, options),
    clock: opts.timers ?? 'manual',
    startAt: opts.timersStartAt,
    warn: opts.quiet ? undefined : (line) => console.warn(line),
  })
  const faults = new FaultInjector((id, why) => functions.kill(id, why))
  const admin = createAdminHandler({ database: database.handle, functions: functions.handle, storage: storage.handle, wx: openapi.handle }, invocations, faults)
  const gateway = createGateway({ functions, storage, openapi, mediaPush, database, personas, secret, appId, h5Root: opts.h5Root ?? path.join(ROOT, 'dist-h5') })

  let port = 0
  const allowed = createRequestGuard({ port: () => port, host, allowedOrigins: opts.allowedOrigins, inspectorToken })
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!allowed(req, res, url.pathname)) return
    const route = async () => {
      if (url.pathname === '/admin' && req.method === 'POST') return admin(req, res)
      if (await storage.handleHttp(req, res, url.pathname, url.searchParams)) return
      if (await handleTimersApi(timers, req, res, url.pathname)) return
      return gateway(req, res, url.pathname, url.searchParams)
    }
    route().catch((err) => {
      console.error('[emulator] request failed', err)
      if (!res.headersSent) res.writeHead(500).end()
      else res.destroy()
    })
  })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 8787, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  baseUrl = `http://${urlHost}:${port}`
  const inspectorUrl = `${baseUrl}/__/inspector#token=${inspectorToken}`

  if (!opts.quiet) {
    const line = '!'.repeat(72)
    console.log(`\n${line}\n  小哥驿站 local CloudBase emulator — DEVELOPMENT TOOL, NOT FOR PRODUCTION\n  本地模拟器仅供开发测试：演示登录不做任何真实身份校验，切勿对外提供服务。\n  ${baseUrl}\n  inspector: ${inspectorUrl}\n  data: ${dataDir}${host !== '127.0.0.1' && host !== 'localhost' && host !== '::1' ? `\n  WARNING: bound to ${host}, reachable from other machines` : ''}\n${line}\n`)
  }

  if (opts.prewarm) {
    for (const name of functions.listFunctions()) functions.prewarm(name, opts.prewarm).catch(() => undefined)
  }

  let stopped: Promise<void> | undefined
  return {
    url: baseUrl,
    inspectorToken,
    inspectorUrl,
    adminUrl: `${baseUrl}/admin`,
    port,
    host,
    envId,
    appId,
    dataDir,
    database,
    functions,
    storage,
    openapi,
    mediaPush,
    timers,
    invocations,
    faults,
    personas,
    manager,
    stop() {
      stopped ??= (async () => {
        mediaPush.close()
        await timers.close()
        await functions.close()
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
        await database.close()
      })()
      return stopped
    },
  }
}

/** Writes a database snapshot as JSON (canonical EJSON inside the documents is kept as it is). */
export function writeSnapshot(file: string, snapshot: Snapshot): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  fs.writeFileSync(file, `${JSON.stringify(snapshot, null, 2)}\n`)
}

export function readSnapshot(file: string): Snapshot {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Snapshot>
  if (!raw || typeof raw !== 'object' || !raw.collections || typeof raw.collections !== 'object') {
    throw new Error(`${file} is not a snapshot ({ "collections": { name: [documents] } })`)
  }
  return raw as Snapshot
}
