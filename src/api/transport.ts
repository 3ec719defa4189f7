/**
 * Platform fallback. Taro resolves `./transport` to `transport.weapp.ts` or `transport.h5.ts` per
 * build, so each bundle holds only its own platform's code; this file exists for type-checking and
 * for platforms we do not build.
 */
import { AppError } from '@domain/errors'
import type { Send } from './transport-types'

export const send: Send = async () => {
  throw new AppError('INTERNAL', '当前平台暂不支持')
}

export function initCloud(): void {}
