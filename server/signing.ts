import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The functions' signing secrets (小哥码 passes, voucher tokens, activity check-in codes, public ids) and the
 * HMAC-SHA256 operations on them. Keys come only from the function's environment (CloudBase console
 * → function environment variables; locally scripts/function-env.ts), never from the app bundle.
 */
export type SigningKeyName = 'PASS_SIGNING_KEY' | 'VOUCHER_SIGNING_KEY' | 'CHECKIN_CODE_SIGNING_KEY' | 'PUBLIC_ID_SIGNING_KEY'

export function signingKey(name: SigningKeyName, env: NodeJS.ProcessEnv = process.env): Buffer {
  const k = env[name]
  if (!k || k.length < 32) throw new Error(`${name} is not configured (at least 32 characters)`)
  return Buffer.from(k, 'utf8')
}

export const hmac = (key: Buffer, payload: string): Buffer => createHmac('sha256', key).update(payload).digest()

export const hmacBase64url = (key: Buffer, payload: string): string => hmac(key, payload).toString('base64url')

/** Compares two signatures (or codes) in constant time. */
export function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}
