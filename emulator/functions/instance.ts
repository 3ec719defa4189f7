import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import type { LogLine } from './types'

const CHILD_ENTRY = path.join(__dirname, 'child.js')

export interface RunRequest {
  id: string
  env: Record<string, string>
  event: unknown
  context: Record<string, unknown>
}

export type RunOutcome =
  | { ok: true; result?: string }
  | {
      ok: false
      error: { message: string; stack?: string; errCode?: number }
      /** the process is gone (or unreachable): replace it */
      crashed?: boolean
      /** sending the invocation threw before anything reached the child: the instance is intact */
      notSent?: boolean
    }

let spawnCounter = 0

/**
 * One child process running one function's code, one invocation at a time (see child.js for the
 * IPC protocol). Created by FunctionPool; the runtime decides when to kill it.
 */
export class FunctionInstance {
  readonly child: ChildProcess
  readonly ready: Promise<void>
  readonly serial = ++spawnCounter
  state: 'starting' | 'idle' | 'busy' | 'dead' = 'starting'
  loadError?: string
  /** `process.version` of the Node the instance runs on (reported when it is ready) */
  nodeVersion?: string
  /** it loaded and said ready (an instance that dies while starting never does) */
  wasReady = false
  private pending?: { id: string; resolve: (o: RunOutcome) => void }
  private stderrTail = ''

  constructor(
    readonly functionName: string,
    readonly entry: string,
    /** identifies the code version (index.js mtime and size) the instance loaded */
    readonly generation: string,
    env: Record<string, string>,
    private readonly onLog: (invocationId: string | null, line: LogLine) => void,
    private readonly onExit: (inst: FunctionInstance) => void,
    /** the Node binary to run the function on (default: the emulator's own, process.execPath) */
    execPath?: string,
  ) {
    this.child = fork(CHILD_ENTRY, [entry], {
      cwd: path.dirname(entry),
      env,
      execPath,
      execArgv: [], // never inherit tsx/jest loaders: the child is plain JS and must start fast
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    })
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.setEncoding('utf8')
      stream?.on('data', (text: string) => {
        this.stderrTail = (this.stderrTail + text).slice(-2000)
        this.onLog(this.pending?.id ?? null, { ts: Date.now(), level: stream === this.child.stderr ? 'error' : 'log', text: text.replace(/\n$/, '') })
      })
    }
    this.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { t?: string; loadError?: { message: string; stack?: string }; nodeVersion?: string }) => {
        if (m?.t !== 'ready') return
        this.child.off('message', onMessage)
        this.wasReady = true
        this.nodeVersion = m.nodeVersion
        if (m.loadError) this.loadError = m.loadError.stack || m.loadError.message
        if (this.state === 'starting') this.state = 'idle'
        resolve()
      }
      this.child.on('message', onMessage)
      this.child.once('exit', (code, signal) => {
        reject(new Error(`function ${functionName} instance exited while starting (code ${code}, signal ${signal})${this.stderrTail ? `: ${this.stderrTail.trim()}` : ''}`))
      })
    })
    this.ready.catch(() => undefined) // observed by the pool; avoid an unhandled rejection here
    this.child.on('message', (m: { t?: string; id?: string; level?: LogLine['level']; text?: string; ts?: number; ok?: boolean; result?: string; error?: { message: string; stack?: string; errCode?: number } }) => {
      if (m?.t === 'log') {
        this.onLog(m.id ?? null, { ts: m.ts ?? Date.now(), level: m.level ?? 'log', text: m.text ?? '' })
      } else if (m?.t === 'done' && this.pending && m.id === this.pending.id) {
        const { resolve } = this.pending
        this.pending = undefined
        resolve(m.ok ? { ok: true, result: m.result } : { ok: false, error: m.error ?? { message: 'unknown error' } })
      }
    })
    this.child.on('exit', (code, signal) => {
      this.state = 'dead'
      if (this.pending) {
        const { resolve } = this.pending
        this.pending = undefined
        resolve({ ok: false, crashed: true, error: { message: `function instance exited during the invocation (code ${code}, signal ${signal})${this.stderrTail ? `: ${this.stderrTail.trim().slice(-500)}` : ''}` } })
      }
      this.onExit(this)
    })
    this.child.on('error', (err) => {
      // 'exit' follows, except when the process could not start at all (e.g. no such Node binary):
      // then only 'error' comes, so report it as an exit that never started
      if (this.child.pid === undefined && this.state !== 'dead') {
        this.stderrTail += `cannot start ${execPath ?? process.execPath}: ${err.message}`
        this.child.emit('exit', null, null)
      }
    })
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  run(req: RunRequest): Promise<RunOutcome> {
    if (this.state === 'dead') return Promise.resolve({ ok: false, crashed: true, error: { message: 'function instance is gone' } })
    this.state = 'busy'
    return new Promise<RunOutcome>((resolve) => {
      this.pending = { id: req.id, resolve }
      try {
        this.child.send({ t: 'inv', ...req }, (err) => {
          if (err && this.pending?.id === req.id) {
            this.pending = undefined
            resolve({ ok: false, crashed: true, error: { message: `could not reach the function instance: ${err.message}` } })
          }
        })
      } catch (err) {
        // serialising the message threw (e.g. a value whose toJSON throws): nothing was written
        this.pending = undefined
        resolve({ ok: false, notSent: true, error: { message: `the event could not be sent to the function: ${(err as Error).message}` } })
      }
    })
  }

  kill(): void {
    if (this.state !== 'dead' && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL')
    this.state = 'dead'
  }
}
