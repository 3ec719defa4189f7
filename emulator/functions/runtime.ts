import fs from 'node:fs'
import path from 'node:path'
import { CloudbaseError } from '../core/errors'
import type { Invocation, InvocationRegistry } from '../core/invocations'
import type { AdminCall, AdminReply } from '../admin/types'
import { InvocationLog } from './logs'
import { checkEvent, responseTooLarge } from './event-limits'
import type { FunctionInstance } from './instance'
import { FunctionPool, type PoolStats } from './pool'
import { FunctionInvocationError, type Identity, type InvocationRecord, type LogLine } from './types'

export interface FunctionsRuntimeOptions {
  /** directory holding `<name>/index.js` (+ optional `<name>/config.json`) */
  functionsRoot: string
  /** the emulator's admin endpoint, e.g. http://127.0.0.1:8787/admin (read when an instance starts) */
  adminUrl: () => string
  envId: string
  invocations: InvocationRegistry
  /** WX_APPID when the caller gives none */
  defaultAppId?: string
  /** instances per function (default: EMULATOR_MAX_INSTANCES or 8) */
  maxInstancesPerFunction?: number
  /** invocations kept with their logs (default 1000) */
  logCapacity?: number
  /** used when config.json has no `timeout` (seconds; production's default is 3) */
  defaultTimeoutSeconds?: number
  /** print output that cannot be attributed to an invocation (default false) */
  verbose?: boolean
  /** environment variables every function gets, like those set in the CloudBase console (secrets) */
  functionEnv?: Record<string, string>
  /** the Node binary function processes run on, e.g. the runtime chosen in the CloudBase console
   * (default: the emulator's own Node) */
  nodeBinary?: string
}

export interface InvokeOptions {
  /** id of the invocation making this call (function-to-function) */
  parentId?: string
  /** shown as the record's action when the event has none (e.g. `timer:<trigger>`) */
  action?: string
}

export interface InvokeResult {
  result: unknown
  invocation: InvocationRecord
}

interface FunctionConfig {
  timeoutMs: number
  envVariables: Record<string, string>
}

const NAME_RE = /^[A-Za-z0-9_-]{1,60}$/
const WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN'
const BASE_ENV_KEYS = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'TZ', 'SYSTEMROOT', 'USERPROFILE']

/**
 * Runs the built cloud functions the way SCF does: each function has a warm pool of child processes
 * that take one invocation at a time; the caller's identity goes into the WX_* variables of the
 * process for that invocation; a timed-out instance is killed and replaced.
 */
export class FunctionsRuntime {
  readonly log: InvocationLog
  private pools = new Map<string, FunctionPool>()
  private configs = new Map<string, { gen: string; config: FunctionConfig }>()
  private identities = new Map<string, Identity>()
  /** the instance running each invocation (fault injection kills it) */
  private running = new Map<string, FunctionInstance>()
  private readonly max: number
  private closed = false

  constructor(private readonly opts: FunctionsRuntimeOptions) {
    this.log = new InvocationLog(opts.logCapacity ?? 1000)
    this.max = opts.maxInstancesPerFunction ?? (Number(process.env.EMULATOR_MAX_INSTANCES) || 8)
  }

  /** Names of the functions that have a built index.js. */
  listFunctions(): string[] {
    let names: string[] = []
    try {
      names = fs.readdirSync(this.opts.functionsRoot)
    } catch {
      return []
    }
    return names.filter((n) => NAME_RE.test(n) && fs.existsSync(path.join(this.opts.functionsRoot, n, 'index.js'))).sort()
  }

  has(name: string): boolean {
    return NAME_RE.test(name) && fs.existsSync(path.join(this.opts.functionsRoot, name, 'index.js'))
  }

