/**
 * The worker's activity form: plain strings as typed, the instants they mean (Asia/Shanghai wall
 * time), and the checks the function will make (domain/volunteer/contract.ts, scheduleProblem),
 * with errors keyed by form field and written for the worker — so a bad form never reaches the
 * function and the worker sees what to fix next to the field.
 */
import type { ActivityType } from '@domain/volunteer/model'
import { EARN_RULES } from '@domain/points/rules'
import { defaultDeadlines, MAX_CAPACITY, MAX_DURATION_MS, MAX_PLAN_AHEAD_MS, MIN_DURATION_MS } from '@domain/volunteer/rules'
import { dayKey, nextDay, shanghaiAt } from '@domain/time'

export interface ActivityForm {
  type: ActivityType
  title: string
  description: string
  communityId: string
  placeId: string
  /** YYYY-MM-DD (Asia/Shanghai) */
  day: string
  /** HH:mm */
  start: string
  /** HH:mm; not after the start means the next day */
  end: string
  capacity: string
  verifiedOnly: boolean
  /** points per counted hour (0 … the district's earn rule) */
  pointsPerHour: string
}

export type FormField = 'type' | 'title' | 'description' | 'communityId' | 'placeId' | 'start' | 'end' | 'capacity' | 'pointsPerHour'
export type FieldErrors = Partial<Record<FormField, string>>

export function emptyForm(now: Date): ActivityForm {
  return {
    type: 'patrol',
    title: '',
    description: '',
    communityId: '',
    placeId: '',
    day: nextDay(dayKey(now)),
    start: '19:00',
    end: '21:00',
    capacity: '10',
    verifiedOnly: true,
    pointsPerHour: String(MAX_POINTS_PER_HOUR),
  }
}

/** The instants the form means: an end not after the start is on the next day. */
export function scheduleOf(f: Pick<ActivityForm, 'day' | 'start' | 'end'>): { startAt: Date; endAt: Date } {
  const startAt = shanghaiAt(f.day, f.start)
  const endAt = shanghaiAt(f.end <= f.start ? nextDay(f.day) : f.day, f.end)
  return { startAt, endAt }
}

/** Deadlines a new activity gets (sign-up 1 hour before, cancellation the evening before / 2 hours before). */
export const deadlinesOf = (f: Pick<ActivityForm, 'day' | 'start' | 'end'>) => defaultDeadlines(scheduleOf(f).startAt)

/** The district's earn rule caps what an activity may award per hour. */
export const MAX_POINTS_PER_HOUR = EARN_RULES.volunteerHours.perUnit

const TIME_RE = /^\d{2}:\d{2}$/
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/

/**
 * Field errors of the form (empty: it may be sent). `editing`: the activity exists, so type,
 * community and place are not required (the place is kept unless a new one is chosen).
 */
export function validate(f: ActivityForm, now: Date, editing = false): FieldErrors {
  const e: FieldErrors = {}
  const title = f.title.trim()
  if (title.length < 2) e.title = '标题至少 2 个字'
  else if (title.length > 40) e.title = '标题最多 40 个字'
  if (f.description.trim().length > 1000) e.description = '说明最多 1000 字'
  if (!editing && !f.communityId) e.communityId = '请选择社区'
  if (!editing && !f.placeId) e.placeId = '请选择活动地点'

  const cap = f.capacity.trim()
  const n = Number(cap)
  if (/^-\s*\d/.test(cap)) e.capacity = '名额不能为负数'
  else if (!/^\d+$/.test(cap) || !Number.isInteger(n)) e.capacity = '名额请填写整数'
  else if (n < 1) e.capacity = '名额至少 1 人'
  else if (n > MAX_CAPACITY) e.capacity = `名额最多 ${MAX_CAPACITY} 人`

  // courses earn a fixed amount; the hourly rate applies to the other types (and is shown only for them)
  const pph = f.pointsPerHour.trim()
  if (f.type !== 'course') {
    if (!/^\d+$/.test(pph)) e.pointsPerHour = '每小时积分请填写整数'
    else if (Number(pph) > MAX_POINTS_PER_HOUR) e.pointsPerHour = `每小时最多 ${MAX_POINTS_PER_HOUR} 积分（区里的积分规则）`
  }

  if (!DAY_RE.test(f.day) || !TIME_RE.test(f.start)) e.start = '请选择日期和开始时间'
  else if (!TIME_RE.test(f.end)) e.end = '请选择结束时间'
  else {
    const { startAt, endAt } = scheduleOf(f)
    const length = endAt.getTime() - startAt.getTime()
    if (!editing && startAt.getTime() <= now.getTime()) e.start = '开始时间需要晚于现在'
    else if (!editing && startAt.getTime() - now.getTime() > MAX_PLAN_AHEAD_MS) e.start = '最多提前半年发布活动'
    if (length < MIN_DURATION_MS) e.end = '结束时间至少要比开始时间晚 15 分钟'
    else if (length > MAX_DURATION_MS) e.end = '单次活动最长 12 小时，请拆成几场'
  }
  return e
}

/** The first field with an error, in the order the form shows them (to say where to look). */
export const FIELD_ORDER: FormField[] = ['type', 'title', 'description', 'communityId', 'placeId', 'start', 'end', 'capacity', 'pointsPerHour']
