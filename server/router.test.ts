import { AppError } from '../domain/errors'
import type { UserDoc } from '../domain/user/model'
import type { Access } from './context'
import { createRouter, defineAction } from './router'

// The router reads identity through wx-server-sdk's getWXContext(), which reads the runtime's
// environment; these tests set it the way the function runtime does, per call.
const asCaller = (openid: string | undefined) => {
  process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID'
  if (openid) process.env.WX_OPENID = openid
  else delete process.env.WX_OPENID
}

const userDoc = (roles: UserDoc['roles']): UserDoc => ({
  _id: 'o-1',
  nickname: 'n',
  roles,
  workerCommunityIds: [],
  verification: { status: 'unverified' },
  createdAt: new Date(0),
  updatedAt: new Date(0),
})

beforeAll(() => {
  process.env.TENCENTCLOUD_SECRETID = 'local'
  process.env.TENCENTCLOUD_SECRETKEY = 'local'
  process.env.SCF_NAMESPACE = 'router-test'
  process.env.TENCENTCLOUD = 'true'
})

const meView = { nickname: 'n', roles: [], workerCommunityIds: [], verification: { status: 'unverified' as const }, isNew: false, createdAt: '1970-01-01T00:00:00.000Z' }

function routerWith(access: Access, handler = jest.fn(async () => meView), user: UserDoc | null = null, accepted = true) {
  const loadUser = jest.fn(async () => user)
  const createUser = jest.fn(async () => userDoc(['rider']))
  const noticeAccepted = jest.fn(async () => accepted)
  const main = createRouter('user', { me: defineAction('user', 'me', { access, handler }) }, { loadUser, createUser, noticeAccepted })
  return { main, handler, loadUser, createUser, noticeAccepted }
}

describe('router', () => {
  it('answers ok with the handler output and echoes the request id', async () => {
    asCaller('o-1')
    const { main, handler } = routerWith('any')
    const res = await main({ action: 'me', input: {}, requestId: 'req-1', userInfo: { openId: 'ignored' } })
    expect(res).toEqual({ ok: true, data: meView, requestId: 'req-1' })
    expect(handler).toHaveBeenCalledWith({}, expect.objectContaining({ openid: 'o-1', requestId: 'req-1', user: null }))
  })

  it.each([
    ['an unknown action', { action: 'delete', input: {} }, 'action', /没有操作「delete」/],
    ['a non-object body', 'me', undefined, /格式不正确/],
    ['a body with extra keys', { action: 'me', openid: 'attacker' }, 'openid', /请求里有不支持的内容/],
    ['input with extra keys', { action: 'me', input: { role: 'admin' } }, 'role', /请求里有不支持的内容/],
    ['an action name that is not a plain word', { action: '__proto__' }, 'action', /格式不正确/],
    ['input of the wrong type', { action: 'me', input: [1] }, undefined, /格式不正确/],
  ])('refuses %s with a VALIDATION error naming the problem, without running the handler', async (_, event, field, message) => {
    asCaller('o-1')
    const { main, handler } = routerWith('any')
    const res = await main(event)
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.error.code).toBe('VALIDATION')
    expect(res.error.field).toBe(field)
    expect(res.error.message).toMatch(message)
    expect(handler).not.toHaveBeenCalled()
  })

  it('refuses a call without a platform identity', async () => {
    asCaller(undefined)
    const { main, handler } = routerWith('any')
    const res = await main({ action: 'me' })
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('checks the required role against the stored user, not the request', async () => {
    asCaller('o-1')
    const denied = routerWith('admin', undefined, userDoc(['rider']))
    expect(await denied.main({ action: 'me' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '仅管理员可以进行此操作' } })
    expect(denied.handler).not.toHaveBeenCalled()

    const allowed = routerWith('admin', undefined, userDoc(['rider', 'admin']))
    expect(await allowed.main({ action: 'me' })).toMatchObject({ ok: true })
    expect(allowed.loadUser).toHaveBeenCalledTimes(1)

    // a caller without a users document is a new rider: refused a staff action, and nothing is created
    const unknownUser = routerWith('admin', undefined, null)
    expect(await unknownUser.main({ action: 'me' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(unknownUser.createUser).not.toHaveBeenCalled()
  })

  it.each<[string, Access]>([
    ['rider', 'rider'],
    ['role list with rider', ['rider', 'merchant']],
  ])("creates a never-seen caller's document for a %s action and hands it to the handler", async (_, access) => {
    asCaller('o-1')
    const { main, handler, loadUser, createUser } = routerWith(access, undefined, null)
    expect(await main({ action: 'me' })).toMatchObject({ ok: true })
    expect(loadUser).toHaveBeenCalledTimes(1)
    expect(createUser).toHaveBeenCalledTimes(1)
    expect(handler).toHaveBeenCalledWith({}, expect.objectContaining({ user: userDoc(['rider']) }))
  })

  it('neither reads nor creates the caller for an `any` action, and does not create a known caller', async () => {
    asCaller('o-1')
    const anyAction = routerWith('any')
    await anyAction.main({ action: 'me' })
    expect(anyAction.loadUser).not.toHaveBeenCalled()
    expect(anyAction.createUser).not.toHaveBeenCalled()

    const known = routerWith('rider', undefined, userDoc(['rider']))
    await known.main({ action: 'me' })
    expect(known.createUser).not.toHaveBeenCalled()
  })

  it('refuses an `ifConsented` call of someone who has not accepted the notice before reading or creating them', async () => {
    asCaller('o-new')
    const refused = routerWith('rider', undefined, null, false)
    expect(await refused.main({ action: 'me', input: {}, requestId: 'r-1', ifConsented: true })).toEqual({
      ok: false,
      error: { code: 'NOTICE_REQUIRED', message: expect.stringContaining('个人信息保护说明'), requestId: 'r-1' },
    })
    expect(refused.noticeAccepted).toHaveBeenCalledWith(expect.objectContaining({ openid: 'o-new' }))
    expect(refused.loadUser).not.toHaveBeenCalled()
    expect(refused.createUser).not.toHaveBeenCalled()
    expect(refused.handler).not.toHaveBeenCalled()
    // accepted: the same call runs; without the flag, consent is not asked at all
    const accepted = routerWith('rider', undefined, null, true)
    expect(await accepted.main({ action: 'me', ifConsented: true })).toMatchObject({ ok: true })
    expect(accepted.createUser).toHaveBeenCalledTimes(1)
    const unflagged = routerWith('rider', undefined, null, false)
    expect(await unflagged.main({ action: 'me' })).toMatchObject({ ok: true })
    expect(unflagged.noticeAccepted).not.toHaveBeenCalled()
    // the flag is `true` or absent
    expect(await unflagged.main({ action: 'me', ifConsented: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'ifConsented' } })
  })

  it('maps a thrown AppError to its envelope', async () => {
    asCaller('o-1')
    const { main } = routerWith('any', jest.fn(async () => Promise.reject(new AppError('SOLD_OUT', '已兑完'))))
    expect(await main({ action: 'me', requestId: 'abc' })).toEqual({ ok: false, error: { code: 'SOLD_OUT', message: '已兑完', requestId: 'abc' } })
  })

  it('logs an unexpected error with the request id and answers INTERNAL without internals', async () => {
    asCaller('o-1')
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const { main } = routerWith('any', jest.fn(async () => Promise.reject(new Error('secret stack detail'))))
    const res = await main({ action: 'me', requestId: 'req-9' })
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/稍后再试/), requestId: 'req-9' } })
    expect(JSON.stringify(res)).not.toContain('secret')
    expect(spy).toHaveBeenCalledWith(expect.stringContaining('"requestId":"req-9"'))
    spy.mockRestore()
  })
})