  /** Invokes a function as `identity`; resolves with its return value, rejects with FunctionInvocationError. */
  async invoke(name: string, event: unknown, identity: Identity, options: InvokeOptions = {}): Promise<InvokeResult> {
    if (this.closed) throw new FunctionInvocationError('FUNCTION_ERROR', 'the emulator is shutting down')
    const pool = this.poolFor(name)
    const config = this.configFor(name, pool.generation)
    const source = identity.source ?? 'wx_client'
    const appid = identity.appid ?? this.opts.defaultAppId ?? ''
    const action = typeof (event as { action?: unknown } | null)?.action === 'string' ? (event as { action: string }).action : options.action
    const inv = this.opts.invocations.begin(name, identity.openid, action)
    const rec: InvocationRecord = {
      id: inv.id,
      functionName: name,
      openid: identity.openid,
      appid,
      source,
      action,
      parentId: options.parentId,
      startedAt: inv.startedAt,
      status: 'running',
      counters: inv.counters,
      logs: [],
      coldStart: false,
    }
    this.log.add(rec)
    this.identities.set(inv.id, { ...identity, appid, source })
    try {
      return { result: await this.run(pool, config, inv, rec, event, identity, appid, source), invocation: rec }
    } finally {
      rec.endedAt = Date.now()
      rec.durationMs = rec.endedAt - rec.startedAt
      this.identities.delete(inv.id)
      this.opts.invocations.end(inv)
    }
  }

  /** The admin service for `functions.*` (cloud.callFunction inside a function). */
  handle = async (call: AdminCall): Promise<AdminReply> => {
    if (call.action !== 'functions.invokeFunction') {
      throw new CloudbaseError('INVALID_PARAM', `action ${call.action} is not supported by the local emulator`)
    }
    const name = String(call.body.function_name ?? '')
    let event: unknown = {}
    const raw = call.body.request_data
    if (typeof raw === 'string' && raw !== '') {
      try {
        event = JSON.parse(raw)
      } catch {
        throw new CloudbaseError('INVALID_PARAM', 'request_data is not JSON')
      }
    } else if (raw && typeof raw === 'object') {
      event = raw
    }
    // The callee runs with the CALLER's identity, as in production.
    const parent = call.invocation
    const parentIdentity = parent ? this.identities.get(parent.id) : undefined
    const identity: Identity = parentIdentity
      ? { ...parentIdentity, source: `${parentIdentity.source ?? 'wx_client'},scf` }
      : { openid: parent?.openid ?? '', source: 'scf' }
    try {
      const { result, invocation } = await this.invoke(name, event, identity, { parentId: parent?.id })
      // requestID of callFunction is the callee's execution id (云函数执行 ID，可用于日志查询): the
      // callee's invocation record, whose id its context.request_id also carries
      return { requestId: invocation.id, data: { response_data: JSON.stringify(result === undefined ? null : result) } }
    } catch (err) {
      if (err instanceof FunctionInvocationError) {
        if (err.code === 'FUNCTION_NOT_FOUND') throw new CloudbaseError('FUNCTIONS_REQUEST_FAIL', err.message)
        // a refused event: a bad parameter of the call (the code production answers is not documented)
        if (err.code === 'FUNCTION_INVALID_EVENT' || err.code === 'FUNCTION_EVENT_TOO_LARGE') throw new CloudbaseError('INVALID_PARAM', err.message)
        throw new CloudbaseError('FUNCTIONS_EXECUTE_FAIL', err.message)
      }
      throw err
    }
  }

  getInvocation(id: string): InvocationRecord | undefined {
    return this.log.get(id)
  }

  recentInvocations(opts?: { functionName?: string; openid?: string; limit?: number }): InvocationRecord[] {
    return this.log.list(opts)
  }

  stats(name: string): PoolStats | undefined {
    return this.pools.get(name)?.stats()
  }

