/**
 * The 小哥码 pass token: {riderId, pass version, expiry, nonce} plus an HMAC-SHA256 signature made by a
 * key only the cloud functions hold (signing lives in server/pass.ts; this file is the format only,
 * shared with the app so it can read the expiry of the last pass while offline).
 *
 *   XG1.<riderId>.<passVersion base36>.<expiry ms base36>.<nonce>.<signature base64url>
 *
 * The rider id is an opaque random id (never the openid). The version makes passes issued before a
 * revocation fail; the nonce makes two passes of the same second differ.
 */
export const PASS_PREFIX = 'XG1'
/** a pass is valid for at most this long after it is issued */
export const PASS_TTL_MS = 60_000
/** the app fetches a fresh pass this often while the page is open */
export const PASS_REFRESH_MS = 30_000
/** longest text accepted by verifyPass (a real token is ~90 characters) */
export const PASS_TOKEN_MAX = 300

export const RIDER_ID_RE = /^[A-Za-z0-9_-]{8,32}$/
const NONCE_RE = /^[A-Za-z0-9_-]{6,24}$/
const SIG_RE = /^[A-Za-z0-9_-]{43}$/
const B36_RE = /^[0-9a-z]{1,12}$/

export interface PassClaims {
  riderId: string
  passVersion: number
  /** ms since the epoch */
  exp: number
  nonce: string
}

export interface ParsedPass extends PassClaims {
  /** the signed part: everything before the last dot */
  payload: string
  signature: string
}

/** The text that is signed. */
export const passPayload = (c: PassClaims): string =>
  `${PASS_PREFIX}.${c.riderId}.${c.passVersion.toString(36)}.${c.exp.toString(36)}.${c.nonce}`

/** Splits a token into its claims; null when it is not shaped like a pass at all. Checks no signature. */
export function parsePassToken(token: string): ParsedPass | null {
  const parts = token.trim().split('.')
  if (parts.length !== 6 || parts[0] !== PASS_PREFIX) return null
  const [, riderId, version, exp, nonce, signature] = parts
  if (!RIDER_ID_RE.test(riderId) || !B36_RE.test(version) || !B36_RE.test(exp) || !NONCE_RE.test(nonce) || !SIG_RE.test(signature)) return null
  const claims: PassClaims = { riderId, passVersion: parseInt(version, 36), exp: parseInt(exp, 36), nonce }
  if (!Number.isSafeInteger(claims.passVersion) || !Number.isSafeInteger(claims.exp)) return null
  return { ...claims, payload: passPayload(claims), signature }
}

/** Outcomes of checking a scanned pass, each with the words a guard or merchant reads. */
export const PASS_RESULTS = ['valid', 'expired', 'forged', 'not_verified', 'revoked'] as const
export type PassResult = (typeof PASS_RESULTS)[number]

export const PASS_RESULT_LABELS: Record<PassResult, { title: string; detail: string }> = {
  valid: { title: '有效', detail: '已认证的骑手，可以放行' },
  expired: { title: '已过期', detail: '小哥码已过期，请骑手刷新后重新出示' },
  forged: { title: '无效', detail: '这不是有效的小哥码（可能被篡改或伪造）' },
  not_verified: { title: '未认证', detail: '该骑手尚未通过身份认证' },
  revoked: { title: '已失效', detail: '该骑手的认证已被撤销或正在重新审核，此码已失效' },
}
