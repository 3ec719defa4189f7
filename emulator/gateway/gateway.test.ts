import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { inspectorAuth, startFixtureEmulator, TEST_PERSONAS, type FixtureEmulator } from '../testing/harness'
import { CALLER_COOKIE, SESSION_COOKIE } from './index'

jest.setTimeout(60_000)

let fx: FixtureEmulator
let h5: string
beforeAll(async () => {
  h5 = mkdtempSync(path.join(tmpdir(), 'xg-h5-'))
  writeFileSync(path.join(h5, 'index.html'), '<!doctype html><title>h5</title><div id="app"></div>')
  mkdirSync(path.join(h5, 'js'))
  writeFileSync(path.join(h5, 'js', 'app.123.js'), 'console.log(1)')
  fx = await startFixtureEmulator({ h5Root: h5 })
})
afterAll(async () => {
  await fx.stop()
  rmSync(h5, { recursive: true, force: true })
})

const url = (p: string) => `${fx.emu.url}${p}`
/** a 1×1 PNG */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
/** the inspector's JSON API, with its token */
const api = (p: string, init: RequestInit = {}) => fetch(url(`/__/api/${p}`), { ...init, headers: { 'content-type': 'application/json', ...inspectorAuth(fx.emu), ...(init.headers as Record<string, string>) } })
const post = (p: string, body: unknown, cookie?: string, headers: Record<string, string> = {}) =>
  fetch(url(p), { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })

