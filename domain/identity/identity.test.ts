import { AppError } from '../errors'
import { parseOrThrow } from '../validation'
import { identityContract, verificationForm, profilePatch } from './contract'
import { adminContract } from '../admin/contract'
import { canApply, canTransition, changedIdentityFields } from './rules'
import { parsePassToken, passPayload } from './pass'

const ok = {
  realName: '张建国',
  platform: '美团',
  riderRole: '外卖',
  station: '美团外卖文晖站',
  platformRiderId: 'MT20231107',
  communityId: 'c-xinheping',
  badgePhoto: 'cloud://local-dev.6c6f-local-dev-1250000000/badges/o-zhang/badge.jpg',
  phoneCode: 'test-13812345678',
}

const failure = (schema: Parameters<typeof parseOrThrow>[0], input: unknown): AppError => {
  try {
    parseOrThrow(schema, input)
  } catch (e) {
    return e as AppError
  }
  throw new Error('expected a validation error')
}

const ID_NUMBER = '330106199001011234'
const ID_NUMBER_X = '33010619900101123X'

describe('verification form', () => {
  it('accepts a complete form and defaults the optional rider id to null', () => {
    expect(parseOrThrow(verificationForm, ok)).toMatchObject({ realName: '张建国', platformRiderId: 'MT20231107' })
    const { platformRiderId: _omit, ...rest } = ok
    expect(parseOrThrow(verificationForm, rest).platformRiderId).toBeNull()
  })

  it.each(['realName', 'station', 'platformRiderId'])('refuses an ID-card number in %s, naming the field', (field) => {
    for (const id of [ID_NUMBER, ID_NUMBER_X, `工号${ID_NUMBER}`, '330106 19900101 1234']) {
      const e = failure(verificationForm, { ...ok, [field]: id })
      expect(e.code).toBe('VALIDATION')
      expect(e.field).toBe(field)
    }
    expect(failure(verificationForm, { ...ok, [field]: ID_NUMBER }).message).toContain('身份证')
  })

  it('refuses an ID-card number in every free-text field of the profile edit and the admin forms', () => {
    for (const field of ['nickname', 'realName', 'station', 'platformRiderId']) {
      expect(failure(profilePatch, { [field]: ID_NUMBER })).toMatchObject({ code: 'VALIDATION', field })
    }
    expect(failure(identityContract.reject.input, { riderId: 'rDemoQian001', reason: `身份证${ID_NUMBER}` })).toMatchObject({ field: 'reason' })
    expect(failure(identityContract.revoke.input, { riderId: 'rDemoQian001', reason: ID_NUMBER })).toMatchObject({ field: 'reason' })
    for (const field of ['name', 'street', 'district']) {
      expect(failure(adminContract.createCommunity.input, { name: '新社区', street: '文晖街道', district: '拱墅区', [field]: ID_NUMBER })).toMatchObject({ field })
    }
    expect(failure(adminContract.createInvite.input, { kind: 'admin', note: ID_NUMBER })).toMatchObject({ field: 'note' })
  })

  it.each([
    ['realName', '张', '至少'],
    ['realName', '张'.repeat(21), '不能超过'],
    ['realName', '张3', '汉字或字母'],
    ['platform', '蜂鸟', '平台'],
    ['riderRole', '司机', '工作'],
    ['station', '站', '至少'],
    ['communityId', 'c xin', '社区'],
    ['badgePhoto', 'https://example.com/a.jpg', '上传'],
    ['badgePhoto', 'cloud://env.bucket/other/a.jpg', '上传'],
    ['phoneCode', '', '手机号'],
    ['platformRiderId', 'MT 2023', '字母'],
  ])('names the field %s for %j', (field, value, words) => {
    const e = failure(verificationForm, { ...ok, [field]: value })
    expect(e.field).toBe(field)
    expect(e.message).toContain(words)
  })

  it('names a missing field and refuses unknown or privileged keys', () => {
    const { station: _s, ...rest } = ok
    expect(failure(verificationForm, rest)).toMatchObject({ field: 'station', message: '请填写站点或公司' })
    for (const key of ['openid', 'status', 'role', '_openid', 'idCard']) {
      expect(failure(verificationForm, { ...ok, [key]: 'x' })).toMatchObject({ code: 'VALIDATION', field: key })
    }
  })

  it('requires something to change in a profile edit', () => {
    expect(failure(profilePatch, {}).message).toContain('没有要修改')
    expect(parseOrThrow(profilePatch, { station: '美团外卖北山站' })).toEqual({ station: '美团外卖北山站' })
  })

  it('requires communities for a worker grant or invite, not for admin', () => {
    expect(failure(adminContract.grantRole.input, { userId: 'o-someone', kind: 'worker' })).toMatchObject({ field: 'communityIds' })
    expect(parseOrThrow(adminContract.grantRole.input, { userId: 'o-someone', kind: 'admin' })).toEqual({ userId: 'o-someone', kind: 'admin' })
    expect(failure(adminContract.grantRole.input, { userId: 'o-someone', kind: 'merchant' })).toMatchObject({ field: 'kind' })
    expect(failure(adminContract.createInvite.input, { kind: 'worker', communityIds: [] })).toMatchObject({ field: 'communityIds' })
    expect(parseOrThrow(adminContract.redeemInvite.input, { code: ' abcd2345 ' })).toEqual({ code: 'ABCD2345' })
    expect(failure(adminContract.redeemInvite.input, { code: 'ABCD0O11' })).toMatchObject({ field: 'code' })
  })
})

describe('verification status rules', () => {
  it('allows only the documented transitions', () => {
    expect(canTransition('unverified', 'pending')).toBe(true)
    expect(canTransition('pending', 'verified')).toBe(true)
    expect(canTransition('pending', 'rejected')).toBe(true)
    expect(canTransition('rejected', 'pending')).toBe(true)
    expect(canTransition('unverified', 'verified')).toBe(false)
    expect(canTransition('rejected', 'verified')).toBe(false)
    expect(canApply('unverified')).toBe(true)
    expect(canApply('rejected')).toBe(true)
    expect(canApply('pending')).toBe(false)
    expect(canApply('verified')).toBe(false)
  })

  it('finds the identity fields that really change', () => {
    const v = { status: 'verified' as const, realName: '张建国', platform: '美团' as const, platformRiderId: null }
    expect(changedIdentityFields(v, { realName: '张建国', platform: '饿了么' })).toEqual(['platform'])
    expect(changedIdentityFields(v, { platformRiderId: null })).toEqual([])
    expect(changedIdentityFields(v, { platformRiderId: 'A1' })).toEqual(['platformRiderId'])
  })
})

describe('pass token format', () => {
  const claims = { riderId: 'rDemoZhang01', passVersion: 3, exp: 1_800_000_000_000, nonce: 'abcdefghijkl' }
  const sig = 'A'.repeat(43)
  it('round-trips its claims', () => {
    const token = `${passPayload(claims)}.${sig}`
    expect(parsePassToken(token)).toEqual({ ...claims, payload: passPayload(claims), signature: sig })
  })
  it.each([
    '',
    'hello',
    `XG2.rDemoZhang01.3.abc.abcdefghijkl.${sig}`,
    `XG1.rDemo.3.abc.abcdefghijkl.${sig}`,
    `XG1.rDemoZhang01.3.abc.abcdefghijkl.${sig}.x`,
    `XG1.rDemoZhang01.-3.abc.abcdefghijkl.${sig}`,
    `XG1.rDemoZhang01.3.abc.abcdefghijkl.short`,
  ])('rejects the shape %j', (t) => expect(parsePassToken(t)).toBeNull())
})
