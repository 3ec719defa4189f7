import { randomBytes } from 'node:crypto'
import { PASS_TTL_MS, parsePassToken, passPayload, type PassClaims } from '../../../domain/identity/pass'
import { hmacBase64url as mac, sameSignature, signingKey } from '../../../server/signing'

/**
 * Signing and checking 小哥码 passes (format in domain/identity/pass.ts) with HMAC-SHA256 under
 * PASS_SIGNING_KEY: a secret only the functions hold (CloudBase console → function environment
 * variables; locally scripts/function-env.ts). Without it the functions answer INTERNAL.
 */
export const passKey = (env: NodeJS.ProcessEnv = process.env): Buffer => signingKey('PASS_SIGNING_KEY', env)

export function signPass(
  claims: { riderId: string; passVersion: number },
  now: Date,
  opts: { key?: Buffer; ttlMs?: number; nonce?: string } = {},
): { token: string; expiresAt: Date } {
  const ttl = Math.min(opts.ttlMs ?? PASS_TTL_MS, PASS_TTL_MS)
  const full: PassClaims = {
    riderId: claims.riderId,
    passVersion: claims.passVersion,
    exp: now.getTime() + ttl,
    nonce: opts.nonce ?? randomBytes(9).toString('base64url'),
  }
  const payload = passPayload(full)
  return { token: `${payload}.${mac(opts.key ?? passKey(), payload)}`, expiresAt: new Date(full.exp) }
}

export type PassCheck =
  | { ok: true; claims: PassClaims }
  | { ok: false; reason: 'forged' }
  | { ok: false; reason: 'expired'; claims: PassClaims }

/**
 * Checks shape, signature (constant time) and expiry. The rider's current state (verified? same
 * pass version?) is the caller's to check against the database.
 */
export function checkPass(token: string, now: Date, key: Buffer = passKey()): PassCheck {
  const parsed = parsePassToken(token)
  if (!parsed) return { ok: false, reason: 'forged' }
  if (!sameSignature(mac(key, parsed.payload), parsed.signature)) return { ok: false, reason: 'forged' }
  const claims: PassClaims = { riderId: parsed.riderId, passVersion: parsed.passVersion, exp: parsed.exp, nonce: parsed.nonce }
  // A validly signed expiry further out than one TTL from now was not made by signPass.
  if (claims.exp > now.getTime() + PASS_TTL_MS + 5_000) return { ok: false, reason: 'forged' }
  if (claims.exp <= now.getTime()) return { ok: false, reason: 'expired', claims }
  return { ok: true, claims }
}
