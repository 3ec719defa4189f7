/**
 * Mainland ID-card numbers (18 digits, last may be X; or the old 15-digit form). We never collect
 * them (review rejects apps that store 敏感身份信息), so any free-text field refuses them. Kept free
 * of zod so pages can check a field without bundling the schema library.
 */
const ID_CARD_SHAPE = /(^|\D)(\d{17}[\dXx]|\d{15})(?!\d)/

export const looksLikeIdCardNumber = (s: string): boolean => ID_CARD_SHAPE.test(s.replace(/[\s-]/g, ''))

export const ID_CARD_MESSAGE = '请勿填写身份证号码等敏感身份信息'
