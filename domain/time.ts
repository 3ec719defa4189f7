/**
 * The only Asia/Shanghai clock of the project: day, month and week keys, Shanghai midnights, the
 * weekday (one convention: 0 = Monday … 6 = Sunday, as opening hours store their week) and the
 * formats people read, whatever the machine's or the phone's time zone.
 *
 * Built on dayjs with its `utc` plugin and a fixed UTC+08:00 offset rather than the `timezone`
 * plugin: China has observed no daylight saving time since 1991, so the offset never changes, and a
 * fixed offset needs no `Intl` time-zone data — which WeChat's JS engines on older Android phones
 * and some Node builds lack — and keeps every computation pure arithmetic.
 */
import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/** Asia/Shanghai's offset from UTC, in minutes (fixed: no DST). */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60
export const DAY_MS = 86_400_000

/** An instant as a Date, an ISO string or epoch milliseconds. */
export type Instant = Date | string | number

/** `at` read on a Shanghai wall clock. */
export const shanghai = (at: Instant): Dayjs => dayjs(at).utcOffset(SHANGHAI_OFFSET_MINUTES)

/** Weekday labels, index = `weekday()` (0 = Monday). */
export const WEEKDAY_LABELS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const

/** 0 = Monday … 6 = Sunday, in Asia/Shanghai. */
export const weekday = (at: Instant): number => (shanghai(at).day() + 6) % 7

/** YYYY-MM-DD of the Asia/Shanghai calendar day. */
export const dayKey = (at: Instant): string => shanghai(at).format('YYYY-MM-DD')

/** YYYY-MM of the Asia/Shanghai calendar month. */
export const monthKey = (at: Instant): string => shanghai(at).format('YYYY-MM')

/** ISO week (Monday first, the week of the year's first Thursday is W01) in Asia/Shanghai, as YYYY-Www. */
export const weekKey = (at: Instant): string => {
  const day = shanghai(at)
  const thursday = day.add(3 - weekday(at), 'day') // the Thursday of this week decides the year
  const week = Math.floor(thursday.diff(thursday.startOf('year'), 'day') / 7) + 1
  return `${thursday.year()}-W${String(week).padStart(2, '0')}`
}

/**
 * 00:00 Asia/Shanghai starting a day: the day `YYYY-MM-DD`, or the Shanghai day containing an
 * instant.
 */
export const shanghaiMidnight = (day: string | Date): Date =>
  typeof day === 'string' ? shanghaiAt(day, '00:00') : shanghai(day).startOf('day').toDate()

/** The instant of wall time `hh:mm` on the Shanghai day `day` (YYYY-MM-DD). */
export const shanghaiAt = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00+08:00`)

/** The Shanghai day `n` days after (or before, n < 0) the day `day`. */
export const addDays = (day: string, n: number): string => dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD')

/** The month `n` months after (or before, n < 0) the month `month` (YYYY-MM). */
export const addMonths = (month: string, n: number): string => dayjs.utc(`${month}-01`).add(n, 'month').format('YYYY-MM')

/** The Shanghai day after `day`. */
export const nextDay = (day: string): string => addDays(day, 1)

/** The Shanghai day before `day`. */
export const previousDay = (day: string): string => addDays(day, -1)

/** Minutes since 00:00 of the Shanghai day. */
export const minuteOfDay = (at: Instant): number => {
  const d = shanghai(at)
  return d.hour() * 60 + d.minute()
}

/** Minutes since Monday 00:00 in Asia/Shanghai. */
export const weekMinuteOf = (at: Instant): number => {
  const d = shanghai(at)
  return ((d.day() + 6) % 7) * 1440 + d.hour() * 60 + d.minute()
}

/** The Asia/Shanghai calendar parts of an instant (month 1–12, weekday 0 = Monday). */
export function shanghaiParts(at: Instant): { year: number; month: number; day: number; weekday: number; minute: number } {
  const d = shanghai(at)
  return { year: d.year(), month: d.month() + 1, day: d.date(), weekday: weekday(at), minute: d.hour() * 60 + d.minute() }
}

// ---- what people read ----

/** 「14:05」 */
export const formatClock = (at: Instant): string => shanghai(at).format('HH:mm')

/** 「12月3日」 */
export const formatMonthDay = (at: Instant): string => shanghai(at).format('M月D日')

/** 「12月3日 21:57」 */
export const formatDateTime = (at: Instant): string => shanghai(at).format('M月D日 HH:mm')

/** 「2026年12月3日」 */
export const formatDate = (at: Instant): string => shanghai(at).format('YYYY年M月D日')

/** 「2026年12月3日 21:57」 */
export const formatFullDateTime = (at: Instant): string => shanghai(at).format('YYYY年M月D日 HH:mm')

/** 「12-03 21:57」, the counter's short form */
export const formatShortDateTime = (at: Instant): string => shanghai(at).format('MM-DD HH:mm')

/** 「2026-12-03 21:57」, for exported files */
export const formatIsoMinute = (at: Instant): string => shanghai(at).format('YYYY-MM-DD HH:mm')

/** 「10月8日 周三」 */
export const formatMonthDayWeekday = (at: Instant): string => `${formatMonthDay(at)} ${WEEKDAY_LABELS[weekday(at)]}`

/** 「10月8日 周三 14:00」 */
export const formatWithWeekday = (at: Instant): string => `${formatMonthDayWeekday(at)} ${formatClock(at)}`
