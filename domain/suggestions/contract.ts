import * as z from 'zod/mini'
import {
  MAX_PHOTOS,
  MAX_TEXT,
  SUGGESTION_CATEGORIES,
  SUGGESTION_STATUSES,
  type BoardResult,
  type ListResult,
  type MeTooResult,
  type SimilarResult,
  type SuggestionStats,
  type SuggestionView,
} from './model'
import { communityId, docId, latitude, longitude, plainText } from '../schemas'
import { action } from '../action'

export const suggestionId = docId('反映')
export const suggestionCategory = z.enum(SUGGESTION_CATEGORIES, { error: '请选择问题类别' })
const photoId = z.string().check(z.regex(/^cloud:\/\/[A-Za-z0-9._\-/]{1,240}$/, { error: '图片地址格式不正确' }))
const photos = z.array(photoId).check(z.maxLength(MAX_PHOTOS, { error: `最多 ${MAX_PHOTOS} 张照片` }), z.refine((a) => new Set(a).size === a.length, { error: '照片不能重复' }))
const point = z.strictObject({ longitude, latitude })

export const createSuggestionInput = z.strictObject({
  category: suggestionCategory,
  text: plainText(5, MAX_TEXT).check(z.describe('反映内容')),
  photos: z._default(photos, []).check(z.describe('照片')),
  location: point.check(z.describe('位置')),
  /** where exactly, in words (e.g. 「文晖路 45 号门口」) */
  address: z.optional(plainText(2, 60)).check(z.describe('具体位置')),
  /** overrides the community derived from the location */
  communityId: z.optional(communityId),
  /** anonymous to the public by default; staff always know the reporter */
  anonymous: z._default(z.boolean(), true),
})

const staffNote = plainText(1, 300).check(z.describe('说明'))

export const suggestionsContract = {
  // ---- riders ----
  /** The caller's photo upload directory for today (`suggestions/<day>/<pseudonym>`; no openid in URLs). */
  uploadDir: action<{ dir: string }>()(z.strictObject({})),
  /** Open reports of the same category within 50 m (to join with "me too"), and the derived community. */
  similar: action<SimilarResult>()(z.strictObject({ category: suggestionCategory, longitude, latitude })),
  /** A verified rider reports (text through msgSecCheck; ≤ 10 a day; 1 write). */
  create: action<SuggestionView>()(createSuggestionInput),
  /** Join an open report instead of filing a duplicate; joiners are notified of its progress. */
  meToo: action<MeTooResult>()(z.strictObject({ id: suggestionId })),
  /** Reports the caller filed or joined, newest first. */
  mine: action<ListResult>()(z.strictObject({ limit: z._default(z.int().check(z.gte(1), z.lte(50)), 50) })),
  /** One report: the timeline, replies and deadline; as reporter, joiner, staff or public (anonymised). */
  detail: action<SuggestionView>()(z.strictObject({ id: suggestionId })),
  /** The reporter confirms the fix and rates it 1–5. */
  confirm: action<SuggestionView>()(
    z.strictObject({ id: suggestionId, rating: z.int().check(z.gte(1, { error: '评分为 1–5 星' }), z.lte(5, { error: '评分为 1–5 星' })), comment: z.optional(plainText(1, 200)).check(z.describe('评价')) }),
  ),
  /** The reporter reopens an answered report within 7 days, with a reason. */
  reopen: action<SuggestionView>()(z.strictObject({ id: suggestionId, reason: plainText(2, 300).check(z.describe('原因')) })),
  /** Public board of a community: in-progress and resolved reports, anonymised, with locations. */
  board: action<BoardResult>()(
    z.strictObject({ communityId, status: z.optional(z.enum(['inProgress', 'resolved'], { error: '只能查看办理中或已办结' })), limit: z._default(z.int().check(z.gte(1), z.lte(100)), 100) }),
  ),
  // ---- community workers (their communities) and admins ----
  /** Open reports of the caller's communities: overdue first, then new, then by deadline. */
  queue: action<ListResult>()(
    z.strictObject({ communityId: z.optional(communityId), status: z.optional(z.enum(SUGGESTION_STATUSES)), limit: z._default(z.int().check(z.gte(1), z.lte(100)), 100) }),
  ),
  accept: action<SuggestionView>()(z.strictObject({ id: suggestionId, note: z.optional(staffNote) })),
  start: action<SuggestionView>()(z.strictObject({ id: suggestionId, note: z.optional(staffNote) })),
  transfer: action<SuggestionView>()(z.strictObject({ id: suggestionId, toCommunityId: communityId, reason: plainText(2, 300) })),
  reply: action<SuggestionView>()(z.strictObject({ id: suggestionId, text: plainText(1, MAX_TEXT) })),
  resolve: action<SuggestionView>()(z.strictObject({ id: suggestionId, text: plainText(2, MAX_TEXT), photos: z._default(photos, []) })),
  notResponsible: action<SuggestionView>()(z.strictObject({ id: suggestionId, reason: plainText(2, 300) })),
  markDuplicate: action<SuggestionView>()(z.strictObject({ id: suggestionId, originalId: suggestionId, note: z.optional(staffNote) })),
  /** Makes a text held by msgSecCheck `review` visible after a worker has read it. */
  release: action<SuggestionView>()(z.strictObject({ id: suggestionId, eventId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/))) })),
  /** Counts per status and category, median response and resolution times, satisfaction. */
  stats: action<SuggestionStats>()(z.strictObject({ communityId: z.optional(communityId) })),
}
