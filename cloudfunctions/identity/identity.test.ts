import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AuditLogEntry, CommunityDoc, CommunityView, InviteView, MyVerificationView, PassView, QueueItem, ReviewResult, StaffView, VerifyPassView } from '../../domain/identity/model'
import type { AppSettings } from '../../domain/user/settings'
import type { MeView, UserDoc } from '../../domain/user/model'
import { parsePassToken, passPayload } from '../../domain/identity/pass'
import { startEmulator } from '../../emulator'
import { demoSnapshot } from '../../scripts/demo/data'
import { toEjson } from '../../scripts/demo/generate-places'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'
import { JPEG_BYTES, uploadAs } from '../../scripts/testing/uploads'
import { signPass } from './src/pass'

// identity and admin through the real wx-server-sdk, running in the emulator's function processes.
let cloud: TestCloud

type Err = { ok: false; error: { code: string; message: string; field?: string } }
type Res<T> = { ok: true; data: T } | Err
const call = <T>(fn: string, action: string, input: unknown, openid: string) => cloud.call(fn, { action, input }, openid) as Promise<Res<T>>
const id = <T>(action: string, input: unknown, openid: string) => call<T>('identity', action, input, openid)
const data = <T>(r: Res<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`)
  return r.data
}
const errOf = (r: Res<unknown>) => (r.ok ? null : r.error)
const docs = <T>(name: string) => cloud.emulator.database.listDocuments(name, { limit: 100_000 }) as T[]
const balanceOf = (userId: string) => docs<{ _id: string; balance: number; verified?: boolean }>('balances').find((b) => b._id === userId)

const user = (_id: string, roles: UserDoc['roles'], workerCommunityIds: string[] = [], verification: UserDoc['verification'] = { status: 'unverified' }) =>
  toEjson({ _id, nickname: _id, roles, workerCommunityIds, verification, createdAt: new Date(), updatedAt: new Date() })

const pendingIn = (communityId: string, riderId: string, submitted: string) => ({
  status: 'pending' as const,
  riderId,
  realName: '测试骑手',
  platform: '达达' as const,
  riderRole: '快递' as const,
  station: '达达测试站',
  platformRiderId: null,
  communityId,
  badgePhoto: null,
  phoneMasked: '150****0000',
  submittedAt: new Date(submitted),
  reviewedAt: null,
  reviewedBy: null,
  rejectReason: null,
  passVersion: 0,
})

/** Puts a badge picture into storage as if `openid` had uploaded it from the app. */
const uploadBadge = (openid: string, name = 'badge.jpg') => uploadAs(cloud, 'badges', openid, name, Buffer.concat([JPEG_BYTES, Buffer.from(`fake jpeg of ${openid}`)]))

const form = (openid: string, over: Record<string, unknown> = {}) => ({
  realName: '周建国',
  platform: '饿了么',
  riderRole: '外卖',
  station: '饿了么文晖站',
  communityId: 'c-xinheping',
  badgePhoto: uploadBadge(openid),
  phoneCode: 'test-13812345678',
  ...over,
})

/** The functions' signing key in this test emulator (scripts/function-env.ts keeps it in the data dir). */
const signingKey = () => Buffer.from((JSON.parse(readFileSync(join(cloud.emulator.dataDir, 'function-env.json'), 'utf8')) as Record<string, string>).PASS_SIGNING_KEY, 'utf8')

beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.emulator.database.importSnapshot(demoSnapshot())
  await cloud.emulator.database.importSnapshot({
    collections: {
      users: [
        user('o-admin-only', ['admin']),
        user('o-worker-xixi', ['worker'], ['c-xixi']),
        user('o-matrix-grantee', ['rider']),
        user('o-matrix-pending', ['rider'], [], pendingIn('c-xinheping', 'rMatrixPend1', '2026-01-01T00:00:00Z')),
        user('o-matrix-verified', ['rider'], [], { ...pendingIn('c-xinheping', 'rMatrixVeri1', '2026-01-01T00:00:00Z'), status: 'verified' }),
      ],
    },
  })
}, 120_000)
afterAll(() => cloud?.stop())

// ---------------------------------------------------------------------------------------------
// The role × action matrix, cell by cell.
// ---------------------------------------------------------------------------------------------
const P = {
  rider: 'demo-rider-zhang',
  unverified: 'demo-rider-li',
  workerIn: 'demo-worker-chen',
  workerOut: 'o-worker-xixi',
  merchant: 'demo-merchant-liu',
  admin: 'o-admin-only',
  /** a WeChat user who never called any function: a fresh openid for every cell */
  stranger: 'o-new',
} as const
let strangers = 0
const openidOf = (p: Persona) => (p === 'stranger' ? `o-new-${++strangers}` : P[p])
type Persona = keyof typeof P
const A = 'allowed'
const F = 'FORBIDDEN'
type Cell = typeof A | typeof F

interface Row {
  fn: 'identity' | 'admin'
  action: string
  input: (openid: string) => unknown
  cells: Record<Persona, Cell>
}

const badToken = 'XG1.rDemoZhang01.0.zzzzzzz.abcdefghijkl.' + 'A'.repeat(43)
const row = (fn: Row['fn'], action: string, input: Row['input'], c: Cell[]): Row => ({
  fn,
  action,
  input,
  cells: { rider: c[0], unverified: c[1], workerIn: c[2], workerOut: c[3], merchant: c[4], admin: c[5], stranger: c[6] },
})
// A stranger is treated as the new (unverified) rider they are: their document is made by the first
// action open to riders; staff actions refuse them without creating anything.
//                                                                   rider unver workerIn workerOut merchant admin stranger
const MATRIX: Row[] = [
  row('identity', 'myStatus', () => ({}), [A, A, F, F, F, F, A]),
  row('identity', 'apply', (openid) => form(openid), [A, A, F, F, F, F, A]),
  row('identity', 'updateProfile', () => ({ nickname: '小哥' }), [A, A, F, F, F, F, A]),
  row('identity', 'issuePass', () => ({}), [A, F, F, F, F, F, F]),
  row('identity', 'verifyPass', () => ({ token: badToken }), [F, F, A, A, A, A, F]),
  row('identity', 'queue', () => ({ communityId: 'c-xinheping' }), [F, F, A, F, F, A, F]),
  row('identity', 'badgeUrl', () => ({ riderId: 'rMatrixPend1' }), [F, F, A, F, F, A, F]),
  row('identity', 'approve', () => ({ riderId: 'rMatrixPend1' }), [F, F, A, F, F, A, F]),
  row('identity', 'reject', () => ({ riderId: 'rMatrixPend1', reason: '照片不清楚' }), [F, F, A, F, F, A, F]),
  row('identity', 'revoke', () => ({ riderId: 'rMatrixVeri1', reason: '已离职' }), [F, F, A, F, F, A, F]),
  row('admin', 'createCommunity', () => ({ name: '矩阵社区', street: '文晖街道', district: '拱墅区' }), [F, F, F, F, F, A, F]),
  // an unknown community: the admin's call reaches the handler (NOT_FOUND) and changes nothing
  row('admin', 'updateCommunity', () => ({ communityId: 'c-matrix-none', name: '矩阵社区二', street: '文晖街道', district: '拱墅区' }), [F, F, F, F, F, A, F]),
  row('admin', 'grantRole', () => ({ userId: 'o-matrix-grantee', kind: 'worker', communityIds: ['c-xixi'] }), [F, F, F, F, F, A, F]),
  row('admin', 'revokeRole', () => ({ userId: 'o-matrix-grantee', kind: 'worker' }), [F, F, F, F, F, A, F]),
  row('admin', 'createInvite', () => ({ kind: 'worker', communityIds: ['c-xixi'] }), [F, F, F, F, F, A, F]),
  row('admin', 'listInvites', () => ({}), [F, F, F, F, F, A, F]),
  row('admin', 'listStaff', () => ({}), [F, F, F, F, F, A, F]),
  // any signed-in user may redeem a code; this one does not exist, so the handler answers NOT_FOUND
  row('admin', 'redeemInvite', () => ({ code: 'ZZZZ2222' }), [A, A, A, A, A, A, A]),
]

describe('role × action matrix', () => {
  const cases = MATRIX.flatMap((r) => (Object.keys(P) as Persona[]).map((p) => [`${r.fn}.${r.action}`, p, r.cells[p], r] as const))
  it.each(cases)('%s as %s → %s', async (_name, persona, expected, r) => {
    const openid = openidOf(persona)
    const res = await call<unknown>(r.fn, r.action, r.input(openid), openid)
    const code = errOf(res)?.code
    // the stranger's document exists after an action open to riders (even one that then refuses an unverified rider)
    if (persona === 'stranger') expect(docs<UserDoc>('users').some((u) => u._id === openid)).toBe(r.cells.rider === A || r.cells.unverified === A)
    if (expected === A) {
      expect([F, 'UNAUTHENTICATED']).not.toContain(code)
      // the cell really reached the handler: no validation error
      expect(code).not.toBe('VALIDATION')
    } else {
      expect(code).toBe(expected)
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Flows
// ---------------------------------------------------------------------------------------------
describe('apply → review → verified → pass', () => {
  const rider = 'o-flow-zhou'
  let riderId = ''
  let pass: PassView

  it('a new rider applies; the form is stored minimal and the status is 审核中', async () => {
    data(await call<MeView>('user', 'me', {}, rider))
    const v = data(await id<MyVerificationView>('apply', form(rider), rider))
    expect(v).toMatchObject({ status: 'pending', realName: '周建国', platform: '饿了么', phoneMasked: '138****5678', communityName: '新和平社区', canApply: false })
    const doc = docs<UserDoc & { verification: Record<string, unknown> }>('users').find((u) => u._id === rider)!
    expect(JSON.stringify(doc)).not.toContain('13812345678')
    riderId = String(doc.verification.riderId)
    expect(riderId).toMatch(/^r[A-Za-z0-9_-]{8,}$/)
    expect(riderId).not.toContain(rider)
  })

  it('a second application while pending is refused', async () => {
    expect(errOf(await id('apply', form(rider, { realName: '周建军' }), rider))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('审核中') })
    expect(data(await id<MyVerificationView>('myStatus', {}, rider)).realName).toBe('周建国')
  })

  it('no pass before verification', async () => {
    expect(errOf(await id('issuePass', {}, rider))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('认证') })
  })

  it('the worker of the community sees it in the queue, oldest first, masked, and each view is audited once', async () => {
    const before = docs<AuditLogEntry>('auditLog').length
    const q = data(await id<QueueItem[]>('queue', {}, P.workerIn))
    const mine = q.find((i) => i.riderId === riderId)!
    expect(mine).toMatchObject({ realNameMasked: '*建国', phoneMasked: '138****5678', communityName: '新和平社区', hasBadgePhoto: true })
    expect(JSON.stringify(q)).not.toContain('周建国')
    expect(JSON.stringify(q)).not.toContain(rider)
    const times = q.map((i) => i.submittedAt)
    expect([...times].sort()).toEqual(times)
    expect(q.every((i) => ['c-xinheping', 'c-jinzhu'].includes(i.communityId))).toBe(true)
    // one entry per view (one write), naming everyone on the page
    const audit = docs<AuditLogEntry>('auditLog').slice(before)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: P.workerIn, action: 'identity.queue', subject: null, fields: expect.arrayContaining(['phoneMasked']) })
    expect(audit[0].subjects).toHaveLength(q.length)
    expect(audit[0].riderIds![audit[0].subjects!.indexOf(rider)]).toBe(riderId)
  })

  it('an admin sees it among every community’s applications', async () => {
    const q = data(await id<QueueItem[]>('queue', {}, P.admin))
    expect(q.some((i) => i.riderId === riderId)).toBe(true)
  })

  it('a worker of another community sees none of it', async () => {
    const q = data(await id<QueueItem[]>('queue', {}, P.workerOut))
    expect(q.find((i) => i.riderId === riderId)).toBeUndefined()
    expect(errOf(await id('queue', { communityId: 'c-xinheping' }, P.workerOut))).toMatchObject({ code: 'FORBIDDEN' })
  })

  it('the badge photo: a short-lived URL for staff of that community only, audited', async () => {
    const before = docs<AuditLogEntry>('auditLog').length
    const { url, expiresInSeconds } = data(await id<{ url: string; expiresInSeconds: number }>('badgeUrl', { riderId }, P.workerIn))
    expect(expiresInSeconds).toBeLessThanOrEqual(600)
    const got = await fetch(url)
    expect(got.status).toBe(200)
    expect(Buffer.from(await got.arrayBuffer()).subarray(JPEG_BYTES.length).toString()).toBe(`fake jpeg of ${rider}`)
    expect(docs<AuditLogEntry>('auditLog').slice(before)).toEqual([
      expect.objectContaining({ actor: P.workerIn, action: 'identity.badgeUrl', subject: rider, riderId, fields: ['badgePhoto'] }),
    ])
    const after = docs<AuditLogEntry>('auditLog').length
    expect(errOf(await id('badgeUrl', { riderId }, P.workerOut))).toMatchObject({ code: 'FORBIDDEN' })
    expect(errOf(await id('badgeUrl', { riderId }, 'demo-rider-wang'))).toMatchObject({ code: 'FORBIDDEN' })
    expect(errOf(await id('badgeUrl', { riderId }, P.merchant))).toMatchObject({ code: 'FORBIDDEN' })
    expect(docs<AuditLogEntry>('auditLog').length).toBe(after)
  })

  it('a worker cannot approve outside their communities', async () => {
    expect(errOf(await id('approve', { riderId }, P.workerOut))).toMatchObject({ code: 'FORBIDDEN' })
    expect(data(await id<MyVerificationView>('myStatus', {}, rider)).status).toBe('pending')
  })

  it('the worker approves; the rider is told through a subscribe message and sees 已认证', async () => {
    cloud.emulator.openapi.outbox.clear()
    expect(data(await id<ReviewResult>('approve', { riderId }, P.workerIn))).toEqual({ riderId, status: 'verified', notified: true })
    expect(errOf(await id('approve', { riderId }, P.workerIn))).toMatchObject({ code: 'CONFLICT' })
    const msgs = cloud.emulator.openapi.outbox.list()
    expect(msgs).toHaveLength(1)
    // the template and keys of the local settings (server/subscribe-messages.ts), each value within its key's rule
    expect(msgs[0]).toEqual(
      expect.objectContaining({
        touser: rider,
        functionName: 'identity',
        templateId: 'identity-review-result',
        page: 'packages/rider/verify/index',
        data: { phrase1: { value: '已通过' }, thing2: { value: '身份认证已通过，可以使用小哥码了' }, time3: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$/) } },
      }),
    )
    const me = data(await call<MeView>('user', 'me', {}, rider))
    expect(me.verification).toMatchObject({ status: 'verified', platform: '饿了么', phoneMasked: '138****5678', communityName: '新和平社区', realNameMasked: '*建国' })
    expect(docs<AuditLogEntry>('auditLog').some((e) => e.action === 'identity.approve' && e.subject === rider)).toBe(true)
    // the approval creates the rider's balance document with the verification mirror (mall.redeem reads it)
    expect(balanceOf(rider)).toMatchObject({ balance: 0, verified: true })
  })

  it('the verified rider gets a signed pass valid ≤ 60 s; a merchant verifies it (logged)', async () => {
    pass = data(await id<PassView>('issuePass', {}, rider))
    const left = new Date(pass.expiresAt).getTime() - new Date(pass.issuedAt).getTime()
    expect(left).toBeLessThanOrEqual(60_000)
    expect(pass).toMatchObject({ realNameMasked: '*建国', platform: '饿了么', refreshAfterMs: 30_000 })
    expect(parsePassToken(pass.token)?.riderId).toBe(riderId)
    const again = data(await id<PassView>('issuePass', {}, rider))
    expect(again.token).not.toBe(pass.token)

    const before = docs('passChecks').length
    const v = data(await id<VerifyPassView>('verifyPass', { token: pass.token }, P.merchant))
    expect(v).toMatchObject({ result: 'valid', realNameMasked: '*建国', platform: '饿了么', communityName: '新和平社区' })
    expect(JSON.stringify(v)).not.toContain('周建国')
    expect(docs('passChecks').slice(before)).toEqual([expect.objectContaining({ checker: P.merchant, riderId, result: 'valid' })])
    // the rider id (what 代为注销 acts on) only for staff of the rider's community
    expect(v.staffRiderId).toBeNull()
    expect(data(await id<VerifyPassView>('verifyPass', { token: pass.token }, P.workerOut)).staffRiderId).toBeNull()
    expect(data(await id<VerifyPassView>('verifyPass', { token: pass.token }, P.workerIn)).staffRiderId).toBe(riderId)
    expect(data(await id<VerifyPassView>('verifyPass', { token: pass.token }, P.admin)).staffRiderId).toBe(riderId)
  })

  it('a tampered pass is refused as forged, and logged', async () => {
    const p = parsePassToken(pass.token)!
    const tampered = [
      `${passPayload({ ...p, riderId: 'rDemoZhang01' })}.${p.signature}`,
      `${passPayload({ ...p, exp: p.exp + 30_000 })}.${p.signature}`,
      'https://evil.example/pass',
      `${pass.token.slice(0, -2)}AA`,
    ]
    const before = docs('passChecks').length
    for (const token of tampered) {
      const v = data(await id<VerifyPassView>('verifyPass', { token }, P.workerIn))
      expect(v).toMatchObject({ result: 'forged', realNameMasked: null, message: expect.stringContaining('篡改') })
    }
    expect(docs('passChecks').length).toBe(before + tampered.length)
  })

  it('an expired pass is refused as expired (signed with the functions’ key, 2 minutes ago)', async () => {
    const old = signPass({ riderId, passVersion: 0 }, new Date(Date.now() - 120_000), { key: signingKey() })
    expect(data(await id<VerifyPassView>('verifyPass', { token: old.token }, P.admin))).toMatchObject({ result: 'expired', message: expect.stringContaining('过期') })
    // the same claims signed with another key are forged
    const other = signPass({ riderId, passVersion: 0 }, new Date(), { key: Buffer.from('o'.repeat(64)) })
    expect(data(await id<VerifyPassView>('verifyPass', { token: other.token }, P.admin)).result).toBe('forged')
  })

  it('a station change keeps the rider verified; an identity change sends them back to review and voids old passes', async () => {
    expect(data(await id<MyVerificationView>('updateProfile', { station: '饿了么北山站' }, rider)).status).toBe('verified')
    const fresh = data(await id<PassView>('issuePass', {}, rider))
    expect(data(await id<VerifyPassView>('verifyPass', { token: fresh.token }, P.workerIn)).result).toBe('valid')
    const v = data(await id<MyVerificationView>('updateProfile', { platform: '美团' }, rider))
    expect(v).toMatchObject({ status: 'pending', platform: '美团' })
    expect(balanceOf(rider)).toMatchObject({ verified: false })
    expect(data(await id<VerifyPassView>('verifyPass', { token: fresh.token }, P.workerIn)).result).toBe('revoked')
    expect(errOf(await id('issuePass', {}, rider))).toMatchObject({ code: 'FORBIDDEN' })
    data(await id('approve', { riderId }, P.workerIn))
    expect(balanceOf(rider)).toMatchObject({ verified: true })
  })

  it('a revocation makes older passes fail as revoked, with a clear reason; the rider is told', async () => {
    const before = data(await id<PassView>('issuePass', {}, rider))
    cloud.emulator.openapi.outbox.clear()
    expect(data(await id<ReviewResult>('revoke', { riderId, reason: '已不在该平台从业' }, P.workerIn)).status).toBe('rejected')
    const v = data(await id<VerifyPassView>('verifyPass', { token: before.token }, P.merchant))
    expect(v).toMatchObject({ result: 'revoked', message: expect.stringContaining('撤销') })
    expect(cloud.emulator.openapi.outbox.list()[0]).toMatchObject({ touser: rider, data: { phrase1: { value: '已撤销' } } })
    expect(errOf(await id('issuePass', {}, rider))).toMatchObject({ code: 'FORBIDDEN' })
    expect(data(await id<MyVerificationView>('myStatus', {}, rider))).toMatchObject({ status: 'rejected', rejectReason: '已不在该平台从业', canApply: true })
    expect(balanceOf(rider)).toMatchObject({ verified: false })
  })
})

describe('rejection and re-application', () => {
  const rider = 'o-flow-wu'
  let riderId = ''
  it('rejection needs a reason, reaches the rider with it, and the rider can apply again', async () => {
    data(await call<MeView>('user', 'me', {}, rider))
    data(await id('apply', form(rider, { realName: '吴磊', communityId: 'c-jinzhu' }), rider))
    riderId = String(docs<UserDoc>('users').find((u) => u._id === rider)!.verification.riderId)
    expect(errOf(await id('reject', { riderId }, P.workerIn))).toMatchObject({ code: 'VALIDATION', field: 'reason' })
    cloud.emulator.openapi.outbox.clear()
    expect(data(await id<ReviewResult>('reject', { riderId, reason: '照片看不清平台标识' }, P.workerIn)).status).toBe('rejected')
    expect(cloud.emulator.openapi.outbox.list()).toEqual([
      expect.objectContaining({ touser: rider, data: expect.objectContaining({ phrase1: { value: '未通过' }, thing2: { value: '照片看不清平台标识' } }) }),
    ])
    expect(data(await id<MyVerificationView>('myStatus', {}, rider))).toMatchObject({ status: 'rejected', rejectReason: '照片看不清平台标识', canApply: true })
    const me = data(await call<MeView>('user', 'me', {}, rider))
    expect(me.verification).toMatchObject({ status: 'rejected', rejectReason: '照片看不清平台标识' })

    const photo = uploadBadge(rider, 'second.jpg')
    const oldPhoto = docs<UserDoc>('users').find((u) => u._id === rider)!.verification.badgePhoto!
    expect(data(await id<MyVerificationView>('apply', form(rider, { realName: '吴磊', communityId: 'c-jinzhu', badgePhoto: photo }), rider)).status).toBe('pending')
    const q = data(await id<QueueItem[]>('queue', { communityId: 'c-jinzhu' }, P.workerIn))
    expect(q.find((i) => i.riderId === riderId)).toMatchObject({ previouslyRejected: true })
    // the replaced photo is deleted
    expect(cloud.emulator.storage.get(oldPhoto)).toBeUndefined()
    expect(cloud.emulator.storage.get(photo)).toBeDefined()
  })

  it('staff cannot review their own application', async () => {
    await cloud.emulator.database.importSnapshot({
      collections: { users: [user('o-worker-rider', ['rider', 'worker'], ['c-xixi'], pendingIn('c-xixi', 'rSelfReview1', '2026-02-01T00:00:00Z'))] },
    })
    expect(errOf(await id('approve', { riderId: 'rSelfReview1' }, 'o-worker-rider'))).toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('bad input', () => {
  const rider = 'o-bad-input'
  beforeAll(async () => {
    data(await call<MeView>('user', 'me', {}, rider))
  })
  it.each([
    ['realName', '330106199001011234'],
    ['station', '站点330106199001011234'],
    ['platformRiderId', '33010619900101123X'],
    ['platform', '蜂鸟'],
    ['communityId', '../users'],
    ['phoneCode', ''],
  ])('apply with a bad %s is a validation error naming it, and writes nothing', async (field, value) => {
    const res = await id('apply', form(rider, { [field]: value }), rider)
    expect(errOf(res)).toMatchObject({ code: 'VALIDATION', field })
    expect(docs<UserDoc>('users').find((u) => u._id === rider)!.verification.status).toBe('unverified')
  })

  it('refuses privileged keys, another rider’s photo, an unknown community and a bad phone code', async () => {
    for (const k of ['openid', 'status', '_openid', 'role']) {
      expect(errOf(await id('apply', { ...form(rider), [k]: 'x' }, rider))).toMatchObject({ code: 'VALIDATION', field: k })
    }
    expect(errOf(await id('apply', form(rider, { badgePhoto: uploadBadge('demo-rider-wang') }), rider))).toMatchObject({ code: 'VALIDATION', field: 'badgePhoto' })
    expect(errOf(await id('apply', form(rider, { communityId: 'c-nowhere' }), rider))).toMatchObject({ code: 'VALIDATION', field: 'communityId' })
    expect(errOf(await id('apply', form(rider, { phoneCode: 'invalid-code' }), rider))).toMatchObject({ code: 'VALIDATION', field: 'phoneCode' })
    expect(errOf(await id('verifyPass', { token: 'x'.repeat(1000) }, P.merchant))).toMatchObject({ code: 'VALIDATION', field: 'token' })
    expect(errOf(await id('verifyPass', { token: { $ne: '' } }, P.merchant))).toMatchObject({ code: 'VALIDATION', field: 'token' })
    expect(docs<UserDoc>('users').find((u) => u._id === rider)!.verification.status).toBe('unverified')
  })

  it('takes only a photo that was uploaded, into the caller’s folder, and is a JPEG, PNG or WebP by its bytes (issue 14)', async () => {
    const own = uploadBadge(rider)
    const dir = own.slice(0, own.lastIndexOf('/'))
    // the folder names the rider by an opaque id, not their openid
    expect(dir).not.toContain(rider)
    expect(data(await id<MyVerificationView>('myStatus', {}, rider)).uploadDir).toBe(dir.slice(dir.indexOf('badges/')))
    const never = `${dir}/never-uploaded.jpg`
    expect(errOf(await id('apply', form(rider, { badgePhoto: never }), rider))).toMatchObject({ code: 'VALIDATION', field: 'badgePhoto', message: expect.stringContaining('没有上传成功') })
    const svg = uploadAs(cloud, 'badges', rider, 'x.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/png')
    expect(errOf(await id('apply', form(rider, { badgePhoto: svg }), rider))).toMatchObject({ code: 'VALIDATION', field: 'badgePhoto', message: expect.stringContaining('JPG、PNG 或 WebP') })
    const png = uploadAs(cloud, 'badges', rider, 'b.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'image/png')
    const webp = uploadAs(cloud, 'badges', rider, 'c.webp', Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]), 'image/webp')
    for (const ok of [png, webp]) expect(errOf(await id('apply', form(rider, { badgePhoto: ok, phoneCode: 'invalid-code' }), rider))).toMatchObject({ field: 'phoneCode' })
    expect(docs<UserDoc>('users').find((u) => u._id === rider)!.verification.status).toBe('unverified')
  })

  it('two quick applications make one', async () => {
    const r = 'o-double-tap'
    data(await call<MeView>('user', 'me', {}, r))
    const f = form(r)
    const results = await Promise.all([id('apply', f, r), id('apply', f, r), id('apply', f, r)])
    expect(results.filter((x) => x.ok)).toHaveLength(1)
    expect(results.filter((x) => errOf(x)?.code === 'CONFLICT')).toHaveLength(2)
  })
})

describe('admin: communities, roles, invites, staff', () => {
  let communityId = ''
  it("creates a community (names unique) that every user's app learns from user.settings, its centre a map preset", async () => {
    const centre = { longitude: 120.1601, latitude: 30.2921 }
    const c = data(await call<CommunityView>('admin', 'createCommunity', { name: '德胜社区', street: '文晖街道', district: '杭州市拱墅区', centre }, P.admin))
    communityId = c.id
    expect(c).toMatchObject({ name: '德胜社区', centre })
    expect(errOf(await call('admin', 'createCommunity', { name: '德胜社区', street: '文晖街道', district: '杭州市拱墅区' }, P.admin))).toMatchObject({ code: 'CONFLICT', field: 'name' })
    const s = data(await call<AppSettings>('user', 'settings', {}, 'o-settings-reader'))
    // oldest first: the demo district's first community stays where the map opens; the new one comes last
    expect(s.communities.map((x) => x.name)).toEqual(['新和平社区', '金祝社区', '西溪社区', '矩阵社区', '德胜社区'])
    expect(s.map.centre).toMatchObject({ label: '新和平社区' })
    expect(s.map.presets[s.map.presets.length - 1]).toEqual({ ...centre, label: '德胜社区' })
  })

  it('the admin edits a community: the new name reaches every app through user.settings, names stay unique, each edit is audited', async () => {
    const before = docs<AuditLogEntry>('auditLog').length
    const edit = (over: Record<string, unknown>, who: string = P.admin) =>
      call<CommunityView>('admin', 'updateCommunity', { communityId, name: '德胜新村社区', street: '文晖街道', district: '杭州市拱墅区', ...over }, who)
    const c = data(await edit({}))
    // a centre left out stays as it was
    expect(c).toMatchObject({ id: communityId, name: '德胜新村社区', street: '文晖街道', centre: { longitude: 120.1601, latitude: 30.2921 } })
    const s = data(await call<AppSettings>('user', 'settings', {}, 'o-settings-reader-2'))
    expect(s.communities.find((x) => x.id === communityId)).toMatchObject({ name: '德胜新村社区' })
    expect(s.map.presets[s.map.presets.length - 1]).toMatchObject({ label: '德胜新村社区' })
    // another community's name is taken; an unknown community is not found; staff below admin are refused
    expect(errOf(await edit({ name: '新和平社区' }))).toMatchObject({ code: 'CONFLICT', field: 'name', message: '已有名为「新和平社区」的社区' })
    expect(errOf(await edit({ communityId: 'c-nowhere' }))).toMatchObject({ code: 'NOT_FOUND', field: 'communityId' })
    expect(errOf(await edit({ street: '新街道' }, P.workerIn))).toMatchObject({ code: 'FORBIDDEN' })
    // the form's problems, in words, all at once: no field key
    const bad = errOf(await edit({ name: '德', street: '' }))
    expect(bad).toMatchObject({ code: 'VALIDATION' })
    expect(bad!.message).not.toMatch(/name|street/)
    // saving unchanged values writes nothing and logs nothing
    data(await edit({}))
    const doc = docs<CommunityDoc>('communities').find((x) => x._id === communityId)!
    expect(doc).toMatchObject({ name: '德胜新村社区', street: '文晖街道', updatedAt: { $date: expect.anything() } })
    const audit = docs<AuditLogEntry>('auditLog').slice(before)
    expect(audit).toEqual([expect.objectContaining({ action: 'admin.updateCommunity', actor: P.admin, communityId, fields: ['name'], detail: '德胜社区 → 德胜新村社区' })])
  })

  it('an invite code makes a new worker of that community, once', async () => {
    const inv = data(await call<InviteView>('admin', 'createInvite', { kind: 'worker', communityIds: [communityId], note: '德胜社区 网格员' }, P.admin))
    expect(inv.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
    // someone who never opened the app: refused staff actions, then redeems the code as their first act
    expect(errOf(await id('queue', {}, 'o-new-worker'))).toMatchObject({ code: 'FORBIDDEN' })
    const r = data(await call<{ roles: string[]; workerCommunityIds: string[] }>('admin', 'redeemInvite', { code: inv.code.toLowerCase() }, 'o-new-worker'))
    expect(r).toEqual({ roles: ['rider', 'worker'], workerCommunityIds: [communityId] })
    expect(errOf(await call('admin', 'redeemInvite', { code: inv.code }, 'o-someone-else'))).toMatchObject({ code: 'CONFLICT' })
    expect(data(await id<QueueItem[]>('queue', {}, 'o-new-worker'))).toEqual([])
    expect(errOf(await id('queue', { communityId: 'c-xinheping' }, 'o-new-worker'))).toMatchObject({ code: 'FORBIDDEN' })
    expect(data(await call<InviteView[]>('admin', 'listInvites', {}, P.admin)).find((i) => i.code === inv.code)).toMatchObject({ used: true })
  })

  it('grants and revokes roles by openid, scoped to communities; lists staff', async () => {
    data(await call<MeView>('user', 'me', {}, 'o-granted'))
    expect(errOf(await call('admin', 'grantRole', { userId: 'o-granted', kind: 'worker', communityIds: ['c-nowhere'] }, P.admin))).toMatchObject({ code: 'VALIDATION', field: 'communityIds' })
    expect(errOf(await call('admin', 'grantRole', { userId: 'o-never-seen', kind: 'admin' }, P.admin))).toMatchObject({ code: 'NOT_FOUND' })
    let s = data(await call<StaffView>('admin', 'grantRole', { userId: 'o-granted', kind: 'worker', communityIds: ['c-xixi', 'c-jinzhu'] }, P.admin))
    expect(s).toMatchObject({ roles: ['rider', 'worker'], workerCommunityIds: ['c-xixi', 'c-jinzhu'], communityNames: ['西溪社区', '金祝社区'] })
    s = data(await call<StaffView>('admin', 'revokeRole', { userId: 'o-granted', kind: 'worker', communityIds: ['c-jinzhu'] }, P.admin))
    expect(s).toMatchObject({ roles: ['rider', 'worker'], workerCommunityIds: ['c-xixi'] })
    // staff are listed by opaque ids, never by openid (issue 14); a revoke takes either
    const grantedId = s.userId
    expect(grantedId).toMatch(/^u[A-Za-z0-9_-]{22}$/)
    const staff = data(await call<StaffView[]>('admin', 'listStaff', {}, P.admin))
    expect(staff.map((x) => x.userId)).toContain(grantedId)
    expect(staff.map((x) => x.nickname)).toEqual(expect.arrayContaining(['陈主任', '孙科长']))
    expect(JSON.stringify(staff)).not.toMatch(/o-granted|demo-worker-chen|demo-admin-sun|o-new-worker/)
    s = data(await call<StaffView>('admin', 'revokeRole', { userId: grantedId, kind: 'worker' }, P.admin))
    expect(s).toMatchObject({ roles: ['rider'], workerCommunityIds: [] })
    data(await call('admin', 'grantRole', { userId: 'o-granted', kind: 'admin' }, P.admin))
    expect(data(await call<StaffView>('admin', 'revokeRole', { userId: 'o-granted', kind: 'admin' }, P.admin)).roles).toEqual(['rider'])
    expect(errOf(await call('admin', 'revokeRole', { userId: P.admin, kind: 'admin' }, P.admin))).toMatchObject({ code: 'CONFLICT' })
    const audit = docs<AuditLogEntry>('auditLog').filter((e) => e.subject === 'o-granted')
    expect(audit.map((e) => e.action)).toEqual(['admin.grantRole', 'admin.revokeRole', 'admin.revokeRole', 'admin.grantRole', 'admin.revokeRole'])
  })

  it('a user cannot make themselves staff through request data', async () => {
    expect(errOf(await call('admin', 'grantRole', { userId: P.rider, kind: 'admin' }, P.rider))).toMatchObject({ code: 'FORBIDDEN' })
    expect(errOf(await call('user', 'me', { roles: ['admin'] }, P.rider))).toMatchObject({ code: 'VALIDATION' })
    expect(docs<UserDoc>('users').find((u) => u._id === P.rider)!.roles).toEqual(['rider'])
  })
})

describe('the demo data', () => {
  it('has verified riders who get passes and pending applications in 陈主任’s queue with a photo', async () => {
    const pass = data(await id<PassView>('issuePass', {}, 'demo-rider-wang'))
    expect(pass).toMatchObject({ realNameMasked: '*秀英', platform: '饿了么', communityName: '金祝社区' })
    const q = data(await id<QueueItem[]>('queue', {}, P.workerIn))
    expect(q.map((i) => i.riderId)).toEqual(expect.arrayContaining(['rDemoQian001', 'rDemoSunXm01']))
  })
})

describe('without a signing key', () => {
  it('answers INTERNAL (and never signs with a default key)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xg-nokey-'))
    const emu = await startEmulator({ port: 0, dataDir: dir, reset: true, quiet: true, functionEnv: {} })
    try {
      await emu.database.importSnapshot(demoSnapshot())
      const { result } = await emu.functions.invoke('identity', { action: 'issuePass', input: {} }, { openid: 'demo-rider-zhang' })
      expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
      const { result: r2 } = await emu.functions.invoke('identity', { action: 'verifyPass', input: { token: badToken } }, { openid: 'demo-merchant-liu' })
      expect(r2).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    } finally {
      await emu.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