describe('router: events that come from the platform, not a client', () => {
  const timerEvent = { Type: 'Timer', TriggerName: 'daily', Time: '2026-12-03T16:10:00Z' }
  const push = { ToUserName: 'gh_x', MsgType: 'event', Event: 'wxa_media_check', trace_id: 't-1' }
  const isPush = (e: unknown): e is typeof push => !!e && typeof e === 'object' && (e as { Event?: unknown }).Event === 'wxa_media_check'

  function platformRouter() {
    const timers = jest.fn(async () => ({ ran: true }))
    const handle = jest.fn(async () => ({ outcome: 'applied' }))
    const handler = jest.fn(async () => meView)
    const main = createRouter('user', { me: defineAction('user', 'me', { access: 'any', handler }) }, { loadUser: async () => null, timers, pushes: { accepts: isPush, handle } })
    return { main, timers, handle, handler }
  }

  it('hands a timer event without a caller identity to the timers', async () => {
    asCaller(undefined)
    const { main, timers, handle } = platformRouter()
    expect(await main(timerEvent)).toEqual({ ran: true })
    expect(timers).toHaveBeenCalledWith(timerEvent)
    expect(handle).not.toHaveBeenCalled()
  })

  it('treats a timer-shaped event from a mini-program user as a client request (refused)', async () => {
    asCaller('o-1')
    const { main, timers } = platformRouter()
    const res = (await main(timerEvent)) as { ok: boolean; error?: { code: string } }
    expect(timers).not.toHaveBeenCalled()
    expect(res.ok).toBe(false)
    expect(res.error?.code).toBe('VALIDATION')
  })

  it('hands a message push to its handler, but not one a client sent (it carries userInfo)', async () => {
    asCaller(undefined)
    const { main, handle } = platformRouter()
    expect(await main(push)).toEqual({ outcome: 'applied' })
    expect(handle).toHaveBeenCalledWith(push)

    asCaller('o-1')
    const forged = (await main({ ...push, userInfo: { openId: 'o-1' } })) as { ok: boolean }
    expect(forged.ok).toBe(false)
    expect(handle).toHaveBeenCalledTimes(1)
  })

  it('without timers configured, a timer event is just an invalid request', async () => {
    asCaller(undefined)
    const { main } = routerWith('any')
    const res = await main(timerEvent)
    expect(res.ok).toBe(false)
  })
})
