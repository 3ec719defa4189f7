/**
 * Deadlines of 微事我言, in Asia/Shanghai (UTC+8, no DST) whatever the machine's time zone:
 * - 安全隐患: 2 calendar days (48 hours) from the start — hazards do not wait for Monday;
 * - everything else: 5 working days, counted as the 12345 hotline does: the day of submission does
 *   not count; the deadline is the end (24:00) of the 5th working day after it. Working days are
 *   Monday–Friday, minus public holidays, plus the weekend days worked in lieu (调休).
 * The deadline starts at submission, and again at a transfer or a reopening.
 */
import type { SuggestionCategory } from '../entities/suggestion'

const OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

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

const pad = (n: number) => String(n).padStart(2, '0')

/** Midnight (00:00 Asia/Shanghai) starting the day that contains `at`, as an instant. */
export function shanghaiMidnight(at: Date): Date {
  const wall = at.getTime() + OFFSET_MS
  return new Date(Math.floor(wall / DAY_MS) * DAY_MS - OFFSET_MS)
}

/** YYYY-MM-DD of `at` in Asia/Shanghai. */
export function shanghaiDay(at: Date): string {
  const w = new Date(at.getTime() + OFFSET_MS)
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`
}

/** 0 = Sunday … 6 = Saturday, in Asia/Shanghai. */
export const shanghaiWeekday = (at: Date): number => new Date(at.getTime() + OFFSET_MS).getUTCDay()

export function isWorkingDay(at: Date): boolean {
  const day = shanghaiDay(at)
  if (WORKED_WEEKENDS.has(day)) return true
  if (HOLIDAYS.has(day)) return false
  const wd = shanghaiWeekday(at)
  return wd !== 0 && wd !== 6
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
  if (category === 'safety') return new Date(from.getTime() + SAFETY_HOURS * 3_600_000)
  return endOfNthWorkingDayAfter(from, WORKING_DAYS)
}

export const isOverdue = (dueAt: Date, now: Date, open: boolean): boolean => open && now.getTime() >= dueAt.getTime()

/** 「11月30日 24:00前」 or 「11月30日 14:05前」, Asia/Shanghai. */
export function dueLabel(dueAt: Date): string {
  const w = new Date(dueAt.getTime() + OFFSET_MS)
  if (w.getUTCHours() === 0 && w.getUTCMinutes() === 0) {
    const last = new Date(dueAt.getTime() - 1 + OFFSET_MS)
    return `${last.getUTCMonth() + 1}月${last.getUTCDate()}日 24:00前`
  }
  return `${w.getUTCMonth() + 1}月${w.getUTCDate()}日 ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}前`
}
