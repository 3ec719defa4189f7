import Taro from '@tarojs/taro'
import { AppError } from '@domain/errors'
import type { Send } from './transport-types'

let initialised = false

/** Taro.cloud.init once per app launch (app.ts). */
export function initCloud(): void {
  if (initialised) return
  if (!Taro.cloud) {
    console.error('[api] 当前基础库不支持云开发，请升级微信')
    return
  }
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
  initialised = true
}

/** Classifies a callFunction failure: its errMsg says "timeout" for time-outs, anything else is the network. */
function toAppError(err: unknown, requestId?: string): AppError {
  const e = (err ?? {}) as { errMsg?: string; message?: string; errCode?: number }
  const text = `${e.errMsg ?? ''} ${e.message ?? ''}`
  if (/time ?out|超时|-504003/i.test(text)) return new AppError('TIMEOUT', undefined, { requestId })
  return new AppError('NETWORK', undefined, { requestId })
}

export const send: Send = (fn, request, { timeoutMs }) => {
  initCloud()
  return new Promise<unknown>((resolve, reject) => {
    let settled = false
    const timer = setTimeout(() => {
      settled = true
      reject(new AppError('TIMEOUT', undefined, { requestId: request.requestId }))
    }, timeoutMs)
    Taro.cloud
      .callFunction({ name: fn, data: { ...request } })
      .then((res) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve((res as { result?: unknown }).result)
      })
      .catch((err: unknown) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        reject(toAppError(err, request.requestId))
      })
  })
}