async function signIn(openid: string): Promise<string> {
  const res = await post('/__/auth/signin', { openid })
  expect(res.status).toBe(200)
  const setCookie = res.headers.get('set-cookie')!
  expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`))
  expect(setCookie).toContain('HttpOnly')
  expect(setCookie).toContain('SameSite=Lax')
  return setCookie.split(';')[0]
}

test('personas, sign-in, me and sign-out', async () => {
  expect(await (await fetch(url('/__/auth/personas'))).json()).toEqual({ ok: true, personas: TEST_PERSONAS })
  expect((await fetch(url('/__/auth/me'))).status).toBe(401)
  const bad = await post('/__/auth/signin', { openid: 'someone-else' })
  expect(bad.status).toBe(400)
  expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  const cookie = await signIn('test-rider')
  expect(await (await fetch(url('/__/auth/me'), { headers: { cookie } })).json()).toEqual({ ok: true, persona: TEST_PERSONAS[0] })
  const out = await post('/__/auth/signout', {}, cookie)
  expect(out.headers.get('set-cookie')).toContain('Max-Age=0')
  // a tampered cookie is not a session
  const forged = cookie.replace('test-rider', 'test-worker')
  expect((await fetch(url('/__/auth/me'), { headers: { cookie: forged } })).status).toBe(401)
})

test('sign-in also sets a readable caller key per persona (the app keeps cached answers apart by it)', async () => {
  const callerOf = async (openid: string) => {
    const res = await post('/__/auth/signin', { openid })
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${CALLER_COOKIE}=`))!
    expect(cookie).not.toContain('HttpOnly')
    return cookie.split(';')[0].slice(CALLER_COOKIE.length + 1)
  }
  const rider = await callerOf('test-rider')
  expect(rider).toMatch(/^[\w-]{16}$/)
  expect(rider).not.toContain('rider')
  expect(await callerOf('test-rider')).toBe(rider)
  expect(await callerOf('test-worker')).not.toBe(rider)
  const out = (await post('/__/auth/signout', {})).headers.getSetCookie()
  expect(out).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${CALLER_COOKIE}=;.*Max-Age=0`))]))
})

test('POST /fn/<name> runs the function as the signed-in persona', async () => {
  const cookie = await signIn('test-worker')
  const res = await post('/fn/whoami', { action: 'community.list', input: { page: 1 }, requestId: 'r-1' }, cookie)
  expect(res.status).toBe(200)
  const id = res.headers.get('x-emulator-invocation')!
  expect(id).toMatch(/^[0-9a-f]{16}$/)
  const body = (await res.json()) as { before: Record<string, string>; event: Record<string, unknown> }
  expect(body.before).toMatchObject({ OPENID: 'test-worker', APPID: 'wx-local-dev', CLIENTIP: '127.0.0.1', SOURCE: 'wx_client' })
  expect(body.event).toEqual({ action: 'community.list', input: { page: 1 }, requestId: 'r-1', userInfo: { appId: 'wx-local-dev', openId: 'test-worker' } })
  // a client-sent userInfo cannot choose the identity
  const spoof = await post('/fn/whoami', { action: 'x', input: {}, userInfo: { openId: 'test-rider' } }, cookie)
  expect(((await spoof.json()) as { before: { OPENID: string } }).before.OPENID).toBe('test-worker')

  const inv = (await (await api(`invocations/${id}`)).json()) as { invocation: Record<string, unknown> }
  expect(inv.invocation).toMatchObject({ id, functionName: 'whoami', openid: 'test-worker', action: 'community.list', status: 'ok', counters: { reads: 0, writes: 0 } })
  expect(inv.invocation.logs).toEqual([expect.objectContaining({ level: 'log', text: 'whoami undefined' })])
  const logs = (await (await api('logs?function=whoami&limit=5')).json()) as { invocations: { id: string }[] }
  expect(logs.invocations[1].id).toBe(id)
})

test('401 without a session, 404 for an unknown function, 413 over 100 KB, 400 for bad JSON', async () => {
  const anon = await post('/fn/whoami', { action: 'x', input: {} })
  expect(anon.status).toBe(401)
  expect(await anon.json()).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先选择演示身份登录' } })

  const cookie = await signIn('test-rider')
  const missing = await post('/fn/nope', { action: 'x', input: {} }, cookie)
  expect(missing.status).toBe(404)
  expect(await missing.json()).toEqual({ ok: false, error: { code: 'VALIDATION', message: '没有名为「nope」的云函数' } })

  const big = await post('/fn/whoami', { action: 'x', input: { text: 'x'.repeat(101 * 1024) } }, cookie)
  expect(big.status).toBe(413)
  expect(await big.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  const justUnder = await post('/fn/whoami', { action: 'x', input: { text: 'x'.repeat(99 * 1024) } }, cookie)
  expect(justUnder.status).toBe(200)

  const badJson = await post('/fn/whoami', '{not json', cookie)
  expect(badJson.status).toBe(400)
})

test('function errors and timeouts map to the error envelope', async () => {
  const cookie = await signIn('test-rider')
  const crash = await post('/fn/crash', { why: 'x' }, cookie)
  expect(crash.status).toBe(500)
  expect(await crash.json()).toEqual({ ok: false, error: { code: 'INTERNAL', message: '服务开小差了，请稍后再试' } })
  expect(crash.headers.get('x-emulator-invocation')).toBeTruthy()
  const slow = await post('/fn/slow', { ms: 4000 }, cookie)
  expect(slow.status).toBe(504)
  expect(await slow.json()).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } })
})

test('browser upload: as the signed-in persona, typed by its bytes; any signed-in persona gets a temp URL (default rule)', async () => {
  const rider = await signIn('test-rider')
  const worker = await signIn('test-worker')
  const anon = await fetch(url('/__/storage/upload?path=badges/r.png'), { method: 'POST', headers: { 'content-type': 'image/png' }, body: PNG })
  expect(anon.status).toBe(401)
  const up = await fetch(url('/__/storage/upload?path=badges/r.png'), { method: 'POST', headers: { cookie: rider, 'content-type': 'image/gif' }, body: PNG })
  expect(up.status).toBe(200)
  const { fileID } = (await up.json()) as { fileID: string }
  expect(fileID).toBe('cloud://local-dev.6c6f-local-dev-1250000000/badges/r.png')

  // 所有用户可读: the worker may ask for a temp URL too
  expect((await post('/__/storage/temp-url', { fileID }, worker)).status).toBe(200)
  const mine = await post('/__/storage/temp-url', { fileID }, rider)
  const { tempFileURL } = (await mine.json()) as { tempFileURL: string }
  const img = await fetch(tempFileURL)
  expect(img.headers.get('content-type')).toBe('image/png') // the bytes, not the declared image/gif
  expect(img.headers.get('x-content-type-options')).toBe('nosniff')
  expect(Buffer.from(await img.arrayBuffer())).toEqual(PNG)

  const list = (await (await api('files')).json()) as { files: { fileID: string; uploader: string }[] }
  expect(list.files.find((f) => f.fileID === fileID)).toMatchObject({ uploader: 'test-rider' })
  expect((await fetch(url('/__/storage/upload?path=../x'), { method: 'POST', headers: { cookie: rider, 'content-type': 'image/png' }, body: PNG })).status).toBe(400)
})

test('JSON APIs: outbox (GET, DELETE), collections and documents, functions', async () => {
  fx.emu.openapi.outbox.clear()
  await fx.emu.functions.invoke('openapi', { op: 'subscribe', touser: 'test-rider' }, { openid: 'test-worker' })
  const outbox = (await (await api('outbox')).json()) as { messages: { touser: string }[] }
  expect(outbox.messages).toEqual([expect.objectContaining({ touser: 'test-rider', templateId: 'tmpl-activity-reminder' })])
  expect((await api('outbox', { method: 'DELETE' })).status).toBe(200)
  expect(((await (await api('outbox')).json()) as { messages: unknown[] }).messages).toEqual([])

  await fx.emu.functions.invoke('dbping', { note: 'n' }, { openid: 'test-rider' })
  const cols = (await (await api('collections')).json()) as { collections: { name: string; count: number }[] }
  expect(cols.collections).toContainEqual({ name: 'pings', count: 1 })
  const docs = (await (await api('collections/pings/documents?limit=10')).json()) as { total: number; documents: { openid: string }[] }
  expect(docs).toMatchObject({ total: 1, documents: [expect.objectContaining({ openid: 'test-rider', note: 'n' })] })
  expect((await api('collections/nothing/documents')).status).toBe(404)
  const fns = (await (await api('functions')).json()) as { functions: { name: string }[] }
  expect(fns.functions.map((f) => f.name)).toEqual(expect.arrayContaining(['whoami', 'echo', 'caller']))
})

test('inspector page, h5 files with index.html fallback', async () => {
  const page = await fetch(url('/__/inspector'))
  expect(page.headers.get('content-type')).toContain('text/html')
  expect(await page.text()).toContain('开发工具，不可用于生产')
  expect(await (await fetch(url('/js/app.123.js'))).text()).toBe('console.log(1)')
  const deep = await fetch(url('/packages/rider/verify/index'))
  expect(deep.status).toBe(200)
  expect(await deep.text()).toContain('<div id="app">')
  expect((await fetch(url('/js/missing.js'))).status).toBe(404)
  expect((await fetch(url('/..%2f..%2fetc%2fpasswd'))).status).not.toBe(200)
})

test('unknown admin actions get an error naming the action', async () => {
  const admin = (action: string) =>
    fetch(fx.emu.adminUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action }) }).then((r) => r.json())
  expect(await admin('ai.createModel')).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('ai.createModel') })
  expect(await admin('functions.getFunctionInfo')).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('functions.getFunctionInfo') })
  expect(await admin('wx.wxPayApi')).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('wx.wxPayApi') })
})
