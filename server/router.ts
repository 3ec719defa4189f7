import * as z from 'zod/mini'
import { contract, type ActionName, type FnName, type OutputOf, type ParsedInputOf } from '../domain/contract'
import { AppError } from '../domain/errors'
import type { Envelope } from '../domain/envelope'
import { parseOrThrow } from '../domain/validation'
import type { Role, UserDoc } from '../domain/user/model'
import { acceptsCurrentNotice, type ConsentDoc } from '../domain/user/consent'
import { loadOrCreateCaller } from './caller'
import { callerOpenid, database } from './cloud'
import { findById } from './db'
import type { Access, ActionContext } from './context'
import { logError } from './log'
import { CONSENTS, USERS } from './collections'

export interface ActionDefinition<F extends FnName, A extends ActionName<F>> {
  access: Access
  handler: (input: ParsedInputOf<F, A>, ctx: ActionContext) => Promise<OutputOf<F, A>>
}

type Handlers<F extends FnName> = { [A in ActionName<F>]: ActionDefinition<F, A> }

/** Typed helper so each action file states its access and gets its input/output types from the contract. */
export const defineAction = <F extends FnName, A extends ActionName<F>>(
  _fn: F,
  _action: A,
  def: ActionDefinition<F, A>,
): ActionDefinition<F, A> => def

/**
 * The request a function receives. WeChat adds `userInfo` to events from the mini-program; it is
 * ignored (identity comes from getWXContext). Anything else unknown is refused.
 */
const requestSchema = z.strictObject({
  action: z.string().check(z.regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/, { error: '「action」格式不正确' })),
  input: z.optional(z.unknown()),
  requestId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))),
  ifConsented: z.optional(z.boolean()),
  userInfo: z.optional(z.unknown()),
})

let fallbackSeq = 0
const newRequestId = () => `r${Date.now().toString(36)}${(fallbackSeq++ % 1296).toString(36)}${Math.random().toString(36).slice(2, 8)}`

/**
 * A timer trigger's event, `{ Type: 'Timer', TriggerName, Time }` (SCF). It carries no OPENID: only
 * the trigger itself or an operator with the environment's API keys can send one.
 */
export interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  Time?: string
}

export const isTimerEvent = (e: unknown): e is TimerEvent =>
  !!e && typeof e === 'object' && (e as { Type?: unknown }).Type === 'Timer' && typeof (e as { TriggerName?: unknown }).TriggerName === 'string'

/** A message push (e.g. `wxa_media_check`) the function accepts and what it does with one. */
export interface PushHandler<E, R> {
  accepts: (event: unknown) => event is E
  handle: (event: E) => Promise<R>
}

/**
 * WeChat adds `userInfo` to every call made from the mini-program (and overwrites a client's own),
 * never to a message push or a timer: an event with it is a client pretending to be the platform.
 */
const fromClient = (event: object) => 'userInfo' in event

export interface RouterOptions {
  /** how the router loads the caller's users document for role checks */
  loadUser?: (ctx: Omit<ActionContext, 'user'>) => Promise<UserDoc | null>
  /** how it creates the document of a caller it has never seen (an unverified rider) */
  createUser?: (ctx: Omit<ActionContext, 'user'>) => Promise<UserDoc>
  /** whether the caller has accepted the privacy notice in force (asked for `ifConsented` requests) */
  noticeAccepted?: (ctx: Omit<ActionContext, 'user'>) => Promise<boolean>
  now?: () => Date
  /** runs a timer trigger's event; the router hands it over only when there is no caller identity */
  timers?: (event: TimerEvent) => Promise<unknown>
  /** message pushes the function accepts; the router hands one over only when no client sent it */
  pushes?: { accepts: (event: unknown) => boolean; handle: (event: never) => Promise<unknown> }
}

/** What `main` answers besides the Envelope: whatever the function's timers and pushes return. */
type NonClientResult<O> =
  | (O extends { timers: (e: TimerEvent) => Promise<infer T> } ? T : never)
  | (O extends { pushes: { handle: (e: never) => Promise<infer P> } } ? P : never)

