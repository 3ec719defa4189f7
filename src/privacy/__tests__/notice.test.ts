import { PRIVACY_NOTICE } from '@domain/privacy'
import { earlyReadsScript } from '../../../config/route-preload'
import { ENTRY_PAGE, FIRST_READS } from '@/first-reads'

// The gate as the h5 build runs it: calls go through src/api's fetch transport; the functions'
// answers are modelled per action (an `ifConsented` request of someone who has not accepted is
// refused, as server/router.ts does), and every request that left is recorded: `points.balance?`
// is one sent marked `ifConsented`.
type Api = typeof import('@/api')
type Notice = typeof import('@/privacy/notice')

const sent: string[] = []
let consented = false
/** user.consentStatus answers once this settles */
let consentStatusHeld: Promise<void> = Promise.resolve()
let signedIn = true
const consentRecords: unknown[] = []
const fetchMock = jest.fn(async (url: string, init: { body: string }) => {
  const fn = url.split('/fn/')[1]
  const { action, input, ifConsented } = JSON.parse(init.body) as { action: string; input: Record<string, unknown>; ifConsented?: true }
  sent.push(`${fn}.${action}${ifConsented ? '?' : ''}`)
  const reply = (status: number, body: unknown) => ({ status, text: async () => JSON.stringify(body), json: async () => body })
  if (!signedIn) return reply(401, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
  if (ifConsented && !consented) return reply(200, { ok: false, error: { code: 'NOTICE_REQUIRED', message: '同意后才能使用' } })
  if (action === 'consentStatus') {
    // the answer is about whoever asked, even if it arrives late
    const about = consented
    await consentStatusHeld
    return reply(200, { ok: true, data: { notice: PRIVACY_NOTICE, current: null, needsConsent: !about } })
  }
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
  consentStatusHeld = Promise.resolve()
  fetchMock.mockClear()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  document.cookie = 'xgyz_caller=caller-a'
})

test('before acceptance only the free reads are answered; accepting records once and lets the held calls go', async () => {
  notice.installNoticeGate()
  let balance: unknown = 'pending'
  const held = api.call('points', 'balance', {}).then((v) => (balance = v))
  const map = api.call('places', 'nearby', { longitude: 120.16962, latitude: 30.27489, radius: 5000 })
  await map
  await flush()
  expect(notice.noticeState()).toBe('needed')
  // the personal read left beside the question, marked, and was refused; once the notice is known
  // to be needed, nothing else leaves
  expect([...sent].sort()).toEqual(['places.nearby', 'points.balance?', 'user.consentStatus'])
  expect(balance).toBe('pending')
  await api.call('places', 'detail', { id: 'p-1' })
  const more = api.call('user', 'me', {})
  more.catch(() => undefined)
  await flush()
  expect(sent).not.toContain('user.me')
  expect(sent).not.toContain('user.me?')

  // two taps, one record
  await Promise.all([notice.acceptNotice(), notice.acceptNotice()])
  await held
  expect(consentRecords).toEqual([{ version: PRIVACY_NOTICE.version, location: false, phone: false, photos: false }])
  expect(balance).toEqual({ action: 'balance' })
  expect(notice.noticeState()).toBe('accepted')
  await more
  expect(sent.slice(sent.indexOf('user.consent')).sort()).toEqual(['points.balance', 'user.consent', 'user.me'])
  // accepted: nothing asks again this launch
  await api.call('user', 'me', {})
  expect(sent.filter((s) => s === 'user.consentStatus')).toHaveLength(1)
})

test('someone who accepted before: one question at launch, the first read beside it (one round trip), then every call goes plainly; nothing is recorded again', async () => {
  consented = true
  notice.installNoticeGate()
  await expect(api.call('points', 'balance', {})).resolves.toEqual({ action: 'balance' })
  await api.call('user', 'me', {})
  expect(sent).toEqual(['user.consentStatus', 'points.balance?', 'user.me'])
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
  notice.declineNotice()
  await expect(held).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('个人信息保护说明') })
  // both left marked (refused: not signed in, then not accepted); none was answered
  expect(sent.filter((s) => s.startsWith('points.balance'))).toEqual(['points.balance?', 'points.balance?'])
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
  expect(sent).toEqual(['user.consentStatus', 'points.balance?', 'user.consentStatus', 'points.balance?'])
  await notice.acceptNotice()
  await held
  expect(consentRecords).toHaveLength(1)
  expect(sent.slice(4)).toEqual(['user.consent', 'points.balance'])
})

test("h5 demo: an answer about the previous persona that arrives after the switch is not taken for the new one", async () => {
  consented = true
  let answerA!: () => void
  consentStatusHeld = new Promise((r) => (answerA = r))
  notice.installNoticeGate()
  await flush()
  consented = false
  consentStatusHeld = Promise.resolve()
  document.cookie = 'xgyz_caller=caller-b'
  // the first call as b: b's question leaves; a's answer ("accepted") comes after it
  const first = api.call('points', 'balance', {})
  first.catch(() => undefined)
  await flush()
  answerA()
  await flush()
  await flush()
  expect(notice.noticeState()).toBe('needed')
  const held = api.call('user', 'me', {})
  held.catch(() => undefined)
  await flush()
  expect(sent.filter((c) => c.startsWith('user.me'))).toEqual([])
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
    expect(sent).toEqual(['user.consentStatus', 'points.balance?', 'points.history?'])
    expect(notice.noticeState()).toBe('accepted')
  })

  test('the notice needed: the marked reads are refused, the page waits for acceptance, then its call goes once more', async () => {
    openAt('/pages/points/index')
    notice.installNoticeGate()
    let balance: unknown = 'pending'
    const held = api.call('points', 'balance', {}).then((v) => (balance = v))
    await flush()
    await flush()
    expect(notice.noticeState()).toBe('needed')
    expect(sent).toEqual(['user.consentStatus', 'points.balance?', 'points.history?'])
    expect(balance).toBe('pending')
    await notice.acceptNotice()
    await held
    expect(balance).toEqual({ action: 'balance' })
    expect(sent.slice(3)).toEqual(['user.consent', 'points.balance'])
  })
})