  /**
   * SIGKILLs the process running an invocation (fault injection); its caller gets FUNCTION_CRASHED
   * and the pool starts a replacement. Resolves once the process has exited; false when the
   * invocation is not running.
   */
  async kill(invocationId: string, why: string): Promise<boolean> {
    const inst = this.running.get(invocationId)
    if (!inst) return false
    this.log.appendLine(invocationId, { ts: Date.now(), level: 'error', text: `[emulator] ${why}` })
    const exited = inst.child.exitCode !== null || inst.child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => inst.child.once('exit', () => resolve()))
    inst.kill()
    await exited
    return true
  }

  /** Starts `n` instances of a function ahead of demand. */
  async prewarm(name: string, n = 1): Promise<void> {
    await this.poolFor(name).prewarm(n)
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all([...this.pools.values()].map((p) => p.close()))
    this.pools.clear()
  }

  private async run(pool: FunctionPool, config: FunctionConfig, inv: Invocation, rec: InvocationRecord, event: unknown, identity: Identity, appid: string, source: string): Promise<unknown> {
    try {
      checkEvent(event) // before a slot is taken: a refused event costs nothing
    } catch (err) {
      const e = err as FunctionInvocationError
      rec.status = 'error'
      rec.error = e.message
      throw new FunctionInvocationError(e.code, e.message, rec)
    }
    let acquired
    try {
      acquired = await pool.acquire()
    } catch (err) {
      rec.status = 'crashed'
      rec.error = (err as Error).message
      throw new FunctionInvocationError('FUNCTION_CRASHED', rec.error, rec)
    }
    const { inst, cold } = acquired
    rec.coldStart = cold
    rec.nodeVersion = inst.nodeVersion
    this.running.set(inv.id, inst)
    // The slot goes back on every path: released when the instance is known to be intact, replaced
    // (killed, a new one started) otherwise — including on a throw nobody anticipated.
    let intact = false
    let timer: NodeJS.Timeout | undefined
    try {
      const env: Record<string, string> = {
        WX_OPENID: identity.openid,
        WX_APPID: appid,
        WX_UNIONID: identity.unionid ?? '',
        WX_CLIENTIP: identity.clientIp ?? '',
        WX_API_TOKEN: inv.apiToken,
        TCB_SOURCE: source,
      }
      const timeoutMs = config.timeoutMs
      const context = {
        callbackWaitsForEmptyEventLoop: false,
        memory_limit_in_mb: 256,
        time_limit_in_ms: timeoutMs,
        request_id: inv.id,
        function_name: rec.functionName,
        function_version: '$LATEST',
        namespace: this.opts.envId,
        tencentcloud_region: 'ap-shanghai',
        environ: Object.entries({ ...env, SCF_NAMESPACE: this.opts.envId, WX_CONTEXT_KEYS }).map(([k, v]) => `${k}=${v}`).join(';'),
        environment: JSON.stringify({ ...env, SCF_NAMESPACE: this.opts.envId, WX_CONTEXT_KEYS }),
      }
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs)
      })
      const outcome = await Promise.race([inst.run({ id: inv.id, env, event, context }), timedOut])
      if (outcome === 'timeout') {
        const seconds = Math.round(timeoutMs / 100) / 10
        rec.status = 'timeout'
        rec.error = `Invoking task timed out after ${seconds} seconds`
        this.log.appendLine(rec.id, { ts: Date.now(), level: 'error', text: `[emulator] ${rec.error}; instance ${inst.pid} killed and replaced` })
        throw new FunctionInvocationError('FUNCTION_TIMEOUT', rec.error, rec)
      }
      if (!outcome.ok) {
        if (outcome.notSent) {
          intact = true
          rec.status = 'error'
          rec.error = `InvalidParameterValue: ${outcome.error.message}`
          throw new FunctionInvocationError('FUNCTION_INVALID_EVENT', rec.error, rec)
        }
        if (outcome.crashed) {
          rec.status = 'crashed'
          rec.error = outcome.error.message
          throw new FunctionInvocationError('FUNCTION_CRASHED', rec.error, rec)
        }
        intact = true
        rec.status = 'error'
        rec.error = outcome.error.message
        if (outcome.error.stack) this.log.appendLine(rec.id, { ts: Date.now(), level: 'error', text: outcome.error.stack })
        throw new FunctionInvocationError('FUNCTION_ERROR', rec.error, rec, outcome.error.errCode)
      }
      intact = true
      const tooLarge = responseTooLarge(outcome.result)
      if (tooLarge) {
        rec.status = 'error'
        rec.error = tooLarge
        throw new FunctionInvocationError('FUNCTION_ERROR', rec.error, rec)
      }
      rec.status = 'ok'
      return outcome.result === undefined ? undefined : JSON.parse(outcome.result)
    } finally {
      clearTimeout(timer)
      this.running.delete(inv.id)
      if (intact) pool.release(inst)
      else pool.replace(inst)
    }
  }

  private poolFor(name: string): FunctionPool {
    if (!NAME_RE.test(name)) throw new FunctionInvocationError('FUNCTION_NOT_FOUND', `function name ${JSON.stringify(name)} is not valid`)
    const entry = path.join(this.opts.functionsRoot, name, 'index.js')
    let gen: string
    try {
      const st = fs.statSync(entry)
      gen = `${st.mtimeMs}:${st.size}:${st.ino}`
    } catch {
      throw new FunctionInvocationError('FUNCTION_NOT_FOUND', `function ${name} not found (no ${path.relative(process.cwd(), entry) || entry}; build the functions first)`)
    }
    let pool = this.pools.get(name)
    if (!pool) {
      pool = new FunctionPool(name, entry, () => this.baseEnv(name), this.max, (id, line) => this.onLog(name, id, line), this.opts.nodeBinary)
      this.pools.set(name, pool)
    }
    pool.setGeneration(gen) // rebuilt code: new instances load it, old ones retire
    return pool
  }

  private configFor(name: string, gen: string): FunctionConfig {
    const cached = this.configs.get(name)
    if (cached && cached.gen === gen) return cached.config
    const config: FunctionConfig = { timeoutMs: (this.opts.defaultTimeoutSeconds ?? 3) * 1000, envVariables: {} }
    try {
      const raw = JSON.parse(fs.readFileSync(path.join(this.opts.functionsRoot, name, 'config.json'), 'utf8')) as { timeout?: unknown; envVariables?: unknown }
      if (typeof raw.timeout === 'number' && raw.timeout > 0) config.timeoutMs = raw.timeout * 1000
      if (raw.envVariables && typeof raw.envVariables === 'object') {
        for (const [k, v] of Object.entries(raw.envVariables as Record<string, unknown>)) config.envVariables[k] = String(v)
      }
    } catch {
      // no or unreadable config.json: production defaults
    }
    this.configs.set(name, { gen, config })
    return config
  }

  private baseEnv(name: string): Record<string, string> {
    const env: Record<string, string> = {}
    for (const k of BASE_ENV_KEYS) if (process.env[k] !== undefined) env[k] = process.env[k]!
    Object.assign(env, this.configs.get(name)?.config.envVariables)
    Object.assign(env, this.opts.functionEnv)
    Object.assign(env, {
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.opts.adminUrl() }),
      TENCENTCLOUD_SECRETID: 'local-emulator-secret-id',
      TENCENTCLOUD_SECRETKEY: 'local-emulator-secret-key',
      TENCENTCLOUD_SESSIONTOKEN: '',
      TENCENTCLOUD: 'true',
      SCF_NAMESPACE: this.opts.envId,
      SCF_FUNCTIONNAME: name,
      WX_CONTEXT_KEYS,
      NODE_ENV: process.env.NODE_ENV === 'test' ? 'test' : 'development',
    })
    return env
  }

  private onLog(name: string, id: string | null, line: LogLine): void {
    if (id && this.log.appendLine(id, line)) return
    if (this.opts.verbose) process.stderr.write(`[fn ${name}] ${line.text}\n`)
  }
}
