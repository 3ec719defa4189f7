/**
 * WeChat content security, the one way the functions use it: texts through msgSecCheck (v2,
 * deciding on `result.suggest`, never on `errcode` alone) and pictures through mediaCheckAsync,
 * whose verdict arrives later as a `wxa_media_check` message-push event (see `applyMediaCheckEvent`).
 */
import { getCloud, type Database } from './cloud'
import { runTx, txGet } from './tx'
import { MEDIA_CHECKS } from './collections'

export type Suggest = 'pass' | 'review' | 'risky'

/** msgSecCheck scenes: 1 资料 (profiles, listings), 2 评论 (comments, reports), 3 论坛, 4 社交日志 */
export type TextScene = 1 | 2 | 3 | 4

/** msgSecCheck v2. No verdict (API unavailable, odd answer) → `review`: held for a person. */
export async function checkText(content: string, openid: string, scene: TextScene): Promise<Suggest> {
  try {
    const res = (await getCloud().openapi.security.msgSecCheck({ content, version: 2, scene, openid } as never)) as unknown as {
      result?: { suggest?: string }
    }
    const suggest = res?.result?.suggest
    if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') return suggest
  } catch (err) {
    console.warn(JSON.stringify({ level: 'warn', where: 'content-check.msgSecCheck', error: String((err as Error)?.message ?? err) }))
  }
  return 'review'
}

// ---- pictures ----


/** Where a checked picture is referred to: `doc[field]` is an array of `{ fileID, check }`. */
export interface MediaCheckTarget {
  collection: string
  docId: string
  field: string
}

export type MediaVerdict = 'pass' | 'rejected'

/** The `mediaChecks` document: one picture check, keyed by WeChat's trace id. */
export interface MediaCheckDoc {
  _id: string
  fileID: string
  target: MediaCheckTarget
  status: 'pending' | MediaVerdict
  /** whose upload it is (the openid given to WeChat) */
  openid: string
  requestedAt: Date
  resolvedAt: Date | null
}

/**
 * How long the URL given to WeChat must work: it downloads the picture while it checks (results
 * come within 30 minutes). Make the `checkUrls` of `requestImageChecks` with it.
 */
export const CHECK_URL_SECONDS = 3600

/**
 * Asks WeChat to check each picture, by a temp URL of at least `CHECK_URL_SECONDS` (files without
 * one do not exist: the caller marks them rejected). A failed request is logged; the picture stays
 * pending.
 */
export async function requestImageChecks(db: Database, fileIds: readonly string[], checkUrls: Map<string, string>, target: MediaCheckTarget, openid: string, now: Date): Promise<void> {
  for (const fileID of fileIds) {
    const mediaUrl = checkUrls.get(fileID)
    if (!mediaUrl) continue
    try {
      const res = (await getCloud().openapi.security.mediaCheckAsync({ mediaUrl, mediaType: 2, version: 2, scene: 1, openid } as never)) as unknown as {
        traceId?: string
        trace_id?: string
      }
      const traceId = res?.traceId ?? res?.trace_id
      if (!traceId) throw new Error('mediaCheckAsync answered no trace id')
      const doc: MediaCheckDoc = { _id: traceId, fileID, target, status: 'pending', openid, requestedAt: now, resolvedAt: null }
      await db.collection(MEDIA_CHECKS).add({ data: doc as unknown as Record<string, unknown> })
    } catch (err) {
      console.warn(JSON.stringify({ level: 'warn', where: 'content-check.mediaCheckAsync', fileID, error: String((err as Error)?.message ?? err) }))
    }
  }
}

/** The message-push event WeChat sends with a mediaCheckAsync verdict. */
export interface MediaCheckEvent {
  Event: 'wxa_media_check'
  trace_id: string
  version?: number
  result?: { suggest?: string; label?: unknown }
  /** version 1 */
  isrisky?: number
  /** -1008: the picture could not be downloaded */
  status_code?: number
}

export const isMediaCheckEvent = (e: unknown): e is MediaCheckEvent =>
  !!e && typeof e === 'object' && (e as { Event?: unknown }).Event === 'wxa_media_check' && typeof (e as { trace_id?: unknown }).trace_id === 'string'

/** Only `pass` shows a picture; risky, needs-a-person (`review`) and undownloadable are rejected. */
export function verdictOf(e: MediaCheckEvent): MediaVerdict {
  if (e.status_code !== undefined && e.status_code !== 0) return 'rejected'
  const suggest = e.result?.suggest
  if (suggest !== undefined) return suggest === 'pass' ? 'pass' : 'rejected'
  return e.isrisky === 0 ? 'pass' : 'rejected'
}

export type MediaCheckOutcome = 'applied' | 'unknown' | 'already'

/**
 * Applies a verdict, once: one transaction reads the check (by trace id: only the server ever saw
 * it, so a forged event names no known check) and the document that refers to the picture, and
 * sets that picture's `check`. A repeated push, or a picture removed meanwhile, changes nothing else.
 */
export async function applyMediaCheckEvent(db: Database, e: MediaCheckEvent, now: Date): Promise<MediaCheckOutcome> {
  const verdict = verdictOf(e)
  return runTx(db, async (t): Promise<MediaCheckOutcome> => {
    const check = await txGet<MediaCheckDoc>(t, MEDIA_CHECKS, e.trace_id)
    if (!check) return 'unknown'
    if (check.status !== 'pending') return 'already'
    const { collection, docId, field } = check.target
    const doc = await txGet<Record<string, unknown>>(t, collection, docId)
    const list = doc && Array.isArray(doc[field]) ? (doc[field] as { fileID: string; check: string }[]) : null
    if (list?.some((p) => p.fileID === check.fileID)) {
      const next = list.map((p) => (p.fileID === check.fileID ? { ...p, check: verdict } : p))
      await t.collection(collection).doc(docId).update({ data: { [field]: next } })
    }
    await t.collection(MEDIA_CHECKS).doc(check._id).update({ data: { status: verdict, resolvedAt: now } })
    return 'applied'
  })
}
