import {
  CHECKIN_CODE_ACCEPTED_WINDOWS,
  CHECKIN_CODE_DIGITS,
  CHECKIN_CODE_EXPIRED_LOOKBACK_WINDOWS,
  CHECKIN_CODE_RE,
  CHECKIN_CODE_WINDOW_MS,
  checkinWindowOf,
} from '../../../domain/volunteer/rules'
import { hmac, sameSignature, signingKey } from '../../../server/signing'

/**
 * Rotating activity check-in codes, TOTP-style: code = HMAC-SHA256(CHECKIN_CODE_SIGNING_KEY,
 * `act1|<activityId>|<minute window>`) truncated to 6 digits. Only the functions hold the key (set in
 * the CloudBase console; locally by scripts/function-env), so a code can't be made up or carried to
 * another activity; it rotates every minute and the current and previous code are accepted.
 */
export function codeFor(activityId: string, window: number): string {
  const mac = hmac(signingKey('CHECKIN_CODE_SIGNING_KEY'), `act1|${activityId}|${window}`)
  // dynamic truncation as in RFC 4226
  const offset = mac[mac.length - 1] & 0x0f
  const n = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3]
  return String(n % 10 ** CHECKIN_CODE_DIGITS).padStart(CHECKIN_CODE_DIGITS, '0')
}

export function currentCode(activityId: string, now: Date): { code: string; validUntil: Date; refreshAt: Date } {
  const w = checkinWindowOf(now)
  return {
    code: codeFor(activityId, w),
    refreshAt: new Date((w + 1) * CHECKIN_CODE_WINDOW_MS),
    validUntil: new Date((w + CHECKIN_CODE_ACCEPTED_WINDOWS) * CHECKIN_CODE_WINDOW_MS),
  }
}

export type CodeCheck = { ok: true } | { ok: false; reason: 'invalid' | 'expired' }

/** Checks a typed or scanned code: current or previous minute → ok; an older code of this activity → expired. */
export function checkCode(activityId: string, code: string, now: Date): CodeCheck {
  if (!CHECKIN_CODE_RE.test(code)) return { ok: false, reason: 'invalid' }
  const w = checkinWindowOf(now)
  for (let i = 0; i < CHECKIN_CODE_ACCEPTED_WINDOWS; i++) if (sameSignature(codeFor(activityId, w - i), code)) return { ok: true }
  for (let i = CHECKIN_CODE_ACCEPTED_WINDOWS; i < CHECKIN_CODE_EXPIRED_LOOKBACK_WINDOWS; i++) if (codeFor(activityId, w - i) === code) return { ok: false, reason: 'expired' }
  return { ok: false, reason: 'invalid' }
}
