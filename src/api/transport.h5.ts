import { AppError } from '@domain/errors'
import type { Send } from './transport-types'

/** h5 needs no setup: the emulator's gateway (same origin, or TARO_APP_API_BASE) answers `/fn/<name>`. */
export function initCloud(): void {}

const base = () => (process.env.TARO_APP_API_BASE || '').replace(/\/$/, '')

/**
 * POST /fn/<name> with the request as JSON. The gateway answers the function's Envelope, also for
 * errors (401 carries an UNAUTHENTICATED envelope), so any JSON body is handed back to `call`.
 */
export const send: Send = async (fn, request, { timeoutMs }) => {
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller?.abort()
  }, timeoutMs)
  const { requestId } = request
  let res: Response
  try {
    const fetching = fetch(`${base()}/fn/${encodeURIComponent(fn)}`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(request),
      signal: controller?.signal,
    })
    // Without AbortController the timer can only stop waiting, not the request.
    res = await (controller
      ? fetching
      : Promise.race([
          fetching,
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
        ]))
  } catch {
    clearTimeout(timer)
    throw new AppError(timedOut ? 'TIMEOUT' : 'NETWORK', undefined, { requestId })
  }
  let text: string
  try {
    text = await res.text()
  } catch {
    clearTimeout(timer)
    throw new AppError(timedOut ? 'TIMEOUT' : 'NETWORK', undefined, { requestId })
  }
  clearTimeout(timer)
  try {
    return JSON.parse(text) as unknown
  } catch {
    if (res.status === 504 || res.status === 408) throw new AppError('TIMEOUT', undefined, { requestId })
    if (res.status === 502 || res.status === 503) throw new AppError('NETWORK', undefined, { requestId })
    console.error(`[api] ${fn}: 非 JSON 应答 (HTTP ${res.status})`, requestId)
    throw new AppError('INTERNAL', undefined, { requestId })
  }
}
