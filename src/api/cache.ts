import Taro from '@tarojs/taro'
import type { ActionName, FnName, InputOf, OutputOf } from '@domain/contract'

/**
 * Stale-while-revalidate for the main lists: the last good answer of each is kept on the device and
 * shown at once the next time (useCall), while the call asks the server again.
 *
 * Only these reads, never a write. What they hold and why that may sit in local storage:
 * - `places.nearby`, `places.detail`, `mall.items`, `suggestions.board`: what every rider sees anyway
 *   (public places and items, the community's public board). `places.nearby` implies the area the
 *   rider looked at — the same the map page has always kept for weak networks.
 * - `suggestions.mine`, `points.balance`, `points.history` (first page): the rider's own reports,
 *   balance and ledger.
 * Never kept: the profile and identity (name, platform, masked phone, badge photos), the signed
 * 小哥码 pass, vouchers and their codes (they are bearer tokens), anything of workers, merchants and
 * admins, and every write.
 *
 * Keyed per caller so that personas never see each other's data: WeChat keeps each user's storage
 * apart on weapp; in the browser the emulator's sign-in sets an opaque per-persona key readable by
 * the app (cookie `xgyz_caller`), and without it nothing is kept.
 */
export const REMEMBERED: readonly string[] = ['places.nearby', 'places.detail', 'mall.items', 'suggestions.board', 'suggestions.mine', 'points.balance', 'points.history']

const PREFIX = 'api.last.v1'
/** keys of a later page's input: only first pages are kept */
const CURSORS = ['before', 'after', 'cursor']

interface Stored {
  input: string
  savedAt: number
  data: unknown
}

/** Whose answers these are: `wx` on weapp (WeChat keeps users apart), the demo sign-in's cookie on h5. */
export function callerKey(): string | undefined {
  if (process.env.TARO_ENV !== 'h5') return 'wx'
  if (typeof document === 'undefined') return undefined
  return /(?:^|;\s*)xgyz_caller=([\w-]+)/.exec(document.cookie)?.[1]
}

function storageKey(fn: string, action: string, input: unknown): string | undefined {
  const name = `${fn}.${action}`
  if (!REMEMBERED.includes(name)) return undefined
  if (input && typeof input === 'object' && CURSORS.some((k) => k in input)) return undefined
  const caller = callerKey()
  return caller ? `${PREFIX}:${caller}:${name}` : undefined
}

/** The last good answer of this read for this caller and input, if it is one that is kept. */
export function lastAnswer<F extends FnName, A extends ActionName<F>>(fn: F, action: A, input: InputOf<F, A>): { data: OutputOf<F, A>; savedAt: number } | undefined {
  const key = storageKey(fn, action, input)
  if (!key) return undefined
  try {
    const stored = Taro.getStorageSync(key) as Stored | ''
    if (!stored || typeof stored !== 'object' || stored.input !== JSON.stringify(input ?? null)) return undefined
    return { data: stored.data as OutputOf<F, A>, savedAt: stored.savedAt }
  } catch {
    return undefined
  }
}

/** Keeps a good answer (called by `call`); one entry per caller and action, the latest input's. */
export function remember(fn: string, action: string, input: unknown, data: unknown): void {
  const key = storageKey(fn, action, input)
  if (!key) return
  try {
    Taro.setStorageSync(key, { input: JSON.stringify(input ?? null), savedAt: Date.now(), data } satisfies Stored)
  } catch {
    // storage full or unavailable: the answer still reaches the page
  }
}
