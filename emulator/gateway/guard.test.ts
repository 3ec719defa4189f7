import { request } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { inspectorAuth, startFixtureEmulator, TEST_PERSONAS, type FixtureEmulator } from '../testing/harness'
import { createRequestGuard } from './guard'

// Issue 14, item 6: a page on another port of 127.0.0.1 posted text/plain with the session cookie
// (SameSite=Lax sends it: same site) and ran an action; /__/api answered any Host (DNS rebinding).
jest.setTimeout(60_000)

const DEV_SERVER = 'http://127.0.0.1:10086'
let fx: FixtureEmulator
let cookie: string
beforeAll(async () => {
  fx = await startFixtureEmulator({ allowedOrigins: [DEV_SERVER] })
  const res = await fetch(`${fx.emu.url}/__/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: TEST_PERSONAS[0].openid }) })
  cookie = res.headers.get('set-cookie')!.split(';')[0]
})
afterAll(async () => {
  await fx.stop()
})

interface Answer {
  status: number
  body: { ok?: boolean; error?: { code: string } } | string
}

/** A raw request: unlike fetch, it can send any Host and Origin, as a browser on another page would. */
function send(method: string, path: string, headers: Record<string, string>, body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${fx.emu.url}${path}`, { method, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => {
        let parsed: Answer['body'] = text
        try {
          parsed = JSON.parse(text) as Answer['body']
        } catch {
          // not JSON (an h5 file)
        }
        resolve({ status: res.statusCode ?? 0, body: parsed })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

const own = () => new URL(fx.emu.url).host
const whoamiCalls = () => fx.emu.functions.recentInvocations({ functionName: 'whoami', limit: 1000 }).length
const call = JSON.stringify({ action: 'points.adjust', input: {} })

test('a text/plain POST from another port with the session cookie runs nothing', async () => {
  const before = whoamiCalls()
  // what `fetch(…, { method: 'POST', mode: 'no-cors', credentials: 'include', body })` sends from http://127.0.0.1:5173
  const foreign = await send('POST', '/fn/whoami', { cookie, origin: 'http://127.0.0.1:5173', 'content-type': 'text/plain;charset=UTF-8' }, call)
  expect(foreign).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN' } } })
  // the same with a JSON type (needs a CORS preflight the emulator never grants; refused anyway)
  expect((await send('POST', '/fn/whoami', { cookie, origin: 'http://127.0.0.1:5173', 'content-type': 'application/json' }, call)).status).toBe(403)
  // a browser that sends no Origin: the content type alone refuses it
  expect(await send('POST', '/fn/whoami', { cookie, 'content-type': 'text/plain' }, call)).toMatchObject({ status: 415, body: { error: { code: 'VALIDATION' } } })
  expect((await send('POST', '/fn/whoami', { cookie, 'content-type': 'application/x-www-form-urlencoded' }, 'a=1')).status).toBe(415)
  expect((await send('POST', '/fn/whoami', { cookie, origin: 'null', 'content-type': 'application/json' }, call)).status).toBe(403)
  expect(whoamiCalls()).toBe(before)

  // the app itself: its own origin, JSON
  const mine = await send('POST', '/fn/whoami', { cookie, origin: fx.emu.url, 'content-type': 'application/json; charset=utf-8' }, call)
  expect(mine.status).toBe(200)
  expect(whoamiCalls()).toBe(before + 1)
})

test('sign-in, sign-out and temp URLs are state-changing requests too', async () => {
  const signin = JSON.stringify({ openid: TEST_PERSONAS[1].openid })
  expect((await send('POST', '/__/auth/signin', { origin: 'http://evil.example', 'content-type': 'application/json' }, signin)).status).toBe(403)
  expect((await send('POST', '/__/auth/signin', { 'content-type': 'text/plain' }, signin)).status).toBe(415)
  expect((await send('POST', '/__/auth/signout', { cookie, 'content-type': 'text/plain' }, '{}')).status).toBe(415)
  expect((await send('POST', '/__/storage/temp-url', { cookie, origin: 'http://localhost:1', 'content-type': 'application/json' }, '{}')).status).toBe(403)
})

test('uploads: their own content type, never one a cross-origin form can send; the same Origin check', async () => {
  const png = '\x89PNG'
  for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
    expect((await send('POST', '/__/storage/upload?path=badges/x/a.png', { cookie, 'content-type': type }, png)).status).toBe(415)
  }
  expect((await send('POST', '/__/storage/upload?path=badges/x/a.png', { cookie }, png)).status).toBe(415)
  expect((await send('POST', '/__/storage/upload?path=badges/x/a.png', { cookie, origin: 'http://127.0.0.1:5173', 'content-type': 'image/png' }, png)).status).toBe(403)
  expect(fx.emu.storage.list().filter((f) => f.path === 'badges/x/a.png')).toEqual([])
})

test('a foreign Host is refused on every route (DNS rebinding)', async () => {
  const rebound = { host: `attacker.example:${fx.emu.port}`, ...inspectorAuth(fx.emu) }
  expect(await send('GET', '/__/api/collections', rebound)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
  expect((await send('GET', '/__/auth/personas', rebound)).status).toBe(403)
  expect((await send('GET', '/__/inspector', rebound)).status).toBe(403)
  expect((await send('GET', '/', rebound)).status).toBe(403)
  expect((await send('POST', '/fn/whoami', { ...rebound, cookie, origin: `http://attacker.example:${fx.emu.port}`, 'content-type': 'application/json' }, call)).status).toBe(403)
  expect((await send('POST', '/admin', { host: `attacker.example:${fx.emu.port}`, 'content-type': 'application/json' }, '{"action":"database.getDocument"}')).status).toBe(403)
  // right name, wrong port (another server's Host)
  expect((await send('GET', '/__/auth/personas', { host: '127.0.0.1:1' })).status).toBe(403)
  // the emulator's own names are fine
  for (const host of [own(), `localhost:${fx.emu.port}`, `[::1]:${fx.emu.port}`]) {
    expect((await send('GET', '/__/auth/personas', { host })).status).toBe(200)
  }
})

test('the inspector API wants its token; the inspector page does not', async () => {
  expect(await send('GET', '/__/api/collections', {})).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } })
  expect((await send('GET', '/__/api/collections', { authorization: `Bearer ${'0'.repeat(64)}` })).status).toBe(401)
  expect((await send('GET', '/__/api/timers', {})).status).toBe(401)
  expect((await send('GET', '/__/api/collections', inspectorAuth(fx.emu))).status).toBe(200)
  expect((await send('GET', '/__/inspector', {})).status).toBe(200)
  expect(fx.emu.inspectorUrl).toBe(`${fx.emu.url}/__/inspector#token=${fx.emu.inspectorToken}`)
  expect(fx.emu.inspectorToken).toMatch(/^[0-9a-f]{64}$/)
})

test('/admin takes nothing a browser sends (any Origin)', async () => {
  const res = await send('POST', '/admin', { origin: fx.emu.url, 'content-type': 'text/plain' }, '{"action":"database.addCollection","collectionName":"x"}')
  expect(res.status).toBe(403)
  expect(fx.emu.database.listCollections().some((c) => c.name === 'x')).toBe(false)
})

test('an allowed origin (the h5 dev server proxying here) is trusted like the own one', async () => {
  const proxied = await send('POST', '/fn/whoami', { host: new URL(DEV_SERVER).host, origin: DEV_SERVER, cookie, 'content-type': 'application/json' }, call)
  expect(proxied.status).toBe(200)
})

describe('the guard alone', () => {
  const check = (host: string, method = 'GET', path = '/', headers: Record<string, string> = {}, bound = '127.0.0.1') => {
    const guard = createRequestGuard({ port: () => 8787, host: bound, inspectorToken: 'f'.repeat(64) })
    let status = 0
    const req = { method, headers: { host, ...headers }, resume: () => undefined } as unknown as IncomingMessage
    const res = { writeHead: (s: number) => ((status = s), res), end: () => undefined } as unknown as ServerResponse
    return guard(req, res, path) ? 200 : status
  }
  test('port 80 may be left out; a wildcard bind accepts IP addresses, never names', () => {
    expect(check('127.0.0.1:8787')).toBe(200)
    expect(check('127.0.0.1')).toBe(403)
    expect(check('192.168.1.20:8787')).toBe(403)
    expect(check('192.168.1.20:8787', 'GET', '/', {}, '0.0.0.0')).toBe(200)
    expect(check('[fe80::1]:8787', 'GET', '/', {}, '::')).toBe(200)
    expect(check('rebind.example:8787', 'GET', '/', {}, '0.0.0.0')).toBe(403)
    expect(check('192.168.1.20:8787', 'GET', '/', {}, '192.168.1.20')).toBe(200)
    expect(check('', 'GET')).toBe(403)
  })
})
