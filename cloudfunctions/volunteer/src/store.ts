import type { PlaceDoc } from '../../../domain/places/model'
import type { UserDoc } from '../../../domain/user/model'
import {
  ACTIVE_SIGNUP_STATUSES,
  type ActivityDetail,
  type ActivityDoc,
  type ActivityListItem,
  type MySignupView,
  type RosterRow,
  type SignupDoc,
  type SignupStatus,
} from '../../../domain/volunteer/model'
import { AppError } from '../../../domain/errors'
import { hourlyRate, minutesToHours, placesLeft, pointsRuleText, signupClosedReason } from '../../../domain/volunteer/rules'
import type { Database } from '../../../server/cloud'
import type { ActionContext } from '../../../server/context'
import { findById } from '../../../server/db'
import { requireCommunityStaff } from '../../../server/scope'
import { publicIdOf } from '../../../server/public-id'
import { sendSubscribeMessage } from '../../../server/subscribe-messages'
import { notice, type Notice } from '../../../server/outbox'
import { dayKey } from '../../../domain/time'
import { ACTIVITIES, PLACES, SIGNUPS, USERS } from '../../../server/collections'
import { coordsOf } from '../../../server/geo'


/** One rider, one sign-up per activity: the id is the unique key. */
export const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string))
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : toDate(v).toISOString())

/** Dates come back from the SDK as Date objects; documents imported as JSON may carry strings. */
export function normaliseActivity(a: ActivityDoc): ActivityDoc {
  return {
    ...a,
    startAt: toDate(a.startAt),
    endAt: toDate(a.endAt),
    signupDeadline: toDate(a.signupDeadline),
    cancelDeadline: toDate(a.cancelDeadline),
  }
}

export async function loadActivity(ctx: Pick<ActionContext, 'db'>, id: string): Promise<ActivityDoc> {
  const a = await findById<ActivityDoc>(ctx.db, ACTIVITIES, id)
  if (!a) throw new AppError('NOT_FOUND', '找不到这个活动，可能已被删除')
  return normaliseActivity(a)
}

/** An activity the caller manages (admin anywhere, worker in their communities). */
export async function loadManagedActivity(ctx: ActionContext, id: string): Promise<ActivityDoc> {
  const a = await loadActivity(ctx, id)
  requireCommunityStaff(ctx, a.communityId)
  return a
}

export async function loadPlace(db: Database, id: string): Promise<PlaceDoc> {
  const p = await findById<PlaceDoc>(db, PLACES, id)
  if (!p || p.status !== 'active') throw new AppError('NOT_FOUND', '找不到这个地点，可能已被撤销', { field: 'where.placeId' })
  return p
}

export const isActive = (s: SignupStatus) => ACTIVE_SIGNUP_STATUSES.includes(s)

// ---- views ----

export function toListItem(a: ActivityDoc, now: Date, mine: SignupStatus | null): ActivityListItem {
  return {
    id: a._id,
    type: a.type,
    title: a.title,
    communityId: a.communityId,
    placeName: a.placeName,
    startAt: a.startAt.toISOString(),
    endAt: a.endAt.toISOString(),
    day: dayKey(a.startAt),
    capacity: a.capacity,
    placesLeft: placesLeft(a),
    waitlisted: a.waitlisted,
    verifiedOnly: a.verifiedOnly,
    signupOpen: signupClosedReason(a, now) === null,
    status: a.status,
    mine,
  }
}

/** How a sign-up went, as the rider's own record and the roster both show it. */
const attendanceView = (s: SignupDoc) => ({
  lateCancel: !!s.lateCancel,
  checkedInAt: iso(s.checkedInAt),
  checkedOutAt: iso(s.checkedOutAt),
  hours: minutesToHours(s.serviceMinutes ?? 0),
  counted: !!s.counted,
  pointsAwarded: s.pointsAwarded ?? null,
})

export function toMySignup(s: SignupDoc, waitlistPosition: number | null): MySignupView {
  return {
    id: s._id,
    status: s.status,
    waitlistPosition: s.status === 'waitlisted' ? waitlistPosition : null,
    ...attendanceView(s),
  }
}

export function toDetail(a: ActivityDoc, now: Date, my: MySignupView | null): ActivityDetail {
  return {
    ...toListItem(a, now, my?.status ?? null),
    description: a.description,
    address: a.address,
    location: coordsOf(a.location),
    signupDeadline: a.signupDeadline.toISOString(),
    cancelDeadline: a.cancelDeadline.toISOString(),
    cancelReason: a.cancelReason,
    pointsRule: pointsRuleText(a.type, hourlyRate(a)),
    pointsPerHour: hourlyRate(a),
    my,
  }
}

