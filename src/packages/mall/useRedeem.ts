import { useCallback, useRef, useState } from 'react'
import { AppError } from '@domain/errors'
import type { RedeemResult } from '@domain/mall/model'
import { call } from '@/api'
import { newIdempotencyKey } from '@/utils/idempotency'

/** Failures after which we cannot know whether the redemption happened: retry with the same key. */
const UNCERTAIN = new Set(['NETWORK', 'TIMEOUT', 'INTERNAL'])

export const REDEEM_MESSAGES: Partial<Record<string, string>> = {
  SOLD_OUT: '这件兑换品已兑完，下次早点来',
  INSUFFICIENT_POINTS: '积分不够',
  LIMIT_REACHED: '已达到兑换上限',
}

export interface RedeemState {
  busy: boolean
  /** a definite refusal (sold out, not enough points, limit…): the server message, or ours */
  error: AppError | null
  /** the last try ended without an answer: retrying reuses the same key, so it cannot spend twice */
  uncertain: boolean
}

/**
 * Redeeming one item. The idempotency key is made once per confirmed redemption and kept until the
 * server answers for sure, so a retry after a network error or time-out replays the same request
 * (the server then returns the original voucher instead of debiting again).
 */
export function useRedeem(itemId: string) {
  const key = useRef<string | null>(null)
  const [state, setState] = useState<RedeemState>({ busy: false, error: null, uncertain: false })

  const redeem = useCallback(async (): Promise<RedeemResult | null> => {
    if (!key.current) key.current = newIdempotencyKey()
    setState({ busy: true, error: null, uncertain: false })
    try {
      const result = await call('mall', 'redeem', { itemId, key: key.current })
      key.current = null
      setState({ busy: false, error: null, uncertain: false })
      return result
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('INTERNAL')
      if (UNCERTAIN.has(err.code)) {
        setState({ busy: false, error: err, uncertain: true })
      } else {
        // a definite answer: the next confirmation is a new redemption with a new key
        key.current = null
        const message = err.message || REDEEM_MESSAGES[err.code]
        setState({ busy: false, error: new AppError(err.code, message, { field: err.field, requestId: err.requestId }), uncertain: false })
      }
      return null
    }
  }, [itemId])

  return { ...state, redeem, pendingKey: () => key.current }
}
