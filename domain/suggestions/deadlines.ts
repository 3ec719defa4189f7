/**
 * Deadlines of 微事我言, in Asia/Shanghai (UTC+8, no DST) whatever the machine's time zone:
 * - 安全隐患: 2 calendar days (48 hours) from the start — hazards do not wait for Monday;
 * - everything else: 5 working days, counted as the 12345 hotline does: the day of submission does
 *   not count; the deadline is the end (24:00) of the 5th working day after it. Working days are
 *   Monday–Friday, minus public holidays, plus the weekend days worked in lieu (调休).
 * The deadline starts at submission, and again at a transfer or a reopening.
 */
import type { SuggestionCategory } from '../entities/suggestion'
import { DAY_MS, dayKey, formatDateTime, formatMonthDay, minuteOfDay, shanghaiMidnight, weekday } from '../time'


export const SAFETY_HOURS = 48
export const WORKING_DAYS = 5

/**
 * Public holidays and 调休 working days of the State Council's 2026 schedule (国办发明电〔2025〕号, as
 * published; extend yearly). Dates are Asia/Shanghai days.
 */
export const HOLIDAYS: ReadonlySet<string> = new Set([
  // 元旦
  '2026-01-01', '2026-01-02', '2026-01-03',
  // 春节
  '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
  // 清明
  '2026-04-04', '2026-04-05', '2026-04-06',
  // 劳动节
  '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
  // 端午
  '2026-06-19', '2026-06-20', '2026-06-21',
  // 中秋
  '2026-09-25', '2026-09-26', '2026-09-27',
  // 国庆
  '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
])
export const WORKED_WEEKENDS: ReadonlySet<string> = new Set(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])

export function isWorkingDay(at: Date): boolean {
  const day = dayKey(at)
  if (WORKED_WEEKENDS.has(day)) return true
  if (HOLIDAYS.has(day)) return false
  return weekday(at) < 5
}

/** The end (next midnight, Asia/Shanghai) of the `n`th working day after the day of `from`. */
export function endOfNthWorkingDayAfter(from: Date, n: number): Date {
  let day = shanghaiMidnight(from)
  let counted = 0
  while (counted < n) {
    day = new Date(day.getTime() + DAY_MS)
    // noon of the day, so the weekday never depends on the exact midnight instant
    if (isWorkingDay(new Date(day.getTime() + DAY_MS / 2))) counted++
  }
  return new Date(day.getTime() + DAY_MS)
}

/** When a report of `category` started at `from` is due (exclusive: overdue from this instant on). */
export function dueAtFor(category: SuggestionCategory, from: Date): Date {
  if (category === 'safety') return new Date(from.getTime() + SAFETY_HOURS * (DAY_MS / 24))
  return endOfNthWorkingDayAfter(from, WORKING_DAYS)
}

export const isOverdue = (dueAt: Date, now: Date, open: boolean): boolean => open && now.getTime() >= dueAt.getTime()

/** 「11月30日 24:00前」 or 「11月30日 14:05前」, Asia/Shanghai. */
export function dueLabel(dueAt: Date): string {
  if (minuteOfDay(dueAt) === 0) return `${formatMonthDay(dueAt.getTime() - 1)} 24:00前`
  return `${formatDateTime(dueAt)}前`
}
