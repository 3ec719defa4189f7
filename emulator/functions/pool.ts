import { FunctionInstance } from './instance'
import type { LogLine } from './types'

interface Waiter {
  resolve: (inst: FunctionInstance, cold: boolean) => void
  reject: (err: Error) => void
}

export interface PoolStats {
  /** instances started since the pool was created */
  spawned: number
  alive: number
  idle: number
  busy: number
  starting: number
  queued: number
}

/**
 * The warm pool of one function: instances are reused (most recently used first), a new one is
 * started only when a caller waits and nothing is idle, up to `max`; beyond that callers queue.
 * Instances of an older code generation are retired when they come back idle.
 */
export class FunctionPool {
  private instances = new Set<FunctionInstance>()
  private idle: FunctionInstance[] = []
  private queue: Waiter[] = []
  private spawned = 0
  private closed = false
  generation = ''

  constructor(
    readonly name: string,
    readonly entry: string,
    private readonly env: () => Record<string, string>,
    private readonly max: number,
    private readonly onLog: (invocationId: string | null, line: LogLine) => void,
    private readonly execPath?: string,
  ) {}

  /** Takes an idle instance (or waits for one); `cold` tells whether the caller waited for a start. */
  acquire(): Promise<{ inst: FunctionInstance; cold: boolean }> {
    if (this.closed) return Promise.reject(new Error(`function ${this.name} is shutting down`))
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve: (inst, cold) => resolve({ inst, cold }), reject })
      this.dispatch()
    })
  }

  /** Gives an instance back after an invocation. */
  release(inst: FunctionInstance): void {
    if (inst.state === 'dead') return
    if (inst.generation !== this.generation || this.closed) {
      this.retire(inst)
      this.dispatch()
      return
    }
    inst.state = 'idle'
    this.idle.push(inst)
    this.dispatch()
  }

  /** Kills an instance (e.g. after a timeout) and starts a replacement so the pool stays warm. */
  replace(inst: FunctionInstance): void {
    this.retire(inst)
    if (!this.closed) this.spawn()
    this.dispatch()
  }

  /** New code was built: idle instances of the old generation go now, busy ones when they finish. */
  setGeneration(gen: string): void {
    if (gen === this.generation) return
    this.generation = gen
    for (const inst of [...this.idle]) if (inst.generation !== gen) this.retire(inst)
  }

  /** Starts instances ahead of demand (e.g. for a benchmark). */
  async prewarm(n: number): Promise<void> {
    const starting: Promise<void>[] = []
    while (this.instances.size < Math.min(n, this.max)) starting.push(this.spawn().ready.catch(() => undefined))
    await Promise.all(starting)
  }

  stats(): PoolStats {
    let busy = 0
    let starting = 0
    for (const i of this.instances) {
      if (i.state === 'busy') busy++
      else if (i.state === 'starting') starting++
    }
    return { spawned: this.spawned, alive: this.instances.size, idle: this.idle.length, busy, starting, queued: this.queue.length }
  }

  async close(): Promise<void> {
    this.closed = true
    for (const w of this.queue.splice(0)) w.reject(new Error(`function ${this.name} is shutting down`))
    const exits = [...this.instances].map((inst) => new Promise<void>((resolve) => {
      if (inst.child.exitCode !== null || inst.child.signalCode !== null) return resolve()
      inst.child.once('exit', () => resolve())
      inst.kill()
    }))
    this.instances.clear()
    this.idle = []
    await Promise.all(exits)
  }

  private retire(inst: FunctionInstance): void {
    this.idle = this.idle.filter((i) => i !== inst)
    this.instances.delete(inst)
    inst.kill()
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const inst = this.idle.pop()
      if (inst) {
        inst.state = 'busy'
        this.queue.shift()!.resolve(inst, false)
        continue
      }
      const starting = [...this.instances].filter((i) => i.state === 'starting').length
      if (starting < this.queue.length && this.instances.size < this.max) {
        this.spawn()
        continue
      }
      break
    }
  }

  private spawn(): FunctionInstance {
    this.spawned++
    const inst = new FunctionInstance(this.name, this.entry, this.generation, this.env(), this.onLog, (dead) => {
      const wasKnown = this.instances.delete(dead)
      this.idle = this.idle.filter((i) => i !== dead)
      // one that died while starting is handled where its start fails (below): dispatching here too
      // would start another for the same waiter, again and again if starting fails at once
      if (wasKnown && !this.closed && dead.wasReady) this.dispatch()
    }, this.execPath)
    this.instances.add(inst)
    inst.ready.then(
      () => {
        if (inst.state !== 'idle') return
        // a waiter that triggered this start gets it (counted as a cold start)
        const w = this.queue.shift()
        if (w) {
          inst.state = 'busy'
          w.resolve(inst, true)
        } else {
          this.idle.push(inst)
        }
        this.dispatch()
      },
      (err: Error) => {
        this.instances.delete(inst)
        // The instance died before loading: fail one waiter rather than retrying forever.
        const w = this.queue.shift()
        if (w) w.reject(err)
        this.dispatch()
      },
    )
    return inst
  }
}
