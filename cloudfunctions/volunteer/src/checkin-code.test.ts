import { checkCode, codeFor, currentCode } from './checkin-code'
import { checkinWindowOf } from '../../../domain/volunteer/rules'

const KEY = 'k'.repeat(40)
beforeAll(() => {
  process.env.CHECKIN_CODE_SIGNING_KEY = KEY
})

describe('rotating check-in codes', () => {
  const now = new Date('2026-10-10T09:00:30+08:00')

  it('accepts the current and the previous minute, reports older codes as expired', () => {
    const w = checkinWindowOf(now)
    expect(currentCode('a1', now).code).toBe(codeFor('a1', w))
    expect(checkCode('a1', codeFor('a1', w), now)).toEqual({ ok: true })
    expect(checkCode('a1', codeFor('a1', w - 1), now)).toEqual({ ok: true })
    expect(checkCode('a1', codeFor('a1', w - 2), now)).toEqual({ ok: false, reason: 'expired' })
    expect(checkCode('a1', codeFor('a1', w - 300), now)).toEqual({ ok: false, reason: 'expired' })
  })

  it('a code of another activity, a made-up code or another key is invalid', () => {
    const w = checkinWindowOf(now)
    const other = codeFor('a2', w)
    if (other !== codeFor('a1', w)) expect(checkCode('a1', other, now)).toMatchObject({ ok: false })
    expect(checkCode('a1', 'abcdef', now)).toEqual({ ok: false, reason: 'invalid' })
    const real = codeFor('a1', w)
    process.env.CHECKIN_CODE_SIGNING_KEY = 'x'.repeat(40)
    const forged = codeFor('a1', w)
    process.env.CHECKIN_CODE_SIGNING_KEY = KEY
    if (forged !== real) expect(checkCode('a1', forged, now).ok).toBe(false)
  })

  it('is 6 digits and refuses to run without a key', () => {
    expect(currentCode('a1', now).code).toMatch(/^\d{6}$/)
    delete process.env.CHECKIN_CODE_SIGNING_KEY
    expect(() => codeFor('a1', 1)).toThrow(/not configured/)
    process.env.CHECKIN_CODE_SIGNING_KEY = KEY
  })
})
