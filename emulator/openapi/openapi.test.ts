import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { inspectorAuth, startFixtureEmulator, type FixtureEmulator } from '../testing/harness'
import { checkText, devVerdict, OPENAPI_NOT_FOUND, WECHAT_TEST_TEXTS } from './index'
import { decodeCommApiData, encodeCommApiData, encodeCommOpenApiResp } from './proto'
import { checkSubscribeSend } from './subscribe-rules'

jest.setTimeout(60_000)

let fx: FixtureEmulator
beforeAll(async () => {
  fx = await startFixtureEmulator()
})
afterAll(async () => {
  await fx.stop()
})

const call = (event: Record<string, unknown>, openid = 'rider-1') => fx.emu.functions.invoke('openapi', event, { openid }).then((r) => r.result as Record<string, unknown>)

test('the protobuf envelope round-trips', () => {
  const buf = encodeCommApiData({ apiType: 0, pairs: [{ key: 'content', value: Buffer.from('"你好"') }, { key: 'version', value: Buffer.from('2') }], appid: 'wx1' })
  expect(decodeCommApiData(buf)).toEqual({ apiType: 0, appid: 'wx1', pairs: [{ key: 'content', value: Buffer.from('"你好"') }, { key: 'version', value: Buffer.from('2') }] })
  // respData(1) bytes, contentType(2) string, httpCode(4) varint
  expect(encodeCommOpenApiResp({ respData: Buffer.from('{}'), contentType: 'application/json', httpCode: 200 }).toString('hex')).toBe(
    `0a027b7d1210${Buffer.from('application/json').toString('hex')}20c801`,
  )
})

test('msgSecCheck v2 through the SDK: pass, review and risky from the word list', async () => {
  const pass = await call({ op: 'msgSecCheck', content: '东新路驿站今天有热水，欢迎来休息' })
  expect(pass).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } })
  expect(pass.traceId).toEqual(expect.any(String))

  const review = await call({ op: 'msgSecCheck', content: '有需要的加微信聊' })
  expect(review).toMatchObject({ errCode: 0, result: { suggest: 'review', label: 10001 } })
  expect(review.detail).toEqual(expect.arrayContaining([expect.objectContaining({ strategy: 'keyword', keyword: '加微信' })]))

  const risky = await call({ op: 'msgSecCheck', content: '专业代开发票，价格优惠' })
  expect(risky).toMatchObject({ errCode: 0, result: { suggest: 'risky', label: 20006 } })
})

test("msgSecCheck: WeChat's own test texts are risky — v1 errcode 87014, v2 result risky with a label", async () => {
  for (const text of WECHAT_TEST_TEXTS) {
    expect((await call({ op: 'msgSecCheckV1', content: `售卖${text}的` })).error).toMatchObject({ errCode: 87014 })
    expect(await call({ op: 'msgSecCheck', content: text })).toMatchObject({ errCode: 0, result: { suggest: 'risky', label: 21000 } })
  }
  expect(await call({ op: 'msgSecCheckV1', content: '东新路驿站今天有热水' })).toMatchObject({ errCode: 0 })
})

test('msgSecCheck v2 argument errors as the 2.0 page lists them: 40129 scene, 44002 empty', async () => {
  expect((await call({ op: 'msgSecCheck', content: '你好', scene: 9 })).error).toMatchObject({ errCode: 40129 })
  expect((await call({ op: 'msgSecCheck', content: '' })).error).toMatchObject({ errCode: 44002 })
})

