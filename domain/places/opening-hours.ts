/**
 * Opening hours, always in Asia/Shanghai (domain/time.ts). Pure and independent of the machine's
 * time zone.
 *
 * A week is 10,080 minutes from Monday 00:00. `week[0]` is Monday … `week[6]` Sunday. A range whose
 * close is not after its open runs overnight (22:00–02:00 ends on the next day, Sunday night into
 * Monday morning); `close: '24:00'` means midnight at the end of that day.
 */
import { dayKey, shanghaiMidnight, weekday, WEEKDAY_LABELS, weekMinuteOf } from '../time'

export const WEEK_MINUTES = 7 * 1440

export interface TimeRange {
  /** HH:MM, 00:00–23:59 */
  open: string
  /** HH:MM, 00:00–24:00 */
  close: string
}

export type OpeningHours = { always: true } | { always: false; week: TimeRange[][] }

/** [start, end) in week minutes, 0 ≤ start < end ≤ 10080 */
export interface WeekInterval {
  s: number
  e: number
}

export const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$/
export const HHMM_CLOSE = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

export const formatMinutes = (m: number): string => {
  const mm = ((m % 1440) + 1440) % 1440
  const h = Math.floor(mm / 60)
  return `${String(h).padStart(2, '0')}:${String(mm % 60).padStart(2, '0')}`
}

/** Normalises opening hours into sorted, merged week intervals (overnight ranges split at the week's end). */
export function toWeekIntervals(hours: OpeningHours): WeekInterval[] {
  if (hours.always) return [{ s: 0, e: WEEK_MINUTES }]
  const raw: WeekInterval[] = []
  hours.week.forEach((ranges, day) => {
    for (const r of ranges) {
      const open = minutesOf(r.open)
      let close = minutesOf(r.close)
      if (close <= open) close += 1440 // overnight
      const s = day * 1440 + open
      const e = day * 1440 + close
      if (e <= WEEK_MINUTES) raw.push({ s, e })
      else {
        raw.push({ s, e: WEEK_MINUTES })
        raw.push({ s: 0, e: e - WEEK_MINUTES })
      }
    }
  })
  raw.sort((a, b) => a.s - b.s || a.e - b.e)
  const out: WeekInterval[] = []
  for (const iv of raw) {
    const last = out[out.length - 1]
    if (last && iv.s <= last.e) last.e = Math.max(last.e, iv.e)
    else out.push({ ...iv })
  }
  return out
}

export const isOpenAtMinute = (intervals: readonly WeekInterval[], m: number): boolean => intervals.some((iv) => iv.s <= m && m < iv.e)

export const isOpenAt = (hours: OpeningHours | readonly WeekInterval[], at: Date): boolean =>
  isOpenAtMinute(Array.isArray(hours) ? (hours as WeekInterval[]) : toWeekIntervals(hours as OpeningHours), weekMinuteOf(at))

const isAlways = (intervals: readonly WeekInterval[]) => intervals.length === 1 && intervals[0].s === 0 && intervals[0].e === WEEK_MINUTES

export interface HoursState {
  open: boolean
  /** when the state changes next (null: never, i.e. 24 h every day, or never open) */
  changeAt: Date | null
  /** 「24 小时营业」「营业至 22:00」「营业至次日 02:00」「明天 07:00 开门」「周三 07:00 开门」「暂不营业」 */
  label: string
}

/** Minutes from week minute `m` until the state next changes, following intervals across the week's end. */
function minutesUntilChange(intervals: readonly WeekInterval[], m: number, open: boolean): number | null {
  if (!intervals.length) return null
  if (open) {
    const cur = intervals.find((iv) => iv.s <= m && m < iv.e)!
    let end = cur.e
    // an interval ending at the week's end continues with one starting at 0 (Sunday night → Monday)
    if (end === WEEK_MINUTES && intervals[0].s === 0 && intervals[0] !== cur) end = WEEK_MINUTES + intervals[0].e
    return end - m
  }
  const next = intervals.find((iv) => iv.s > m)
  return next ? next.s - m : intervals[0].s + WEEK_MINUTES - m
}

function dayWord(now: Date, then: Date): string {
  const a = shanghaiMidnight(dayKey(now)).getTime()
  const b = shanghaiMidnight(dayKey(then)).getTime()
  const days = Math.round((b - a) / 86_400_000)
  if (days === 0) return ''
  if (days === 1) return '明天 '
  if (days === 2) return '后天 '
  return `${WEEKDAY_LABELS[weekday(then)]} `
}

/** Open now or not, when that changes, and a label a rider reads at a glance. */
export function hoursState(hours: OpeningHours | readonly WeekInterval[], at: Date): HoursState {
  const intervals = Array.isArray(hours) ? (hours as WeekInterval[]) : toWeekIntervals(hours as OpeningHours)
  if (isAlways(intervals)) return { open: true, changeAt: null, label: '24 小时营业' }
  if (!intervals.length) return { open: false, changeAt: null, label: '暂不营业' }
  const m = weekMinuteOf(at)
  const open = isOpenAtMinute(intervals, m)
  const minutes = minutesUntilChange(intervals, m, open)!
  // changes happen on whole minutes: subtract the seconds already elapsed in this minute
  const base = Math.floor(at.getTime() / 60_000) * 60_000
  const changeAt = new Date(base + minutes * 60_000)
  const time = formatMinutes(weekMinuteOf(changeAt))
  if (open) {
    const word = dayWord(at, changeAt)
    const label = time === '00:00' && word === '明天 ' ? '营业至 24:00' : word === '明天 ' ? `营业至次日 ${time}` : `营业至 ${word}${time}`
    return { open, changeAt, label }
  }
  return { open, changeAt, label: `${dayWord(at, changeAt)}${time} 开门`.trim() }
}

/** 「周一至周五 09:00–21:00」-style lines for the detail page. */
export function describeWeek(hours: OpeningHours): string[] {
  if (hours.always) return ['每天 24 小时']
  const text = (ranges: TimeRange[]) =>
    ranges.length ? ranges.map((r) => `${r.open}–${minutesOf(r.close) <= minutesOf(r.open) ? '次日 ' : ''}${r.close}`).join('，') : '休息'
  const lines: string[] = []
  let i = 0
  while (i < 7) {
    let j = i
    while (j + 1 < 7 && text(hours.week[j + 1]) === text(hours.week[i])) j++
    const days = i === j ? WEEKDAY_LABELS[i] : i === 0 && j === 6 ? '每天' : `${WEEKDAY_LABELS[i]}至${WEEKDAY_LABELS[j]}`
    lines.push(`${days} ${text(hours.week[i])}`)
    i = j + 1
  }
  return lines
}

/** Same ranges every day. */
export const daily = (open: string, close: string): OpeningHours => ({ always: false, week: Array.from({ length: 7 }, () => [{ open, close }]) })