/**
 * A roster row's id: the volunteer's opaque id, not the sign-up's `_id` (which carries their openid;
 * issue 14). Unique within the activity, which is all markNoShows needs to find the sign-up again.
 */
export const rosterRowId = (s: Pick<SignupDoc, 'userId'>) => publicIdOf(s.userId)

export function toRosterRow(s: SignupDoc): RosterRow {
  return {
    signupId: rosterRowId(s),
    nickname: s.nickname,
    status: s.status,
    seq: s.seq,
    signedUpAt: toDate(s.signedUpAt).toISOString(),
    promotedAt: iso(s.promotedAt),
    ...attendanceView(s),
  }
}

/** All sign-ups of one activity in arrival order (an activity holds at most 500 places + waitlist). */
export async function signupsOf(db: Database, activityId: string): Promise<SignupDoc[]> {
  const res = (await db.collection(SIGNUPS).where({ activityId }).orderBy('seq', 'asc').limit(1000).get()) as unknown as { data: SignupDoc[] }
  return res.data
}

/** 1-based waitlist position of a waitlisted sign-up: waitlisted sign-ups with a lower arrival number, plus one. */
export async function waitlistPosition(db: Database, s: SignupDoc): Promise<number> {
  const _ = db.command
  const res = (await db
    .collection(SIGNUPS)
    .where({ activityId: s.activityId, status: 'waitlisted', seq: _.lt(s.seq) })
    .field({ _id: true })
    .limit(1000)
    .get()) as unknown as { data: unknown[] }
  return res.data.length + 1
}

// ---- the rider, with what the sign-up needs to know about their other sign-ups ----

export interface RiderForSignup extends UserDoc {
  /** this activity's sign-up (any status) and the rider's active sign-ups that have not ended */
  signups: Pick<SignupDoc, '_id' | 'activityId' | 'title' | 'status' | 'startAt' | 'endAt'>[]
}

/**
 * ONE read: the rider's users document joined (aggregate `$lookup`) with their sign-ups, filtered
 * to this activity's and the active ones that have not ended yet — what the role, verification and
 * overlap checks need, so the sign-up stays within 2 reads (this + the activity in the transaction).
 */
export async function loadRiderForSignup(db: Database, openid: string, activityId: string, now: Date): Promise<RiderForSignup | null> {
  const $ = db.command.aggregate
  const res = (await db
    .collection(USERS)
    .aggregate()
    .match({ _id: openid })
    // one document; explicit because an aggregate without limit() answers a page of 20 in production
    .limit(1)
    .lookup({ from: SIGNUPS, localField: '_id', foreignField: 'userId', as: 'signups' })
    .project({
      nickname: true,
      roles: true,
      workerCommunityIds: true,
      verification: true,
      createdAt: true,
      updatedAt: true,
      signups: $.filter({
        input: '$signups',
        as: 's',
        cond: $.or([$.eq(['$$s.activityId', activityId]), $.and([$.in(['$$s.status', [...ACTIVE_SIGNUP_STATUSES]]), $.gt(['$$s.endAt', now])])]),
      }),
    })
    .end()) as unknown as { list: RiderForSignup[] }
  const u = res.list[0]
  if (!u) return null
  return { ...u, signups: (u.signups ?? []).map((s) => ({ ...s, startAt: toDate(s.startAt), endAt: toDate(s.endAt) })) }
}

// ---- notifications ----

const MESSAGE_OF = { cancelled: 'volunteerCancelled', reminder: 'volunteerReminder' } as const

/**
 * Sends one subscribe message about an activity; best effort (a rider who did not subscribe is
 * skipped by WeChat), never inside a transaction. Answers whether it went out. (The day-before
 * reminder: its run claims the activity first, so a crash loses reminders rather than doubling them.)
 */
export const notify = (touser: string, kind: keyof typeof MESSAGE_OF, a: ActivityDoc, note: string): Promise<boolean> =>
  sendSubscribeMessage(MESSAGE_OF[kind], touser, `packages/volunteer/detail/index?id=${a._id}`, { activity: a.title, start: a.startAt, place: a.placeName, note })

/** The same message as a Notice, to queue in the transaction of the change it announces (server/outbox.ts). */
export const activityNotice = (touser: string, kind: keyof typeof MESSAGE_OF, a: ActivityDoc, note: string): Notice =>
  notice(MESSAGE_OF[kind], touser, `packages/volunteer/detail/index?id=${a._id}`, { activity: a.title, start: a.startAt, place: a.placeName, note })
