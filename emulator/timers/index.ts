/**
 * Timer triggers (定时触发器): each built function's `config.json` triggers fire on their cron
 * (Asia/Shanghai) with the event SCF delivers, `{ Type: 'Timer', TriggerName, Time, Message }`
 * (https://cloud.tencent.com/document/product/583/9708, Time in UTC), and no caller: OPENID and APPID
 * empty, SOURCE `wx_trigger` (云函数定时触发器调用, Cloud.getWXContext reference). The clock is
 * controllable: `advance` fires every trigger due on the way, in order, each with its own Time;
 * `set` jumps without firing; `fire` runs one trigger now. Firings go through the functions runtime,
 * so they show in the function logs like any invocation.
 */
import type { Identity, InvokeOptions, InvokeResult } from '../functions'
import { FunctionInvocationError } from '../functions'
import { TimerClock, type ClockMode } from './clock'
import { configStamp, readFunctionTriggers, type FunctionTriggers, type TriggerDeclaration } from './config'
import { timerEventTime } from './cron'

export { parseTimerCron, timerEventTime, CronSyntaxError, TIMER_TIME_ZONE } from './cron'
export { readFunctionTriggers } from './config'
export type { ClockMode } from './clock'

/** What a timer trigger delivers to the function. */
export interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  /** the scheduled time, UTC, whole seconds: `2031-01-01T16:10:00Z` */
  Time: string
  /** the trigger's 附加信息; 云开发's config.json has no field for it, so always '' */
  Message: string
}

export const TIMER_SOURCE = 'wx_trigger'

export interface TimerServiceOptions {
  functionsRoot: string
  /** the functions that are built (a trigger of a function without index.js is not deployed) */
  listFunctions: () => string[]
  invoke: (name: string, event: unknown, identity: Identity, options?: InvokeOptions) => Promise<InvokeResult>
  /** `real` (default): ticks with the machine's clock; `manual`: only `set`/`advance` move it */
  clock?: ClockMode
  /** where the clock starts (default now) */
  startAt?: number
  /** told about config problems (once per config version) */
  warn?: (line: string) => void
  /** firings kept (default 200) */
  historySize?: number
  realNow?: () => number
}

export interface TriggerView {
  functionName: string
  name: string
  config: string
  /** next fire time (ISO), null when refused or never again */
  next: string | null
  problems: string[]
  /** problems of the function's config.json as a whole */
  configProblems: string[]
}

export interface TimerFiring {
  functionName: string
  triggerName: string
  /** the event's Time */
  time: string
  /** why it ran: on schedule (clock) or `fire` */
  cause: 'schedule' | 'manual'
  invocationId?: string
  status: 'ok' | 'error' | 'timeout' | 'crashed' | 'not-found'
  error?: string
  /** what the function returned (not delivered anywhere in production; kept for tests and the inspector) */
  result?: unknown
  durationMs: number
}

/** Longest real-time wait before the schedule is looked at again (config edits, clock moves). */
const MAX_SLEEP_MS = 5_000
/** An `advance` that would fire more than this is stopped there (e.g. a yearly jump over a per-second trigger). */
export const MAX_FIRINGS_PER_ADVANCE = 10_000

interface Scheduled {
  decl: TriggerDeclaration
  next: number | null
}

const key = (fn: string, name: string, config = '') => `${fn}\u0000${name}\u0000${config}`

export class TimerService {
  readonly clock: TimerClock
  private configs = new Map<string, FunctionTriggers>()
  private scheduled = new Map<string, Scheduled>()
  private history: TimerFiring[] = []
  private chain: Promise<unknown> = Promise.resolve()
  private sleeper?: NodeJS.Timeout
  private closed = false

  constructor(private readonly opts: TimerServiceOptions) {
    this.clock = new TimerClock(opts.clock ?? 'real', opts.startAt, opts.realNow)
    this.refresh()
    if (this.clock.mode === 'real') this.sleep()
  }

  now(): Date {
    return new Date(this.clock.now())
  }

  /** Every declared trigger of the built functions, with its next fire time or why it is refused. */
  list(): TriggerView[] {
    this.refresh()
    const out: TriggerView[] = []
    for (const cfg of this.configs.values()) {
      for (const decl of cfg.triggers) {
        const s = this.scheduled.get(key(decl.functionName, decl.name, decl.config))
        out.push({
          functionName: decl.functionName,
          name: decl.name,
          config: decl.config,
          next: s?.next != null ? new Date(s.next).toISOString() : null,
          problems: decl.problems,
          configProblems: cfg.problems,
        })
      }
    }
    return out.sort((a, b) => a.functionName.localeCompare(b.functionName) || a.name.localeCompare(b.name))
  }

  /** Recent firings, newest first. */
  firings(limit = 50): TimerFiring[] {
    return this.history.slice(-limit).reverse()
  }

  /**
   * Moves the clock forward by `ms`, firing every trigger due on the way in time order (ties by
   * function, then trigger name), each with its own scheduled Time; resolves with those firings.
   */
  advance(ms: number): Promise<TimerFiring[]> {
    if (!Number.isFinite(ms) || ms < 0) return Promise.reject(new RangeError('advance needs a duration ≥ 0 ms'))
    return this.serial(async () => {
      this.refresh()
      const target = this.clock.now() + ms
      const fired: TimerFiring[] = []
      for (;;) {
        const due = this.earliest(target)
        if (!due) break
        if (fired.length >= MAX_FIRINGS_PER_ADVANCE) {
          throw new RangeError(`advance stopped at ${new Date(this.clock.now()).toISOString()} after ${fired.length} firings; advance in smaller steps`)
        }
        this.clock.set(due.next!)
        fired.push(await this.run(due, due.next!, 'schedule'))
      }
      this.clock.set(target)
      return fired
    })
  }

