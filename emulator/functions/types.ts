import type { OperationCounters } from '../core/invocations'

/** Who is calling a function: what the runtime puts into WX_OPENID, WX_APPID, … for the invocation. */
export interface Identity {
  openid: string
  appid?: string
  unionid?: string
  clientIp?: string
  /** TCB_SOURCE, e.g. `wx_client` for a mini-program call, `wx_client,scf` for a function-to-function call */
  source?: string
}

export interface LogLine {
  ts: number
  level: 'log' | 'info' | 'warn' | 'error' | 'debug'
  text: string
}

export type InvocationStatus = 'running' | 'ok' | 'error' | 'timeout' | 'crashed'

/** What the emulator keeps about one invocation (ring buffer; tests and the inspector read it). */
export interface InvocationRecord {
  id: string
  functionName: string
  openid: string
  appid: string
  source: string
  /** the event's `action`, when it has one (the project's functions are routers of named actions) */
  action?: string
  /** id of the invocation whose code called this one through cloud.callFunction */
  parentId?: string
  startedAt: number
  endedAt?: number
  durationMs?: number
  status: InvocationStatus
  error?: string
  /** database operations made during the invocation (the same object the database service counts into) */
  counters: OperationCounters
  logs: LogLine[]
  /** true when the invocation waited for a new instance to start (a cold start) */
  coldStart: boolean
  /** the Node version of the process that ran it (`process.version`) */
  nodeVersion?: string
}

export type FunctionErrorCode =
  | 'FUNCTION_NOT_FOUND'
  | 'FUNCTION_TIMEOUT'
  | 'FUNCTION_ERROR'
  | 'FUNCTION_CRASHED'
  /** the event is not JSON the runtime can hand over (SCF 400 InvalidParameterValue); nothing ran */
  | 'FUNCTION_INVALID_EVENT'
  /** the event is over 6 MB (SCF 406 RequestTooLarge); nothing ran */
  | 'FUNCTION_EVENT_TOO_LARGE'

/** Thrown by FunctionsRuntime.invoke when the function did not return a value. */
export class FunctionInvocationError extends Error {
  constructor(
    readonly code: FunctionErrorCode,
    message: string,
    readonly invocation?: InvocationRecord,
    /** errCode of a CloudSDKError thrown inside the function, if any */
    readonly errCode?: number,
  ) {
    super(message)
    this.name = 'FunctionInvocationError'
  }
}
