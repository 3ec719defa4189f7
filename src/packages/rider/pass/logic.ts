import type { PassView } from '@domain/identity/model'

/** The last pass, kept on the phone so it can be shown offline until it expires. */
export interface CachedPass {
  pass: PassView
  /** server time − phone time when it arrived (ms), so the countdown follows the server's clock */
  offsetMs: number
}

export const PASS_CACHE_KEY = 'xg.identity.lastPass'

export const cachePass = (pass: PassView, receivedAt: number): CachedPass => ({ pass, offsetMs: new Date(pass.issuedAt).getTime() - receivedAt })

/** Whole seconds until the pass expires (0 when expired), on the server's clock. */
export function secondsLeft(c: CachedPass | null, phoneNow: number): number {
  if (!c) return 0
  const ms = new Date(c.pass.expiresAt).getTime() - (phoneNow + c.offsetMs)
  return ms > 0 ? Math.ceil(ms / 1000) : 0
}

export function readCachedPass(raw: unknown): CachedPass | null {
  if (!raw || typeof raw !== 'object') return null
  const c = raw as Partial<CachedPass>
  if (!c.pass || typeof c.pass.token !== 'string' || typeof c.pass.expiresAt !== 'string' || typeof c.offsetMs !== 'number') return null
  return c as CachedPass
}
