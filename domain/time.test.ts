import fc from 'fast-check'
import {
  addDays,
  dayKey,
  formatClock,
  formatDate,
  formatDateTime,
  formatFullDateTime,
  formatShortDateTime,
  formatWithWeekday,
  monthKey,
  nextDay,
  previousDay,
  shanghaiAt,
  shanghaiMidnight,
  shanghaiParts,
  weekday,
  weekKey,
  weekMinuteOf,
} from './time'

const utc = (iso: string) => new Date(`${iso}Z`)

describe('Asia/Shanghai clock', () => {
  it('turns the day at 16:00 UTC, not at UTC midnight', () => {
    expect(dayKey(utc('2026-12-02T15:59:59'))).toBe('2026-12-02')
    expect(dayKey(utc('2026-12-02T16:00:00'))).toBe('2026-12-03')
    expect(formatDateTime(utc('2026-12-02T15:59:00'))).toBe('12月2日 23:59')
    expect(formatDateTime(utc('2026-12-02T16:00:00'))).toBe('12月3日 00:00')
    expect(formatDateTime('2026-12-03T13:57:00.000Z')).toBe('12月3日 21:57')
  })

  it('crosses month and year ends at Shanghai midnight', () => {
    expect(dayKey(utc('2026-02-28T16:00:00'))).toBe('2026-03-01')
    expect(monthKey(utc('2026-02-28T15:59:59'))).toBe('2026-02')
    expect(monthKey(utc('2026-02-28T16:00:00'))).toBe('2026-03')
    expect(dayKey(utc('2026-12-31T15:59:59'))).toBe('2026-12-31')
    expect(dayKey(utc('2026-12-31T16:00:00'))).toBe('2027-01-01')
    expect(formatDate(utc('2026-12-31T16:00:00'))).toBe('2027年1月1日')
    expect(formatFullDateTime(utc('2019-10-01T07:01:00'))).toBe('2019年10月1日 15:01')
  })

  it('has one weekday convention: 0 = Monday … 6 = Sunday', () => {
    // 2026-12-06 is a Sunday, 2026-12-07 a Monday (Shanghai)
    expect(weekday(shanghaiAt('2026-12-06', '23:59'))).toBe(6)
    expect(weekday(shanghaiAt('2026-12-07', '00:00'))).toBe(0)
    expect(weekday(utc('2026-12-06T16:00:00'))).toBe(0)
    expect(weekMinuteOf(shanghaiAt('2026-12-07', '00:30'))).toBe(30)
    expect(weekMinuteOf(shanghaiAt('2026-12-06', '23:59'))).toBe(7 * 1440 - 1)
    expect(formatWithWeekday(utc('2026-10-09T16:30:00'))).toBe('10月10日 周六 00:30')
    expect(shanghaiParts(utc('2026-12-31T16:30:00'))).toEqual({ year: 2027, month: 1, day: 1, weekday: 4, minute: 30 })
  })

  it('finds Shanghai midnight from a day key or from any instant of that day', () => {
    expect(shanghaiMidnight('2026-12-03').toISOString()).toBe('2026-12-02T16:00:00.000Z')
    expect(shanghaiMidnight(utc('2026-12-02T16:00:00')).toISOString()).toBe('2026-12-02T16:00:00.000Z')
    expect(shanghaiMidnight(utc('2026-12-03T15:59:59')).toISOString()).toBe('2026-12-02T16:00:00.000Z')
    expect(shanghaiMidnight(utc('2026-12-31T17:00:00')).toISOString()).toBe('2026-12-31T16:00:00.000Z')
  })

  it('counts days across month, leap-day and year ends', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01')
    expect(previousDay('2027-01-01')).toBe('2026-12-31')
    expect(nextDay('2028-02-28')).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2026-11-25', 30)).toBe('2026-12-25')
  })

  it('keys ISO weeks, Monday first, in Shanghai', () => {
    expect(weekKey(shanghaiAt('2026-01-01', '12:00'))).toBe('2026-W01')
    expect(weekKey(shanghaiAt('2025-12-29', '00:00'))).toBe('2026-W01')
    expect(weekKey(shanghaiAt('2025-12-28', '23:59'))).toBe('2025-W52')
    expect(weekKey(shanghaiAt('2027-01-01', '08:00'))).toBe('2026-W53')
    // Sunday 23:59 and Monday 00:00 Shanghai, i.e. UTC 15:59 / 16:00 on Sunday
    expect(weekKey(utc('2026-11-22T15:59:59'))).toBe('2026-W47')
    expect(weekKey(utc('2026-11-22T16:00:00'))).toBe('2026-W48')
  })

  it('formats the short forms the counter and clocks show', () => {
    expect(formatShortDateTime(utc('2026-12-02T04:00:00'))).toBe('12-02 12:00')
    expect(formatClock(utc('2026-12-02T16:05:00'))).toBe('00:05')
  })

  it('agrees with a plain +8 h shift for any instant, whatever the process time zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const w = new Date(ms + 8 * 3_600_000).toISOString()
        expect(dayKey(ms)).toBe(w.slice(0, 10))
        expect(formatClock(ms)).toBe(w.slice(11, 16))
        expect(shanghaiMidnight(new Date(ms)).getTime()).toBe(shanghaiMidnight(dayKey(ms)).getTime())
        expect(weekday(ms)).toBe((new Date(ms + 8 * 3_600_000).getUTCDay() + 6) % 7)
      }),
    )
  })
})
