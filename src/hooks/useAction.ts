import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { AppError } from '@domain/errors'

export interface RunOptions {
  /** the toast when it worked (none if not given) */
  done?: string
  /** tells runs of one hook apart (a row's chip): `busyKey` names the run in progress */
  key?: string
  /** 'toast' (default): the failure's message as a toast; 'keep': no toast, the form shows `error` (by its `field`) */
  failure?: 'toast' | 'keep'
  /** said when the failure is not an AppError (a bug, a dropped connection the client did not type) */
  fallback?: string
}

export interface UseAction {
  busy: boolean
  /** the `key` of the run in progress, or null */
  busyKey: string | null
  /** the last run's failure, cleared when a run starts */
  error: AppError | null
  /**
   * Runs `work` (a call to a function, usually) once at a time: `busy` meanwhile, then the toast;
   * resolves true when it worked. A tap while a run is in progress is ignored (false).
   */
  run: (work: () => Promise<unknown>, options?: string | RunOptions) => Promise<boolean>
  clearError: () => void
}

/**
 * The one call → busy → toast / error idiom of the pages (save, flag, release, dismiss …): the
 * try / finally, the double-tap guard and the Chinese message in one place. A run that outlives its
 * component (the row closed by its own success) leaves the state alone.
 */
export function useAction(): UseAction {
  const [busyKey, setBusyKey] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const running = useRef(false)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(async (work: () => Promise<unknown>, options: string | RunOptions = {}) => {
    const o: RunOptions = typeof options === 'string' ? { done: options } : options
    if (running.current) return false
    running.current = true
    setBusy(true)
    setBusyKey(o.key ?? null)
    setError(null)
    try {
      await work()
      if (o.done) void Taro.showToast({ title: o.done, icon: 'success' })
      return true
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('INTERNAL', o.fallback ?? '操作失败，请稍后再试')
      if (mounted.current) setError(err)
      if (o.failure !== 'keep') void Taro.showToast({ title: err.message, icon: 'none', duration: 2500 })
      return false
    } finally {
      running.current = false
      if (mounted.current) {
        setBusy(false)
        setBusyKey(null)
      }
    }
  }, [])

  const clearError = useCallback(() => setError(null), [])
  return { busy, busyKey, error, run, clearError }
}