  /** Moves the clock to `at` without firing what lies between; the schedule continues from there. */
  set(at: number | string | Date): Promise<Date> {
    const ms = new Date(at).getTime()
    if (!Number.isFinite(ms)) return Promise.reject(new RangeError(`not a time: ${String(at)}`))
    return this.serial(async () => {
      this.clock.set(ms)
      this.refresh()
      for (const s of this.scheduled.values()) s.next = s.decl.schedule?.next(new Date(ms))?.getTime() ?? null
      return this.now()
    })
  }

  /** Fires one trigger now (Time = the clock's now); the schedule is unchanged. */
  fire(functionName: string, triggerName: string): Promise<TimerFiring> {
    return this.serial(async () => {
      this.refresh()
      const s = [...this.scheduled.values()].find((x) => x.decl.functionName === functionName && x.decl.name === triggerName)
      if (!s) {
        const refused = this.configs.get(functionName)?.triggers.find((t) => t.name === triggerName)
        throw new TimerNotFound(refused ? `trigger ${functionName}/${triggerName} is refused: ${refused.problems.join('; ')}` : `function ${functionName} has no timer trigger ${triggerName}`)
      }
      return this.run(s, this.clock.now(), 'manual')
    })
  }

  /** Waits until firings under way are done. */
  async settle(): Promise<void> {
    await this.chain.catch(() => undefined)
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.sleeper) clearTimeout(this.sleeper)
    await this.settle()
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const p = this.chain.then(job, job)
    this.chain = p.catch(() => undefined)
    return p
  }

  private earliest(limit: number): Scheduled | undefined {
    let best: Scheduled | undefined
    for (const s of this.scheduled.values()) {
      if (s.next === null || s.next > limit) continue
      if (!best || s.next < best.next! || (s.next === best.next && key(s.decl.functionName, s.decl.name) < key(best.decl.functionName, best.decl.name))) best = s
    }
    return best
  }

  private async run(s: Scheduled, at: number, cause: TimerFiring['cause']): Promise<TimerFiring> {
    const { functionName, name } = s.decl
    if (cause === 'schedule') s.next = s.decl.schedule?.next(new Date(at))?.getTime() ?? null
    const event: TimerEvent = { Type: 'Timer', TriggerName: name, Time: timerEventTime(at), Message: '' }
    const firing: TimerFiring = { functionName, triggerName: name, time: event.Time, cause, status: 'ok', durationMs: 0 }
    const started = Date.now()
    try {
      const { result, invocation } = await this.opts.invoke(functionName, event, { openid: '', appid: '', source: TIMER_SOURCE }, { action: `timer:${name}` })
      firing.invocationId = invocation.id
      firing.result = result
    } catch (err) {
      if (!(err instanceof FunctionInvocationError)) throw err
      firing.status = err.code === 'FUNCTION_TIMEOUT' ? 'timeout' : err.code === 'FUNCTION_CRASHED' ? 'crashed' : err.code === 'FUNCTION_NOT_FOUND' ? 'not-found' : 'error'
      firing.error = err.message
      firing.invocationId = err.invocation?.id
    }
    firing.durationMs = Date.now() - started
    this.history.push(firing)
    if (this.history.length > (this.opts.historySize ?? 200)) this.history.shift()
    return firing
  }

  /** Re-reads the triggers of the built functions whose config.json changed; keeps the schedule of unchanged ones. */
  private refresh(): void {
    const names = new Set(this.opts.listFunctions())
    for (const fn of [...this.configs.keys()]) {
      if (!names.has(fn)) this.configs.delete(fn)
    }
    for (const fn of names) {
      const cached = this.configs.get(fn)
      if (cached && cached.stamp === configStamp(this.opts.functionsRoot, fn)) continue
      const cfg = readFunctionTriggers(this.opts.functionsRoot, fn)
      this.configs.set(fn, cfg)
      const problems = [...cfg.problems, ...cfg.triggers.flatMap((t) => t.problems.map((p) => `${t.name}: ${p}`))]
      for (const p of problems) this.opts.warn?.(`[emulator] timer triggers of ${fn}: ${p}`)
    }
    const wanted = new Map<string, TriggerDeclaration>()
    for (const cfg of this.configs.values()) for (const d of cfg.triggers) if (d.schedule) wanted.set(key(d.functionName, d.name, d.config), d)
    for (const k of [...this.scheduled.keys()]) if (!wanted.has(k)) this.scheduled.delete(k)
    const now = new Date(this.clock.now())
    for (const [k, decl] of wanted) {
      if (!this.scheduled.has(k)) this.scheduled.set(k, { decl, next: decl.schedule!.next(now)?.getTime() ?? null })
    }
  }

  /** Real-time mode: wakes at the next due time (at most every few seconds) and fires what is due. */
  private sleep(): void {
    if (this.closed) return
    this.refresh()
    const due = this.earliest(Number.POSITIVE_INFINITY)
    const wait = due ? Math.max(0, Math.min(MAX_SLEEP_MS, due.next! - this.clock.now())) : MAX_SLEEP_MS
    this.sleeper = setTimeout(() => {
      this.serial(async () => {
        this.refresh()
        for (let d = this.earliest(this.clock.now()); d && !this.closed; d = this.earliest(this.clock.now())) await this.run(d, d.next!, 'schedule')
      })
        .catch((err) => this.opts.warn?.(`[emulator] timer firing failed: ${String((err as Error)?.message ?? err)}`))
        .finally(() => this.sleep())
    }, wait)
    this.sleeper.unref()
  }
}

export class TimerNotFound extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TimerNotFound'
  }
}
