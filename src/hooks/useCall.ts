import { useCallback, useEffect, useRef, useState } from 'react'
import { AppError } from '@domain/errors'
import type { ActionName, FnName, InputOf, OutputOf } from '@domain/contract'
import { call } from '@/api'
import { lastAnswer } from '@/api/cache'

export interface UseCallOptions {
  /** call on mount and whenever the input changes (default true) */
  auto?: boolean
}

export interface UseCallResult<T> {
  data: T | undefined
  error: AppError | undefined
  loading: boolean
  /** `data` is the last good answer kept on the device (src/api/cache.ts), not yet confirmed by the server */
  stale: boolean
  /** calls again; resolves when done (never rejects: the error lands in `error`) */
  refresh: () => Promise<void>
}

/**
 * Calls a function action from a component. Keeps the last good data while refreshing, drops
 * answers of superseded calls and of unmounted components. A main list starts with its last good
 * answer from the device (stale-while-revalidate), then shows the server's.
 */
export function useCall<F extends FnName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: InputOf<F, A>,
  { auto = true }: UseCallOptions = {},
): UseCallResult<OutputOf<F, A>> {
  const [data, setData] = useState<OutputOf<F, A> | undefined>(() => (auto ? lastAnswer(fn, action, input)?.data : undefined))
  const [stale, setStale] = useState(data !== undefined)
  const [error, setError] = useState<AppError>()
  const [loading, setLoading] = useState(auto)
  const seq = useRef(0)
  const mounted = useRef(true)
  const inputKey = JSON.stringify(input ?? null)
  const latestInput = useRef(input)
  latestInput.current = input
  const shownKey = useRef(auto ? inputKey : undefined)

  const refresh = useCallback(async () => {
    const id = ++seq.current
    setLoading(true)
    if (shownKey.current !== inputKey) {
      // another input (a filter changed): its own last answer, if kept, rather than the previous input's
      shownKey.current = inputKey
      const kept = lastAnswer(fn, action, latestInput.current)
      if (kept) {
        setData(kept.data)
        setStale(true)
      }
    }
    try {
      const result = await call(fn, action, latestInput.current)
      if (!mounted.current || id !== seq.current) return
      setData(result)
      setStale(false)
      setError(undefined)
    } catch (err) {
      if (!mounted.current || id !== seq.current) return
      setError(err instanceof AppError ? err : new AppError('INTERNAL'))
    } finally {
      if (mounted.current && id === seq.current) setLoading(false)
    }
    // inputKey stands for `input`'s value: a new object with equal content must not call again.
  }, [fn, action, inputKey])

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  useEffect(() => {
    if (auto) void refresh()
  }, [auto, refresh])

  return { data, error, loading, stale, refresh }
}
