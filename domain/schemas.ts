import * as z from 'zod/mini'

import { ID_CARD_MESSAGE, looksLikeIdCardNumber } from './identity/id-card'

export { looksLikeIdCardNumber } from './identity/id-card'

// Written without the `u` flag: this module is compiled into the ES5 mini-program too.
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g
/** emoji (astral pictographs, BMP symbols, variation selector, joiner, keycap, skin tones) */
const EMOJI = /[\uD83C-\uD83E][\uDC00-\uDFFF]|[\u2600-\u27BF\u2B00-\u2BFF]|\uFE0F|\u200D|\u20E3/g

/** Characters as a person counts them: one per code point, emoji not counted (they say no words). */
export const wordCount = (s: string): number => s.replace(EMOJI, '').replace(SURROGATE_PAIR, '_').length

/**
 * A trimmed, length-bounded piece of text that never carries an ID-card number. The minimum counts
 * words (three emoji are not a five-character description); the maximum bounds the stored length.
 */
export const plainText = (min: number, max: number) =>
  z.string().check(
    z.trim(),
    z.maxLength(max),
    (ctx) => {
      if (wordCount(ctx.value) < min) ctx.issues.push({ code: 'too_small', origin: 'string', minimum: min, inclusive: true, input: ctx.value })
    },
    z.refine((s) => !looksLikeIdCardNumber(s), { error: ID_CARD_MESSAGE }),
  )

/** A document id as the functions make them (openids too): letters, digits, `_` and `-`, at most 64. */
export const DOC_ID = /^[A-Za-z0-9_-]{1,64}$/

/** A document id in an action's input; `what` names it in the message (「地点编号格式不正确」). */
export const docId = (what: string) => z.string().check(z.regex(DOC_ID, { error: `${what}编号格式不正确` }))

// Shared by several functions' contracts: here rather than in places/contract.ts, whose other schemas
// would then ride along in every bundle (a `.check()` call is not known to be pure, so esbuild keeps
// every schema of a module it imports).
export const placeId = docId('地点')
export const communityId = docId('社区')

/** Client-generated key that makes a spending/awarding request safe to retry. */
export const idempotencyKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求标识格式不正确' }))

export const longitude = z.number().check(z.gte(-180), z.lte(180))
export const latitude = z.number().check(z.gte(-90), z.lte(90))

export const emptyInput = z.strictObject({})
