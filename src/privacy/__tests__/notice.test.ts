import { PRIVACY_NOTICE } from '@domain/privacy'
import { earlyReadsScript } from '../../../config/route-preload'
import { ENTRY_PAGE, FIRST_READS } from '@/first-reads'

// The gate as the h5 build runs it: calls go through src/api's fetch transport; the functions'
// answers are modelled per action, and every request that left is recorded.
type Api = typeof import('@/api')
type Notice = typeof import('@/privacy/notice')

const sent: string[] = []
let consented = false
let signedIn = true
const consentRecords: unknown[] = []
const fetchMock = jest.fn(async (url: string, init: { body: string }) => {
  const fn = url.split('/fn/')[1]
  const { action, input } = JSON.parse(init.body) as { action: string; input: Record<string, unknown> }
  sent.push(`${fn}.${action}`)
  const reply = (status: number, body: unknown) => ({ status, text: async () => JSON.stringify(body), json: async () => body })
  if (!signedIn) return reply(401, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
  if (action === 'consentStatus') return reply(200, { ok: true, data: { notice: PRIVACY_NOTICE, current: null, needsConsent: !consented } })
  if (action === 'consent') {
    consentRecords.push(input)
    consented = true
    return reply(200, { ok: true, data: { ...input, at: new Date().toISOString() } })
  }
  return reply(200, { ok: true, data: { action } })
})

let api: Api
let notice: Notice
const flush = () => new Promise((r) => setTimeout(r, 0))

beforeEach(() => {
  jest.resetModules()
  // fresh modules per test (the gate keeps its state in module scope): required after the reset
  /* eslint-disable @typescript-eslint/no-require-imports */
  api = require('@/api') as Api
  notice = require('@/privacy/notice') as Notice
  /* eslint-enable @typescript-eslint/no-require-imports */
  sent.length = 0
  consentRecords.length = 0
  consented = false
  signedIn = true
  fetchMock.mockClear()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  document.cookie = 'xgyz_caller=caller-a'
})

test('before acceptance only the free reads leave; accepting records once and lets the held calls go', async () => {
  notice.installNoticeGate()
  let balance: unknown = 'pending'
  const held = api.call('points', 'balance', {}).then((v) => (balance = v))
  const map = api.call('places', 'nearby', { longitude: 120.16962, latitude: 30.27489, radius: 5000 })
  await map
  await flush()
  expect(notice.noticeState()).toBe('needed')
  expect(sent.sort()).toEqual(['places.nearby', 'user.consentStatus'])
  expect(balance).toBe('pending')

  // two taps, one record
  await Promise.all([notice.acceptNotice(), notice.acceptNotice()])
  await held
  expect(consentRecords).toEqual([{ version: PRIVACY_NOTICE.version, location: false, phone: false, photos: false }])
  expect(balance).toEqual({ action: 'balance' })
  expect(notice.noticeState()).toBe('accepted')
  // accepted: nothing asks again this launch
  await api.call('user', 'me', {})
  expect(sent.filter((s) => s === 'user.consentStatus')).toHaveLength(1)
})

test('someone who accepted before: one question at launch, then every call goes; nothing is recorded again', async () => {
  consented = true
  notice.installNoticeGate()
  await api.call('points', 'balance', {})
  await api.call('user', 'me', {})
  expect(sent).toEqual(['user.consentStatus', 'points.balance', 'user.me'])
  expect(consentRecords).toEqual([])
})

test('not signed in (h5 before the demo sign-in): the call goes and is refused too; the next call asks again', async () => {
  signedIn = false
  notice.installNoticeGate()
  await expect(api.call('points', 'balance', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
  signedIn = true
  const held = api.call('points', 'balance', {})
  await flush()
  await flush()
  expect(notice.noticeState()).toBe('needed')
  expect(sent.filter((s) => s === 'points.balance')).toHaveLength(1)
  notice.declineNotice()
  await expect(held).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('个人信息保护说明') })
  expect(sent.filter((s) => s === 'points.balance')).toHaveLength(1)
  expect(consentRecords).toEqual([])
})

test('without the gate installed (page unit tests) calls go straight out', async () => {
  await api.call('points', 'balance', {})
  expect(sent).toEqual(['points.balance'])
})

test('h5 demo: switching persona without a reload asks again for the new one', async () => {
  consented = true
  notice.installNoticeGate()
  await api.call('points', 'balance', {})
  consented = false
  document.cookie = 'xgyz_caller=caller-b'
  const held = api.call('points', 'balance', {})
  await flush()
  await flush()
  expect(notice.noticeState()).toBe('needed')
  expect(sent).toEqual(['user.consentStatus', 'points.balance', 'user.consentStatus'])
  await notice.acceptNotice()
  await held
  expect(consentRecords).toHaveLength(1)
})

describe("h5: after index.html's early reads (config/route-preload.ts)", () => {
  /** index.html's inline script, run on the page opened */
  const openAt = (route: string) => {
    window.location.hash = `#${route}`
    new Function(/^<script>([\s\S]*)<\/script>$/.exec(earlyReadsScript(FIRST_READS, '', ENTRY_PAGE))![1])()
  }
  afterEach(() => {
    delete (window as { __xgEarly?: unknown }).__xgEarly
  })

  test('accepted before: the gate takes its notice answer, the page its personal read; each asked once', async () => {
    consented = true
    openAt('/pages/points/index')
    notice.installNoticeGate()
    await expect(api.call('points', 'balance', {})).resolves.toEqual({ action: 'balance' })
    await api.call('points', 'history', {})
    expect(sent).toEqual(['user.consentStatus', 'points.balance', 'points.history'])
    expect(notice.noticeState()).toBe('accepted')
  })

  test('the notice needed: nothing personal leaves before acceptance, then the held call goes once', async () => {
    openAt('/pages/points/index')
    notice.installNoticeGate()
    let balance: unknown = 'pending'
    const held = api.call('points', 'balance', {}).then((v) => (balance = v))
    await flush()
    await flush()
    expect(notice.noticeState()).toBe('needed')
    expect(sent).toEqual(['user.consentStatus'])
    expect(balance).toBe('pending')
    await notice.acceptNotice()
    await held
    expect(sent).toEqual(['user.consentStatus', 'user.consent', 'points.balance'])
  })
})