test('subscribeMessage.send checks each value against its type (47003) and knows users who refused (43101)', async () => {
  const send = (data: Record<string, { value: unknown }>, touser = 'rider-4') => call({ op: 'subscribe', touser, data })
  expect(await send({ thing1: { value: '二十个字以内的事物说明没问题' }, phrase2: { value: '已通过' }, number3: { value: '12.5' }, time4: { value: '2031-01-01 09:00' } })).toMatchObject({ errCode: 0 })
  expect((await send({ thing1: { value: '这是一段超过二十个字的事物说明所以微信会拒绝它' } })).error).toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('data.thing1.value invalid') })
  expect((await send({ phrase2: { value: '正在处理中了' } })).error).toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('data.phrase2.value invalid') })
  expect((await send({ phrase2: { value: 'ok' } })).error).toMatchObject({ errCode: 47003 })
  expect((await send({ number3: { value: '三' } })).error).toMatchObject({ errCode: 47003 })
  expect((await send({ character_string4: { value: '订单一' } })).error).toMatchObject({ errCode: 47003 })
  expect((await send({ thing1: { value: '' } })).error).toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('data.thing1.value is empty') })
  fx.emu.openapi.setSubscribed('rider-5', false)
  expect((await send({ thing1: { value: '提醒' } }, 'rider-5')).error).toMatchObject({ errCode: 43101 })
  fx.emu.openapi.setSubscribed('rider-5', true)
  expect(await send({ thing1: { value: '提醒' } }, 'rider-5')).toMatchObject({ errCode: 0 })
})

test('msgSecCheck rejects text over 2500 characters with an errcode', async () => {
  const res = await call({ op: 'msgSecCheck', content: '长'.repeat(2501) })
  expect(res.error).toMatchObject({ errCode: 47001 })
})

test('a word-list override in the data dir replaces the default and is re-read when edited', async () => {
  const file = path.join(fx.dataDir, 'openapi', 'wordlist.json')
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify({ risky: ['蓝色柠檬'], review: [{ word: '绿色苹果', label: 20012 }] }))
  expect(await call({ op: 'msgSecCheck', content: '一个蓝色柠檬' })).toMatchObject({ result: { suggest: 'risky', label: 21000 } })
  expect(await call({ op: 'msgSecCheck', content: '代开发票' })).toMatchObject({ result: { suggest: 'pass' } })
  writeFileSync(file, JSON.stringify({ risky: [], review: [{ word: '绿色苹果', label: 20012 }, '代开发票!'] }))
  expect(await call({ op: 'msgSecCheck', content: '绿色苹果' })).toMatchObject({ result: { suggest: 'review', label: 20012 } })
  writeFileSync(file, JSON.stringify({ risky: ['x-never'], review: [] })) // leave a harmless list behind
})

test('checkText: risky wins over review, matching is case-insensitive', () => {
  const list = { risky: [{ word: 'BAD', label: 20003 }], review: [{ word: 'meh', label: 21000 }] }
  expect(checkText('so Meh and bad', list)).toEqual({ suggest: 'risky', label: 20003, keyword: 'BAD' })
  expect(checkText('so MEH', list)).toEqual({ suggest: 'review', label: 21000, keyword: 'meh' })
  expect(checkText('fine', list)).toEqual({ suggest: 'pass', label: 100 })
})

test('subscribeMessage.send lands in the persisted outbox', async () => {
  fx.emu.openapi.outbox.clear()
  const res = await call({ op: 'subscribe', touser: 'rider-2', title: '周六社区义诊' }, 'worker-1')
  expect(res).toMatchObject({ errCode: 0, msgid: expect.any(String) })
  const [msg] = fx.emu.openapi.outbox.list()
  expect(msg).toMatchObject({
    id: res.msgid,
    touser: 'rider-2',
    templateId: 'tmpl-activity-reminder',
    page: 'packages/volunteer/activity/index?id=a1',
    data: { thing1: { value: '周六社区义诊' }, time2: { value: '2025-06-01 09:00' } },
    miniprogramState: 'developer',
    functionName: 'openapi',
    sender: 'worker-1',
  })
  const { OpenApiService } = await import('./index')
  const reopened = new OpenApiService({ dir: path.join(fx.dataDir, 'openapi') })
  expect(reopened.outbox.list()).toHaveLength(1)
})

