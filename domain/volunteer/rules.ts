/**
 * Pure rules of volunteering: deadlines (Asia/Shanghai), the overlap check, places and the waitlist,
 * the hours rule, the check-in code's format and the roster CSV. No Taro, wx or Node imports.
 */
import { toCsv } from '../csv'
import type { ActivityDoc, ActivityType, RosterRow, SignupDoc, SignupStatus } from './model'
import { SIGNUP_STATUS_LABELS } from './model'
import { EARN_RULES } from '../points/rules'
import { dayKey, formatIsoMinute, formatWithWeekday, previousDay, shanghaiAt } from '../time'

const MIN = 60_000
const HOUR = 60 * MIN

/** Hours count only when at least this share of the activity was attended. */
export const MIN_ATTENDANCE_SHARE = 0.6
/** Check-in opens this long before the start. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * MIN
/** Check-out is accepted until this long after the end. */
export const CHECKOUT_CLOSES_AFTER_MS = 2 * HOUR
/** Riders must be this close to the activity's place to check in or out. */
export const VOLUNTEER_MAX_DISTANCE_M = 300
export const VOLUNTEER_MAX_ACCURACY_M = 100
export const VOLUNTEER_MAX_FIX_AGE_MS = 2 * MIN
/** Limits on what a worker may create. */
export const MAX_CAPACITY = 500
export const MIN_DURATION_MS = 15 * MIN
export const MAX_DURATION_MS = 12 * HOUR
/** How far ahead an activity may be planned. */
export const MAX_PLAN_AHEAD_MS = 180 * 24 * HOUR

/**
 * Default deadlines for an activity starting at `startAt`: sign-up closes 1 hour before the start;
 * cancellation without it counting as late closes at 18:00 (Asia/Shanghai) the day before, or 2
 * hours before the start when that is earlier than now allows (never after the start).
 */
export function defaultDeadlines(startAt: Date): { signupDeadline: Date; cancelDeadline: Date } {
  const signupDeadline = new Date(startAt.getTime() - HOUR)
  const eveBefore = shanghaiAt(previousDay(dayKey(startAt)), '18:00')
  const cancelDeadline = eveBefore.getTime() < startAt.getTime() - 2 * HOUR ? eveBefore : new Date(startAt.getTime() - 2 * HOUR)
  return { signupDeadline, cancelDeadline }
}

export interface Schedule {
  startAt: Date
  endAt: Date
  signupDeadline: Date
  cancelDeadline: Date
}

/** Why an activity's times are not acceptable (null: fine). `now` bounds creation only. */
export function scheduleProblem(s: Schedule, now: Date | null): { field: string; message: string } | null {
  const start = s.startAt.getTime()
  const end = s.endAt.getTime()
  if (end - start < MIN_DURATION_MS) return { field: 'endAt', message: '结束时间至少要比开始时间晚 15 分钟' }
  if (end - start > MAX_DURATION_MS) return { field: 'endAt', message: '单次活动最长 12 小时，请拆成几场' }
  if (now && start <= now.getTime()) return { field: 'startAt', message: '开始时间需要晚于现在' }
  if (now && start - now.getTime() > MAX_PLAN_AHEAD_MS) return { field: 'startAt', message: '最多提前半年发布活动' }
  if (s.signupDeadline.getTime() > start) return { field: 'signupDeadline', message: '报名截止时间不能晚于开始时间' }
  if (s.cancelDeadline.getTime() > start) return { field: 'cancelDeadline', message: '取消截止时间不能晚于开始时间' }
  return null
}

/** Half-open intervals [start, end) overlap. */
export const overlaps = (a: { startAt: Date; endAt: Date }, b: { startAt: Date; endAt: Date }): boolean =>
  a.startAt.getTime() < b.endAt.getTime() && b.startAt.getTime() < a.endAt.getTime()

/** Why a rider may not sign up now (null: they may). */
export function signupClosedReason(a: { status: string; signupDeadline: Date; startAt: Date }, now: Date): string | null {
  if (a.status !== 'open') return '活动已取消'
  if (now.getTime() >= a.startAt.getTime()) return '活动已经开始，不能再报名'
  if (now.getTime() > a.signupDeadline.getTime()) return `报名已于 ${formatWithWeekday(a.signupDeadline)} 截止`
  return null
}

