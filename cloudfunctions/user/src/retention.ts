/**
 * The retention periods of domain/privacy.ts RETENTION_PERIODS, applied by the daily job. Each job
 * takes a bounded batch of what is due, oldest first, and marks or removes what it did, so a run cut
 * short leaves the rest to the next day.
 */
import type { CheckinDoc } from '../../../domain/places/model'
import type { SuggestionDoc } from '../../../domain/suggestions/model'
import type { UserDoc } from '../../../domain/user/model'
import { BADGE_RETENTION_DAYS } from '../../../domain/identity/rules'
import { AUDIT_RETENTION_DAYS, COARSE_DECIMALS, COORDINATE_RETENTION_DAYS } from '../../../domain/privacy'
import { dayKey } from '../../../domain/time'
import { AUDIT_LOG, CHECKINS, SUGGESTIONS, USERS } from '../../../server/collections'
import type { Database } from '../../../server/cloud'
import { deleteFiles } from '../../../server/files'
import { coordsOf } from '../../../server/geo'

const DAY_MS = 86_400_000
/** Documents one job handles per run (a day's backlog in a small district is far below this). */
export const RETENTION_BATCH = 200
/** Final states of a report: its precise spot is no longer needed to act on it. */
const SETTLED = ['resolved', 'closed', 'notResponsible', 'duplicate']

const before = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS)
const coarse = (x: number) => Number(x.toFixed(COARSE_DECIMALS))

export interface RetentionResult {
  badgePhotos: number
  checkins: number
  suggestions: number
  auditEntries: number
}

/** Badge photos BADGE_RETENTION_DAYS after the review decision: the file goes, the field becomes null. */
async function expireBadgePhotos(db: Database, now: Date): Promise<number> {
  const _ = db.command
  const res = (await db
    .collection(USERS)
    .where({ 'verification.reviewedAt': _.lte(before(now, BADGE_RETENTION_DAYS)), 'verification.badgePhoto': _.neq(null) })
    .orderBy('verification.reviewedAt', 'asc')
    .limit(RETENTION_BATCH)
    .get()) as unknown as { data: UserDoc[] }
  const due = res.data.filter((u) => !!u.verification.badgePhoto)
  await deleteFiles(due.map((u) => u.verification.badgePhoto!))
  for (const u of due) await db.collection(USERS).doc(u._id).update({ data: { 'verification.badgePhoto': null } })
  return due.length
}

/** Check-ins keep place, day and points; the distance and accuracy of the rider's fix go. */
async function expireCheckinFixes(db: Database, now: Date): Promise<number> {
  const _ = db.command
  const res = (await db
    .collection(CHECKINS)
    .where({ day: _.lte(dayKey(before(now, COORDINATE_RETENTION_DAYS))), accuracy: _.neq(null) })
    .orderBy('day', 'asc')
    .limit(RETENTION_BATCH)
    .get()) as unknown as { data: (CheckinDoc & { _id: string })[] }
  for (const c of res.data) await db.collection(CHECKINS).doc(c._id).update({ data: { distance: null, accuracy: null } })
  return res.data.length
}

/** Settled reports keep a location rounded to about 1 km (community maps and counts still work). */
async function coarsenReports(db: Database, now: Date): Promise<number> {
  const _ = db.command
  const res = (await db
    .collection(SUGGESTIONS)
    // no order: the status_due index serves the settled states; every due document is reached within a few runs anyway
    .where({ createdAt: _.lte(before(now, COORDINATE_RETENTION_DAYS)), status: _.in(SETTLED), locationCoarse: _.neq(true) })
    .limit(RETENTION_BATCH)
    .get()) as unknown as { data: SuggestionDoc[] }
  for (const s of res.data) {
    const [lng, lat] = coordsOf(s.location)
    await db.collection(SUGGESTIONS).doc(s._id).update({ data: { location: db.Geo.Point(coarse(lng), coarse(lat)), address: null, locationCoarse: true } })
  }
  return res.data.length
}

/** The staff-access log after its legal period. */
async function expireAudit(db: Database, now: Date): Promise<number> {
  const _ = db.command
  const res = (await db.collection(AUDIT_LOG).where({ at: _.lte(before(now, AUDIT_RETENTION_DAYS)) }).remove()) as unknown as { stats?: { removed?: number } }
  return res.stats?.removed ?? 0
}

export async function applyRetention(db: Database, now: Date): Promise<RetentionResult> {
  return {
    badgePhotos: await expireBadgePhotos(db, now),
    checkins: await expireCheckinFixes(db, now),
    suggestions: await coarsenReports(db, now),
    auditEntries: await expireAudit(db, now),
  }
}
