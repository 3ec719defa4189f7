/**
 * What the rider's activity pages show and offer, from the activity and the rider's own sign-up at
 * a given moment: places left, the waitlist, which buttons (sign up / join the waitlist / cancel /
 * check in / check out) and why one is missing. The function decides for real; this keeps the
 * pages from offering what it would refuse.
 */
import type { ActivityDetail, ActivityListItem } from '@domain/entities/volunteer'
import { CHECKIN_OPENS_BEFORE_MS, CHECKOUT_CLOSES_AFTER_MS } from '@domain/volunteer/rules'
import { formatWithWeekday } from '@domain/time'

type Places = Pick<ActivityListItem, 'placesLeft' | 'capacity' | 'waitlisted'>

/** 「剩 3 / 10」 or 「已满（10 人）」 */
export const placesText = (a: Places): string => (a.placesLeft > 0 ? `剩 ${a.placesLeft} / ${a.capacity}` : `已满（${a.capacity} 人）`)

/** The list's tag: places left, or full with the waitlist. */
export const placesTag = (a: Places): { text: string; tone: 'success' | 'warning' } =>
  a.placesLeft > 0 ? { text: `剩 ${a.placesLeft} 个名额`, tone: 'success' } : { text: a.waitlisted ? `已满 · 候补 ${a.waitlisted} 人` : '已满 · 可候补', tone: 'warning' }

export type AttendancePhase = 'checkIn' | 'checkOut'

export interface DetailState {
  /** the sign-up button's text, null: no button */
  signUp: '报名' | '加入候补' | null
  /** why the rider can't sign up (shown instead of the button), null when they can or already have */
  signUpClosed: string | null
  /** cancelling is offered; `late`: after the cancellation deadline (recorded as a late cancellation) */
  cancel: { late: boolean } | null
  /** check-in / check-out is open now */
  attendance: AttendancePhase | null
  /** a note about check-in when it is not open (yet) */
  attendanceNote: string | null
}

const ms = (iso: string) => new Date(iso).getTime()

export function detailState(a: ActivityDetail, now: number): DetailState {
  const my = a.my
  const active = !!my && (my.status === 'signedUp' || my.status === 'waitlisted')
  const open = a.status === 'open'
  const started = ms(a.startAt) <= now
  const state: DetailState = { signUp: null, signUpClosed: null, cancel: null, attendance: null, attendanceNote: null }

  if (!active) {
    if (!open) state.signUpClosed = '活动已取消'
    else if (my && my.status !== 'cancelled') state.signUpClosed = null
    else if (started) state.signUpClosed = '活动已经开始，不能再报名'
    else if (!a.signupOpen || ms(a.signupDeadline) < now) state.signUpClosed = `报名已于 ${formatWithWeekday(new Date(a.signupDeadline))} 截止`
    else state.signUp = a.placesLeft > 0 && a.waitlisted === 0 ? '报名' : '加入候补'
  }

  if (active && open && !started) state.cancel = { late: ms(a.cancelDeadline) < now }

  if (my?.status === 'signedUp' && open && !my.checkedOutAt) {
    const opens = ms(a.startAt) - CHECKIN_OPENS_BEFORE_MS
    if (!my.checkedInAt) {
      if (now < opens) state.attendanceNote = `活动开始前 30 分钟（${formatWithWeekday(new Date(opens))}）起可现场签到`
      else if (now > ms(a.endAt)) state.attendanceNote = '活动已结束，签到已关闭'
      else state.attendance = 'checkIn'
    } else if (now <= ms(a.endAt) + CHECKOUT_CLOSES_AFTER_MS) state.attendance = 'checkOut'
    else state.attendanceNote = '签退时间已过（活动结束后 2 小时内可签退）'
  }
  return state
}

/** 「进行中」 between the start and the end, 「报名已截止」 before the start once sign-up closed, else null. */
export function listPhase(a: Pick<ActivityListItem, 'startAt' | 'endAt' | 'signupOpen'>, now: number): '进行中' | '报名已截止' | null {
  if (ms(a.startAt) <= now && now < ms(a.endAt)) return '进行中'
  return a.signupOpen ? null : '报名已截止'
}
