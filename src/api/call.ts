import { AppError, ERROR_CODES, type ErrorBody, type ErrorCode } from '@domain/errors'
import type { ActionName, FnName, InputOf, OutputOf } from '@domain/contract'
import type { CallRequest } from '@domain/envelope'
import { send } from './transport'
import { DEFAULT_TIMEOUT_MS } from './transport-types'
import { newRequestId } from './request-id'
import { remember } from './cache'
import { earlyKey } from '@/first-reads'

export interface CallOptions {
  timeoutMs?: number
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

const isErrorBody = (v: unknown): v is ErrorBody =>
  isObject(v) && typeof v.code === 'string' && typeof v.message === 'string'

/**
 * Decides how a call leaves (the privacy notice, src/privacy/notice.ts): `open` plainly, possibly
 * after a wait; `ifConsented` at once, for the server to refuse (NOTICE_REQUIRED) unless the caller
 * has accepted the notice — while the app does not know yet, so that the first personal read of a
 * launch leaves beside the notice's question instead of after its answer. Asked with `wait`, it
 * answers `open` only once the call may leave plainly. Rejecting fails the call.
 */
export type GateAnswer = 'open' | 'ifConsented'
export type CallGate = (fn: string, action: string, options: { wait: boolean }) => Promise<GateAnswer> | GateAnswer
let gate: CallGate | null = null

/** Installed once by the app at launch; unit tests of pages run without one. */
export function setCallGate(next: CallGate | null): void {
  gate = next
}

/** Calls started before their page asked (`prefetch`), by fn, action and input; taken once. */
const early = new Map<string, { at: number; answer: Promise<unknown> }>()
/** every early call of this launch: one each, even once the page has taken it */
const started = new Set<string>()
/** An early answer older than this is asked again: the page may have come much later. */
const EARLY_TTL_MS = 15_000

/** h5: the first reads index.html started before app.js ran (config/route-preload.ts), taken once */
function fromDocument(key: string): { answer: Promise<unknown>; requestId: string } | undefined {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return undefined
  const started = (window as { __xgEarly?: Record<string, { at: number; requestId: string; answer: Promise<unknown> } | undefined> }).__xgEarly
  const read = started?.[key]
  if (!read) return undefined
  delete started[key]
  return Date.now() - read.at < EARLY_TTL_MS ? read : undefined
}

/**
 * Starts a read before the page that needs it has loaded (the entry page's list, from the app's
 * launch): the page's own `call` with the same input then takes this answer instead of asking again.
 */
export function prefetch<F extends FnName, A extends ActionName<F>>(fn: F, action: A, input: InputOf<F, A>): void {
  const key = earlyKey(fn, action, input)
  if (started.has(key)) return
  started.add(key)
  const answer = call(fn, action, input)
  answer.catch(() => undefined)
  early.set(key, { at: Date.now(), answer })
}

/**
 * The one typed client: calls `action` of cloud function `fn`. Resolves with the action's output;
 * every failure rejects with an AppError carrying a stable code, a Chinese message and the
 * request id (network → NETWORK, time-out → TIMEOUT, malformed answer → INTERNAL).
 */
export async function call<F extends FnName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: InputOf<F, A>,
  options: CallOptions = {},
): Promise<OutputOf<F, A>> {
  const key = earlyKey(fn, action, input)
  const pending = early.get(key)
  if (pending) {
    early.delete(key)
    if (Date.now() - pending.at < EARLY_TTL_MS) return pending.answer as Promise<OutputOf<F, A>>
  }
  const what = `${fn}.${action}`
  const settle = ({ answer, requestId }: Sent): OutputOf<F, A> => {
    const data = unwrap<OutputOf<F, A>>(answer, requestId, what)
    remember(fn, action, input, data)
    return data
  }
  // a refusal for the notice: the call waits at the gate (the notice shows), then leaves again
  let refused = false
  const inDocument = fromDocument(key)
  if (inDocument) {
    // its answer if it came; a network failure is asked again below (errors the server answered are the answer)
    const answer = await inDocument.answer.catch(() => undefined)
    if (answer !== undefined) {
      if (!refusedForNotice(answer)) return settle({ answer, requestId: inDocument.requestId })
      refused = true
    }
  }
  const how = gate ? await gate(fn, action, { wait: refused }) : 'open'
  const sent = await sendOnce(fn, { action, input }, options, how === 'ifConsented')
  if (how !== 'ifConsented' || !refusedForNotice(sent.answer)) return settle(sent)
  await gate?.(fn, action, { wait: true })
  return settle(await sendOnce(fn, { action, input }, options, false))
}

interface Sent {
  answer: unknown
  requestId: string
}

/** One request with a new id; failures to reach the function become AppErrors carrying that id. */
async function sendOnce(fn: string, body: Pick<CallRequest, 'action' | 'input'>, options: CallOptions, ifConsented: boolean): Promise<Sent> {
  const requestId = newRequestId()
  const request: CallRequest = { ...body, requestId, ...(ifConsented ? { ifConsented: true as const } : {}) }
  try {
    return { answer: await send(fn, request, { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS }), requestId }
  } catch (err) {
    if (err instanceof AppError) {
      throw err.requestId ? err : new AppError(err.code, err.message, { field: err.field, requestId })
    }
    throw new AppError('NETWORK', undefined, { requestId })
  }
}

/** The router's answer to an `ifConsented` request of someone who has not accepted the notice. */
const refusedForNotice = (answer: unknown): boolean =>
  isObject(answer) && answer.ok === false && isObject(answer.error) && answer.error.code === ('NOTICE_REQUIRED' satisfies ErrorCode)

/** Turns an Envelope into its data, or throws the AppError it carries. */
export function unwrap<T>(answer: unknown, requestId: string, what = 'call'): T {
  if (isObject(answer) && answer.ok === true && 'data' in answer) return answer.data as T
  if (isObject(answer) && answer.ok === false && isErrorBody(answer.error)) {
    const body = answer.error
    const known = (ERROR_CODES as readonly string[]).includes(body.code)
    if (!known) console.error(`[api] ${what}: 未知错误码 ${body.code}`, requestId)
    return throwBody({ ...body, requestId: body.requestId || requestId })
  }
  console.error(`[api] ${what}: 应答格式不正确`, requestId)
  throw new AppError('INTERNAL', undefined, { requestId })
}

function throwBody(body: ErrorBody): never {
  throw AppError.fromBody(body)
}
