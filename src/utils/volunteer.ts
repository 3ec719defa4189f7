/** Small view helpers shared by the volunteer pages (rider) and the worker's activity pages. */
import { ACTIVITY_TYPE_LABELS, SIGNUP_STATUS_LABELS, type ActivityType, type SignupStatus } from '@domain/entities/volunteer'
import type { TagTone } from '@/components/Tag'
import { formatClock, formatMonthDayWeekday, formatWithWeekday, shanghaiAt } from '@domain/time'

export const typeLabel = (t: ActivityType) => ACTIVITY_TYPE_LABELS[t] ?? t
export const statusLabel = (s: SignupStatus) => SIGNUP_STATUS_LABELS[s] ?? s

export const STATUS_TONE: Record<SignupStatus, TagTone> = {
  signedUp: 'success',
  waitlisted: 'warning',
  cancelled: 'default',
  noShow: 'danger',
  activityCancelled: 'default',
}

/** 「10月8日 周三 14:00–16:00」 */
export const timeRange = (startIso: string, endIso: string) => `${formatWithWeekday(new Date(startIso))}–${formatClock(new Date(endIso))}`
export const at = (iso: string) => formatWithWeekday(new Date(iso))

/** 「10月8日 周三」 of a YYYY-MM-DD day (Asia/Shanghai). */
export const dayLabel = (ymd: string) => formatMonthDayWeekday(shanghaiAt(ymd, '12:00'))