/** Cancelling now: on time, late (after the cancellation deadline: recorded), or refused (started). */
export function cancellationKind(a: { cancelDeadline: Date; startAt: Date }, now: Date): 'onTime' | 'late' | 'started' {
  if (now.getTime() >= a.startAt.getTime()) return 'started'
  return now.getTime() > a.cancelDeadline.getTime() ? 'late' : 'onTime'
}

// ---- places and the waitlist ----

/** A new activity's state: open, nobody signed up or waiting, no reminder sent. */
export const NEW_ACTIVITY_STATE = { status: 'open', cancelReason: null, seq: 0, signedUp: 0, waitlisted: 0, remindedAt: null } as const

/** A rider's one sign-up per activity: a second insert under the same id fails. */
export const signupIdOf = (activityId: string, userId: string): string => `${activityId}_${userId}`

/** A sign-up as `admit` placed it, before any check-in: the activity's facts are copied for the rider's record and the overlap check. */
export function newSignup(
  act: Pick<ActivityDoc, '_id' | 'communityId' | 'type' | 'title' | 'startAt' | 'endAt'>,
  rider: { userId: string; nickname: string },
  admitted: { status: SignupStatus; seq: number },
  at: Date,
): SignupDoc {
  return {
    _id: signupIdOf(act._id, rider.userId),
    activityId: act._id,
    userId: rider.userId,
    nickname: rider.nickname,
    communityId: act.communityId,
    type: act.type,
    title: act.title,
    startAt: act.startAt,
    endAt: act.endAt,
    status: admitted.status,
    seq: admitted.seq,
    signedUpAt: at,
    promotedAt: null,
    cancelledAt: null,
    lateCancel: false,
    checkedInAt: null,
    checkedOutAt: null,
    attendedMinutes: 0,
    counted: false,
    serviceMinutes: 0,
    pointsAwarded: null,
    updatedAt: at,
  }
}

export interface Counters {
  capacity: number
  seq: number
  signedUp: number
  waitlisted: number
}

export const placesLeft = (c: Pick<Counters, 'capacity' | 'signedUp'>): number => Math.max(0, c.capacity - c.signedUp)

/**
 * One sign-up against the counters: a place while there is one, and only while nobody is waiting
 * (a place freed with a waitlist goes to the waitlist, never to a newcomer); else the waitlist.
 */
export function admit(c: Counters): { status: 'signedUp' | 'waitlisted'; seq: number; next: Counters; waitlistPosition: number | null } {
  const seq = c.seq + 1
  if (c.signedUp < c.capacity && c.waitlisted === 0)
    return { status: 'signedUp', seq, next: { ...c, seq, signedUp: c.signedUp + 1 }, waitlistPosition: null }
  return { status: 'waitlisted', seq, next: { ...c, seq, waitlisted: c.waitlisted + 1 }, waitlistPosition: c.waitlisted + 1 }
}

/** The counters after `from` leaves (cancels) and, if `promote`, the first waitlisted takes the place. */
export function release(c: Counters, from: 'signedUp' | 'waitlisted', promote: boolean): Counters {
  const next = { ...c }
  if (from === 'signedUp') next.signedUp -= 1
  else next.waitlisted -= 1
  if (promote && next.waitlisted > 0 && next.signedUp < next.capacity) {
    next.signedUp += 1
    next.waitlisted -= 1
  }
  return next
}

/** How many waitlisted riders move up when there are free places (after a cancellation or a bigger capacity). */
export const promotable = (c: Counters): number => Math.max(0, Math.min(c.waitlisted, c.capacity - c.signedUp))

/** The waitlisted sign-up that is first in line: the lowest arrival number. */
export function firstInLine<T extends { status: SignupStatus; seq: number }>(signups: readonly T[]): T | null {
  let best: T | null = null
  for (const s of signups) if (s.status === 'waitlisted' && (!best || s.seq < best.seq)) best = s
  return best
}

// ---- the hours rule ----

export interface Attendance {
  /** minutes inside [start, end] between check-in and check-out */
  attendedMinutes: number
  /** attended ≥ 60% of the activity */
  counted: boolean
  /** credited minutes: attended when counted, else 0 */
  serviceMinutes: number
  /** credited hours, one decimal */
  hours: number
}

/**
 * Hours = checked-in time, clipped to the activity's own time, counted only if it is at least 60% of
 * the activity. Arriving early or leaving late adds nothing.
 */
