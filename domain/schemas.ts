import * as z from 'zod'

import { ID_CARD_MESSAGE, looksLikeIdCardNumber } from './identity/id-card'

export { looksLikeIdCardNumber } from './identity/id-card'

/** A trimmed, length-bounded piece of text that never carries an ID-card number. */
export const plainText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !looksLikeIdCardNumber(s), { error: ID_CARD_MESSAGE })

/** Client-generated key that makes a spending/awarding request safe to retry. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求标识格式不正确' })

export const longitude = z.number().min(-180).max(180)
export const latitude = z.number().min(-90).max(90)

export const emptyInput = z.strictObject({})
