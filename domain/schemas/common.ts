import * as z from 'zod'

/**
 * Mainland ID-card numbers (18 digits, last may be X; or the old 15-digit form). We never collect
 * them (review rejects apps that store 敏感身份信息), so any free-text field refuses them.
 */
const ID_CARD_SHAPE = /(^|\D)(\d{17}[\dXx]|\d{15})(?!\d)/

export const looksLikeIdCardNumber = (s: string): boolean => ID_CARD_SHAPE.test(s.replace(/[\s-]/g, ''))

/** A trimmed, length-bounded piece of text that never carries an ID-card number. */
export const plainText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !looksLikeIdCardNumber(s), { error: '请勿填写身份证号码等敏感身份信息' })

/** Client-generated key that makes a spending/awarding request safe to retry. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求标识格式不正确' })

export const longitude = z.number().min(-180).max(180)
export const latitude = z.number().min(-90).max(90)

export const emptyInput = z.strictObject({})
