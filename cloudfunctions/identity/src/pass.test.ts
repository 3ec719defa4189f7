import { parsePassToken, passPayload, PASS_TTL_MS } from '../../../domain/identity/pass'
import { checkPass, passKey, signPass } from './pass'

const key = Buffer.from('k'.repeat(64))
const otherKey = Buffer.from('x'.repeat(64))
const t0 = new Date('2026-11-23T10:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)
const rider = { riderId: 'rDemoZhang01', passVersion: 2 }

describe('小哥码 pass signing', () => {
  it('issues a pass valid for at most 60 s with a fresh nonce each time', () => {
    const a = signPass(rider, t0, { key })
    const b = signPass(rider, t0, { key })
    expect(a.expiresAt.getTime() - t0.getTime()).toBe(PASS_TTL_MS)
    expect(a.token).not.toBe(b.token)
    expect(parsePassToken(a.token)?.nonce).not.toBe(parsePassToken(b.token)?.nonce)
    expect(signPass(rider, t0, { key, ttlMs: 10 * 60_000 }).expiresAt.getTime() - t0.getTime()).toBe(PASS_TTL_MS)
  })

  it('accepts a fresh pass and answers its claims', () => {
    const { token } = signPass(rider, t0, { key })
    const res = checkPass(token, at(59_000), key)
    expect(res).toMatchObject({ ok: true, claims: { riderId: 'rDemoZhang01', passVersion: 2 } })
  })

  it('refuses an expired pass (fake time), with its claims so the reason can be told', () => {
    const { token } = signPass(rider, t0, { key })
    expect(checkPass(token, at(60_000), key)).toMatchObject({ ok: false, reason: 'expired', claims: { riderId: 'rDemoZhang01' } })
    expect(checkPass(token, at(3_600_000), key)).toMatchObject({ ok: false, reason: 'expired' })
  })

  it('refuses any tampering as forged', () => {
    const { token } = signPass(rider, t0, { key })
    const p = parsePassToken(token)!
    const resign = (c: Partial<typeof p>) => `${passPayload({ ...p, ...c })}.${p.signature}`
    for (const forged of [
      resign({ riderId: 'rDemoWang001' }),
      resign({ passVersion: 3 }),
      resign({ exp: p.exp + 60_000 }),
      resign({ nonce: 'zzzzzzzzzzzz' }),
      `${p.payload}.${p.signature.slice(0, -1)}${p.signature.endsWith('A') ? 'B' : 'A'}`,
      `${p.payload}.${'A'.repeat(43)}`,
      token.slice(1),
      'not a pass',
    ]) {
      expect(checkPass(forged, at(1000), key)).toEqual({ ok: false, reason: 'forged' })
    }
  })

  it('refuses a pass signed with another key', () => {
    const { token } = signPass(rider, t0, { key: otherKey })
    expect(checkPass(token, at(1000), key)).toEqual({ ok: false, reason: 'forged' })
  })

  it('refuses a validly signed pass whose expiry is further out than one TTL', () => {
    const payload = passPayload({ ...rider, exp: t0.getTime() + 3_600_000, nonce: 'abcdefghijkl' })
    const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto')
    const token = `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`
    expect(checkPass(token, t0, key)).toEqual({ ok: false, reason: 'forged' })
  })

  it('carries the pass version, so the caller can refuse passes older than a revocation', () => {
    const old = signPass({ ...rider, passVersion: 1 }, t0, { key })
    const res = checkPass(old.token, at(1000), key)
    expect(res.ok && res.claims.passVersion).toBe(1)
  })

  it('needs a configured key of at least 32 characters', () => {
    expect(() => passKey({})).toThrow(/PASS_SIGNING_KEY/)
    expect(() => passKey({ PASS_SIGNING_KEY: 'short' })).toThrow(/PASS_SIGNING_KEY/)
    expect(passKey({ PASS_SIGNING_KEY: 'k'.repeat(32) })).toHaveLength(32)
  })
})
