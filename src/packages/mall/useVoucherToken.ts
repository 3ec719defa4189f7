import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { AppError } from '@domain/errors'
import type { VoucherTokenView } from '@domain/mall/model'
import { VOUCHER_TOKEN_TTL_MS } from '@domain/points/rules'
import { call } from '@/api'

/** Fetch a new token this long before the shown one expires. */
export const REFRESH_MARGIN_MS = 30_000
/** Never refresh more often than this (a clock far ahead of the server's). */
export const MIN_REFRESH_MS = 5_000
/** After a failed fetch, try again this soon. */
export const RETRY_MS = 10_000

/**
 * When to fetch the next token: `margin` before it expires, measured from the server's `expiresAt`
 * but never longer than the token's lifetime (a clock behind the server's would wait too long) and
 * never sooner than MIN_REFRESH_MS (a clock ahead would loop).
 */
export function refreshDelay(expiresAt: string, now: number = Date.now()): number {
  const left = new Date(expiresAt).getTime() - now - REFRESH_MARGIN_MS
  return Math.min(Math.max(left, MIN_REFRESH_MS), VOUCHER_TOKEN_TTL_MS - REFRESH_MARGIN_MS)
}

/**
 * The signed, short-lived token shown as the voucher's QR code, refreshed before it expires (and
 * whenever the page shows again: timers sleep while the app is in the background).
 */
export function useVoucherToken(code: string, enabled: boolean) {
  const [token, setToken] = useState<VoucherTokenView | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const alive = useRef(true)
  const seq = useRef(0)

  const clear = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }

  const load = useCallback(async () => {
    clear()
    const id = ++seq.current
    try {
      const t = await call('mall', 'voucherToken', { code })
      if (!alive.current || id !== seq.current) return
      setToken(t)
      setError(null)
      timer.current = setTimeout(() => void load(), refreshDelay(t.expiresAt))
    } catch (e) {
      if (!alive.current || id !== seq.current) return
      const err = e instanceof AppError ? e : new AppError('INTERNAL')
      setError(err)
      // the voucher itself changed (used, cancelled, expired, gone): no point in retrying
      if (err.code === 'NETWORK' || err.code === 'TIMEOUT' || err.code === 'INTERNAL') timer.current = setTimeout(() => void load(), RETRY_MS)
    }
  }, [code])

  useEffect(() => {
    alive.current = true
    if (enabled) void load()
    return () => {
      alive.current = false
      // eslint-disable-next-line react-hooks/exhaustive-deps -- a request counter, not a DOM node: bumping the live value voids answers still in flight
      seq.current++
      clear()
    }
  }, [enabled, load])

  useDidShow(() => {
    if (enabled && token && new Date(token.expiresAt).getTime() - Date.now() < REFRESH_MARGIN_MS) void load()
  })

  return { token, error, reload: load }
}