test('subscribeMessage.send refuses what WeChat refuses: values breaking their key type, a malformed page', async () => {
  fx.emu.openapi.outbox.clear()
  const send = (data: unknown, page?: string) => call({ op: 'subscribe', data, page })
  expect((await send({ thing1: { value: '这是一个超过二十个字的活动名称，微信不收这么长的' } })).error).toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('data.thing1.value invalid') })
  expect((await send({ phrase2: { value: '已受理。' } })).error).toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('data.phrase2') })
  expect((await send({ thing1: { value: '' } })).error).toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('is empty') })
  expect((await send({ keyword1: { value: '旧模板消息的键' } })).error).toMatchObject({ errCode: 47003 })
  expect((await send({ thing1: { value: '社区义诊' } }, '/pages/x/index.html')).error).toMatchObject({ errCode: 41030 })
  expect(fx.emu.openapi.outbox.list()).toHaveLength(0)
})

test.each([
  ['thing1', '二十个字以内的事物描述就可以了啊', true],
  ['thing1', '正好二十个字的事物描述，一二三四五六七八', true],
  ['thing1', '二十一个字的事物描述超过了限制一二三四五六', false],
  ['phrase2', '已受理', true],
  ['phrase2', '已受理了吗呀', false],
  ['phrase2', 'OK', false],
  ['time3', '2026年10月1日 15:01', true],
  ['time3', '15:01', true],
  ['time3', '2026-10-01 15:01', true],
  ['time3', '2026年10月1日', false],
  ['time3', '2026年10月1日 15:01~16:30', true],
  ['date4', '2026年10月1日', true],
  ['date4', '明天', false],
  ['number5', '120', true],
  ['number5', '12.5', true],
  ['number5', '120 分', false],
  ['character_string6', 'XG-2026-0001', true],
  ['character_string6', '券码 1234', false],
  ['name7', '张师傅', true],
  ['amount8', '¥12.50', true],
  ['amount8', '12元', true],
  ['amount8', '十二元', false],
])('the %s rule: %j → %s', (key, value, ok) => {
  expect(checkSubscribeSend({ [key]: { value } }, undefined, undefined) === null).toBe(ok)
})

test("a page must be one of the app's pages when the emulator knows them", () => {
  const pages = ['pages/points/index', 'packages/suggestions/detail/index']
  const ok = { thing1: { value: '你好' } }
  expect(checkSubscribeSend(ok, 'packages/suggestions/detail/index?id=s1', pages)).toBeNull()
  expect(checkSubscribeSend(ok, 'pages/points/index', pages)).toBeNull()
  expect(checkSubscribeSend(ok, 'packages/suggestions/detail', pages)).toMatchObject({ errcode: 41030 })
  expect(checkSubscribeSend(ok, 'packages/volunteer/activity/index?id=a1', pages)).toMatchObject({ errcode: 41030 })
  // no page: the card opens nothing, which WeChat allows
  expect(checkSubscribeSend(ok, undefined, pages)).toBeNull()
})

test('phonenumber.getPhoneNumber: test codes, deterministic numbers, invalid codes', async () => {
  const a = await call({ op: 'phone', code: 'test-13812345678' })
  expect(a).toMatchObject({ errCode: 0, phoneInfo: { phoneNumber: '13812345678', purePhoneNumber: '13812345678', countryCode: '86' } })
  expect(await call({ op: 'phone', code: 'test-13812345678' })).toMatchObject({ errCode: 0, phoneInfo: { purePhoneNumber: '13812345678' } }) // test codes are reusable
  const b1 = await call({ op: 'phone', code: 'abcDEF123' })
  const c = await call({ op: 'phone', code: 'other-code' })
  const num = (r: Record<string, unknown>) => (r.phoneInfo as { purePhoneNumber: string }).purePhoneNumber
  expect(num(b1)).toMatch(/^1\d{10}$/)
  expect(num(c)).not.toBe(num(b1))
  // "每个 code 只能使用一次" (getPhoneNumber reference): a used code is an invalid code
  expect((await call({ op: 'phone', code: 'abcDEF123' })).error).toMatchObject({ errCode: 40029 })
  expect((await call({ op: 'phone', code: 'invalid-code' })).error).toMatchObject({ errCode: 40029 })
  expect((await call({ op: 'phone', code: '' })).error).toMatchObject({ errCode: 40029 })
})