export function attendance(a: { startAt: Date; endAt: Date }, checkedInAt: Date, checkedOutAt: Date): Attendance {
  const from = Math.max(a.startAt.getTime(), checkedInAt.getTime())
  const to = Math.min(a.endAt.getTime(), checkedOutAt.getTime())
  const attendedMs = Math.max(0, to - from)
  const duration = a.endAt.getTime() - a.startAt.getTime()
  const counted = duration > 0 && attendedMs >= MIN_ATTENDANCE_SHARE * duration - 1e-6
  const attendedMinutes = Math.floor(attendedMs / MIN)
  const serviceMinutes = counted ? attendedMinutes : 0
  return { attendedMinutes, counted, serviceMinutes, hours: minutesToHours(serviceMinutes) }
}

export const minutesToHours = (m: number): number => Math.round((m / 60) * 10) / 10

/** The ledger award for credited service: courses earn once; service earns per hour (≥ 1 when counted). */
export function awardFor(type: ActivityType, serviceMinutes: number): { reason: 'course' | 'volunteerHours'; units: number } | null {
  if (serviceMinutes <= 0) return null
  if (type === 'course') return { reason: 'course', units: 1 }
  return { reason: 'volunteerHours', units: Math.max(1, Math.round(serviceMinutes / 60)) }
}

/** The activity's points per counted hour: its own rate, or the earn rule's for older activities. */
export const hourlyRate = (a: { pointsPerHour?: number }): number => a.pointsPerHour ?? EARN_RULES.volunteerHours.perUnit

/** What check-out earns, in words. */
export function pointsRuleText(type: ActivityType, pointsPerHour: number = EARN_RULES.volunteerHours.perUnit): string {
  if (type === 'course') return `完成课程（到课满 60%）得 ${EARN_RULES.course.perUnit} 积分`
  if (pointsPerHour === 0) return '本活动不计积分（到场满 60% 记录服务时长）'
  return `每服务 1 小时得 ${pointsPerHour} 积分（到场满 60% 才计时长，每天最多 ${EARN_RULES.volunteerHours.dailyCap} 分）`
}

// ---- the check-in code ----

/** The code rotates every minute; the current and the previous code are accepted. */
export const CHECKIN_CODE_WINDOW_MS = MIN
export const CHECKIN_CODE_ACCEPTED_WINDOWS = 2
/** Codes this old are reported as expired rather than wrong. */
export const CHECKIN_CODE_EXPIRED_LOOKBACK_WINDOWS = 24 * 60
export const CHECKIN_CODE_DIGITS = 6
export const CHECKIN_CODE_RE = /^\d{6}$/
/** The QR payload: `xgvol1:<activityId>:<code>`. */
const QR_RE = /^xgvol1:([A-Za-z0-9_-]{1,64}):(\d{6})$/

export const checkinWindowOf = (at: Date): number => Math.floor(at.getTime() / CHECKIN_CODE_WINDOW_MS)
export const checkinQrPayload = (activityId: string, code: string): string => `xgvol1:${activityId}:${code}`

/** What a scanned QR code says, or null when it is not an activity code. A bare 6-digit code is accepted too. */
export function parseCheckinScan(text: string): { activityId: string | null; code: string } | null {
  const t = text.trim()
  const m = QR_RE.exec(t)
  if (m) return { activityId: m[1], code: m[2] }
  if (CHECKIN_CODE_RE.test(t)) return { activityId: null, code: t }
  return null
}

// ---- the roster CSV ----

export const ROSTER_CSV_HEADER = ['序号', '昵称', '状态', '报名时间', '递补时间', '迟取消', '签到', '签退', '服务时长（小时）', '计入时长', '积分']

export function rosterCsv(rows: readonly RosterRow[]): string {
  const t = (iso: string | null) => (iso ? formatIsoMinute(iso) : '')
  return toCsv(
    ROSTER_CSV_HEADER,
    rows.map((r) => [r.seq, r.nickname, SIGNUP_STATUS_LABELS[r.status], t(r.signedUpAt), t(r.promotedAt), r.lateCancel ? '是' : '', t(r.checkedInAt), t(r.checkedOutAt), r.hours, r.counted ? '是' : '否', r.pointsAwarded]),
  )
}