/**
 * The single action router every cloud function exports as `main`: action lookup, strict input
 * validation, caller from OPENID only, the privacy notice's consent when the app asks for it
 * (`ifConsented`), role check, and every outcome mapped to the Envelope.
 */
export function createRouter<F extends FnName, O extends RouterOptions = RouterOptions>(
  fn: F,
  handlers: Handlers<F>,
  options: O = {} as O,
): (event: unknown) => Promise<Envelope<unknown> | NonClientResult<O>> {
  const loadUser = options.loadUser ?? defaultLoadUser
  const createUser = options.createUser ?? defaultCreateUser
  const noticeAccepted = options.noticeAccepted ?? defaultNoticeAccepted
  const now = options.now ?? (() => new Date())
  const specs = contract[fn] as Record<string, { input: z.ZodMiniType }>
  const pushes = options.pushes as PushHandler<unknown, unknown> | undefined // accepts() narrows the event handle() takes

  return async function main(event: unknown): Promise<Envelope<unknown> | NonClientResult<O>> {
    // Non-client events: a timer has no OPENID and a push no userInfo. Anything else, or one that
    // fails its check, is a client request and goes through validation and the role checks below.
    if (options.timers && isTimerEvent(event) && !callerOpenid()) return (await options.timers(event)) as NonClientResult<O>
    if (pushes && pushes.accepts(event) && !fromClient(event as object)) return (await pushes.handle(event)) as NonClientResult<O>
    let requestId = newRequestId()
    try {
      const request = parseOrThrow(requestSchema, event)
      if (request.requestId) requestId = request.requestId
      const name = request.action
      const spec = Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined
      const def = spec && (handlers as Record<string, ActionDefinition<F, ActionName<F>>>)[name]
      if (!spec || !def) throw new AppError('VALIDATION', `云函数「${fn}」没有操作「${name}」`, { field: 'action' })

      const input = parseOrThrow(spec.input, request.input ?? {})
      const openid = callerOpenid()
      if (!openid) throw new AppError('UNAUTHENTICATED', '无法识别你的微信身份，请重新打开小程序')

      const base = { openid, requestId, db: database(), now }
      // before anything about the caller is read or created (their users document included)
      if (request.ifConsented && !(await noticeAccepted(base))) throw new AppError('NOTICE_REQUIRED')
      let user: UserDoc | null = null
      if (def.access !== 'any') {
        const allowed: readonly Role[] = typeof def.access === 'string' ? [def.access] : def.access
        // Someone who never called before is an unverified rider: whatever tab they open first, an
        // action open to riders makes their document now. Staff-only actions create nothing.
        const found = (await loadUser(base)) ?? (allowed.includes('rider') ? await createUser(base) : null)
        if (!found || !allowed.some((r) => found.roles.includes(r))) throw new AppError('FORBIDDEN', forbiddenMessage(allowed[0]))
        user = found
      }
      const data = await def.handler(input as ParsedInputOf<F, ActionName<F>>, { ...base, user })
      return { ok: true, data, requestId }
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: { ...err.toBody(), requestId } }
      logError(requestId, `${fn}`, err)
      return { ok: false, error: new AppError('INTERNAL', undefined, { requestId }).toBody() }
    }
  }
}

const forbiddenMessage = (role: Role) =>
  ({
    rider: '仅骑手可以使用此功能',
    worker: '仅社区工作者可以进行此操作',
    merchant: '仅已认证的爱心商家可以进行此操作',
    admin: '仅管理员可以进行此操作',
  })[role]

const defaultLoadUser = (ctx: Omit<ActionContext, 'user'>): Promise<UserDoc | null> => findById<UserDoc>(ctx.db, USERS, ctx.openid)

const defaultNoticeAccepted = async (ctx: Omit<ActionContext, 'user'>): Promise<boolean> =>
  acceptsCurrentNotice(await findById<ConsentDoc>(ctx.db, CONSENTS, ctx.openid))

/** The load above found nothing, so go straight to the insert (a lost race reads the winner). */
const defaultCreateUser = async (ctx: Omit<ActionContext, 'user'>): Promise<UserDoc> => (await loadOrCreateCaller(ctx, null)).user