test('security.mediaCheckAsync answers a trace id and records the check', async () => {
  const res = await call({ op: 'mediaCheck', url: 'https://example.invalid/a.png' }, 'rider-9')
  expect(res).toMatchObject({ errCode: 0, traceId: expect.stringMatching(/^local-/) })
  expect(fx.emu.openapi.mediaChecks.list().find((c) => c.traceId === res.traceId)).toMatchObject({ mediaUrl: 'https://example.invalid/a.png', mediaType: 2, openid: 'rider-9' })
})

test('security.mediaCheckAsync 2.0 needs a scene of 1-4 (40129) and an openid (40003)', async () => {
  expect((await call({ op: 'mediaCheck', url: 'https://example.invalid/a.png', scene: 7 }, 'rider-9')).error).toMatchObject({ errCode: 40129 })
  expect((await call({ op: 'mediaCheck', url: 'https://example.invalid/a.png' }, '')).error).toMatchObject({ errCode: 40003 })
})

test('an API that is not emulated fails with a clear error', async () => {
  const res = await call({ op: 'unknown' })
  expect(res.error).toMatchObject({ errCode: OPENAPI_NOT_FOUND, errMsg: expect.stringContaining('wxacode.getNothing is not emulated locally') })
})

describe('mediaCheckAsync verdicts by message push', () => {
  test('the dev rule: a path with risky is risky, with review needs a person, anything else passes', () => {
    expect(devVerdict('http://127.0.0.1/__/storage/object/b/mall-items/u/risky-1.jpg?t=1&sign=x')).toBe('risky')
    expect(devVerdict('http://127.0.0.1/__/storage/object/b/mall-items/u/REVIEW.jpg')).toBe('review')
    expect(devVerdict('http://127.0.0.1/__/storage/object/b/mall-items/u/egg.jpg?sign=risky')).toBe('pass')
  })

  test('a verdict goes, as WeChat sends it, to the function configured for wxa_media_check, with no caller', async () => {
    const push = await startFixtureEmulator({ messagePush: { wxa_media_check: 'whoami' }, mediaChecks: 'manual' })
    try {
      const asked = (await push.emu.functions.invoke('openapi', { op: 'mediaCheck', url: 'https://example.invalid/b.png' }, { openid: 'rider-3' })).result as { traceId: string }
      const post = (trace: string, suggest: string) => fetch(`${push.emu.url}/__/api/media-checks/${trace}/verdict?suggest=${suggest}`, { method: 'POST', headers: { 'content-type': 'application/json', ...inspectorAuth(push.emu) } })
      expect((await post(asked.traceId, 'maybe')).status).toBe(400)
      expect((await post('local-unknown', 'pass')).status).toBe(404)
      const res = await post(asked.traceId, 'risky')
      expect(res.status).toBe(200)
      const { verdict } = (await res.json()) as { verdict: { functionName: string; result: { before: Record<string, unknown>; event: Record<string, unknown> } } }
      expect(verdict.functionName).toBe('whoami')
      expect(verdict.result.event).toMatchObject({ MsgType: 'event', Event: 'wxa_media_check', trace_id: asked.traceId, version: 2, result: { suggest: 'risky' } })
      expect(verdict.result.before.OPENID).toBeFalsy()
      const { checks } = (await (await fetch(`${push.emu.url}/__/api/media-checks`, { headers: inspectorAuth(push.emu) })).json()) as { checks: { traceId: string; verdict: { suggest: string } | null }[] }
      expect(checks.find((c) => c.traceId === asked.traceId)?.verdict).toMatchObject({ suggest: 'risky' })
    } finally {
      await push.stop()
    }
  })

  test('without a configured function the verdict is recorded with the reason', async () => {
    const rec = await fx.emu.mediaPush.resolve('local-x', 'pass')
    expect(rec).toMatchObject({ functionName: '', error: expect.stringContaining('message-push.json') })
  })
})
