import * as z from 'zod'
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
import { docId, latitude, longitude, plainText } from '../schemas'
import { action } from '../action'
import { communityId } from '../places/contract'

export const suggestionId = docId('反映')
export const suggestionCategory = z.enum(SUGGESTION_CATEGORIES, { error: '请选择问题类别' })
const photoId = z.string().regex(/^cloud:\/\/[A-Za-z0-9._\-/]{1,240}$/, { error: '图片地址格式不正确' })
const photos = z
  .array(photoId)
  .max(MAX_PHOTOS, { error: `最多 ${MAX_PHOTOS} 张照片` })
  .refine((a) => new Set(a).size === a.length, { error: '照片不能重复' })
const point = z.strictObject({ longitude, latitude })

export const createSuggestionInput = z.strictObject({
  category: suggestionCategory,
  text: plainText(5, MAX_TEXT).describe('反映内容'),
  photos: photos.default([]).describe('照片'),
  location: point.describe('位置'),
  /** where exactly, in words (e.g. 「文晖路 45 号门口」) */
  address: plainText(2, 60).optional().describe('具体位置'),
  /** overrides the community derived from the location */
  communityId: communityId.optional(),
  /** anonymous to the public by default; staff always know the reporter */
  anonymous: z.boolean().default(true),
})

const staffNote = plainText(1, 300).describe('说明')

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
  mine: action<ListResult>()(z.strictObject({ limit: z.number().int().min(1).max(50).default(50) })),
  /** One report: the timeline, replies and deadline; as reporter, joiner, staff or public (anonymised). */
  detail: action<SuggestionView>()(z.strictObject({ id: suggestionId })),
  /** The reporter confirms the fix and rates it 1–5. */
  confirm: action<SuggestionView>()(
    z.strictObject({ id: suggestionId, rating: z.number().int().min(1, { error: '评分为 1–5 星' }).max(5, { error: '评分为 1–5 星' }), comment: plainText(1, 200).optional().describe('评价') }),
  ),
  /** The reporter reopens an answered report within 7 days, with a reason. */
  reopen: action<SuggestionView>()(z.strictObject({ id: suggestionId, reason: plainText(2, 300).describe('原因') })),
  /** Public board of a community: in-progress and resolved reports, anonymised, with locations. */
  board: action<BoardResult>()(
    z.strictObject({ communityId, status: z.enum(['inProgress', 'resolved'], { error: '只能查看办理中或已办结' }).optional(), limit: z.number().int().min(1).max(100).default(100) }),
  ),
  // ---- community workers (their communities) and admins ----
  /** Open reports of the caller's communities: overdue first, then new, then by deadline. */
  queue: action<ListResult>()(
    z.strictObject({ communityId: communityId.optional(), status: z.enum(SUGGESTION_STATUSES).optional(), limit: z.number().int().min(1).max(100).default(100) }),
  ),
  accept: action<SuggestionView>()(z.strictObject({ id: suggestionId, note: staffNote.optional() })),
  start: action<SuggestionView>()(z.strictObject({ id: suggestionId, note: staffNote.optional() })),
  transfer: action<SuggestionView>()(z.strictObject({ id: suggestionId, toCommunityId: communityId, reason: plainText(2, 300) })),
  reply: action<SuggestionView>()(z.strictObject({ id: suggestionId, text: plainText(1, MAX_TEXT) })),
  resolve: action<SuggestionView>()(z.strictObject({ id: suggestionId, text: plainText(2, MAX_TEXT), photos: photos.default([]) })),
  notResponsible: action<SuggestionView>()(z.strictObject({ id: suggestionId, reason: plainText(2, 300) })),
  markDuplicate: action<SuggestionView>()(z.strictObject({ id: suggestionId, originalId: suggestionId, note: staffNote.optional() })),
  /** Makes a text held by msgSecCheck `review` visible after a worker has read it. */
  release: action<SuggestionView>()(z.strictObject({ id: suggestionId, eventId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).optional() })),
  /** Counts per status and category, median response and resolution times, satisfaction. */
  stats: action<SuggestionStats>()(z.strictObject({ communityId: communityId.optional() })),
}
