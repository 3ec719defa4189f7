import { randomBytes, randomInt } from 'node:crypto'
import { VOUCHER_TOKEN_TTL_MS } from '../../domain/points/rules'
import { hmacBase64url, sameSignature, signingKey } from '../signing'

/**
 * Voucher display tokens: {code, expiry, nonce} signed with HMAC-SHA256 by VOUCHER_SIGNING_KEY, a
 * secret only the functions hold (set in the CloudBase console; locally by scripts/function-env).
 * Format: `v1.<code>.<expiry ms, base36>.<nonce>.<signature, base64url>`.
 */
const sign = (payload: string) => hmacBase64url(signingKey('VOUCHER_SIGNING_KEY'), payload)

export function signVoucherToken(code: string, now: Date, ttlMs = VOUCHER_TOKEN_TTL_MS): { token: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + ttlMs)
  const payload = `v1.${code}.${expiresAt.getTime().toString(36)}.${randomBytes(6).toString('base64url')}`
  return { token: `${payload}.${sign(payload)}`, expiresAt }
}

export type TokenCheck = { ok: true; code: string } | { ok: false; reason: 'invalid' | 'expired' }

export function checkVoucherToken(token: string, now: Date): TokenCheck {
  const parts = token.split('.')
  if (parts.length !== 5 || parts[0] !== 'v1') return { ok: false, reason: 'invalid' }
  const payload = parts.slice(0, 4).join('.')
  if (!sameSignature(sign(payload), parts[4])) return { ok: false, reason: 'invalid' }
  const exp = parseInt(parts[2], 36)
  if (!Number.isFinite(exp) || exp <= now.getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, code: parts[1] }
}

/** A fresh random 8-digit voucher code. */
export const newVoucherCode = (): string => String(randomInt(0, 100_000_000)).padStart(8, '0')
