/**
 * Editing a week of opening hours (Monday … Sunday, each day any number of ranges, an empty day
 * closed): the pure steps the hours editor takes, on any form that holds a `week`.
 */
import { minutesOf, type TimeRange } from '@domain/places/opening-hours'

type WithWeek = { week: TimeRange[][] }

export const defaultWeek = (): TimeRange[][] => Array.from({ length: 7 }, () => [{ open: '08:00', close: '20:00' }])

/** 「每天相同」: one day's ranges copied to every day. */
export const copyDayToAll = <F extends WithWeek>(f: F, day: number): F => ({ ...f, week: f.week.map(() => f.week[day].map((r) => ({ ...r }))) })

export const setRange = <F extends WithWeek>(f: F, day: number, i: number, patch: Partial<TimeRange>): F => ({
  ...f,
  week: f.week.map((ranges, d) => (d === day ? ranges.map((r, j) => (j === i ? { ...r, ...patch } : r)) : ranges)),
})

/** A second range of a day (closed at noon, or from the evening): 18:00–22:00 to start from. */
export const addRange = <F extends WithWeek>(f: F, day: number): F => ({
  ...f,
  week: f.week.map((ranges, d) => (d === day ? [...ranges, { open: '18:00', close: '22:00' }] : ranges)),
})

export const removeRange = <F extends WithWeek>(f: F, day: number, i: number): F => ({
  ...f,
  week: f.week.map((ranges, d) => (d === day ? ranges.filter((_, j) => j !== i) : ranges)),
})

/** 「次日」 when a range runs past midnight. */
export const isOvernight = (r: TimeRange): boolean =>
  /^\d\d:\d\d$/.test(r.open) && /^\d\d:\d\d$/.test(r.close) && r.close !== '24:00' && minutesOf(r.close) < minutesOf(r.open)
