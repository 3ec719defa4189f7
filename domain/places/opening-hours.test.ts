import {
  daily,
  describeWeek,
  hoursState,
  isOpenAt,
  toWeekIntervals,
  WEEK_MINUTES,
  type OpeningHours,
} from './opening-hours'
import { dayKey as shanghaiDay, weekMinuteOf } from '../time'

// All instants are written with an explicit +08:00 offset; the functions must give the same answers
// whatever the machine's time zone (run with TZ=UTC and TZ=America/New_York too).
const at = (iso: string) => new Date(`${iso}+08:00`)
// 2026-09-07 is a Monday, 2026-09-13 a Sunday.
const MON = '2026-09-07'
const SUN = '2026-09-13'

describe('week minutes in Asia/Shanghai', () => {
  it('counts from Monday 00:00 Shanghai time, independent of the machine zone', () => {
    expect(weekMinuteOf(at(`${MON}T00:00:00`))).toBe(0)
    expect(weekMinuteOf(at(`${SUN}T23:59:00`))).toBe(WEEK_MINUTES - 1)
    // 16:30 UTC on Sunday is 00:30 Monday in Shanghai
    expect(weekMinuteOf(new Date('2026-09-13T16:30:00Z'))).toBe(30)
    expect(shanghaiDay(new Date('2026-09-13T16:30:00Z'))).toBe('2026-09-14')
    expect(shanghaiDay(new Date('2026-09-13T15:59:59Z'))).toBe(SUN)
  })
})

describe('isOpenAt', () => {
  const nineToNine = daily('09:00', '21:00')
  it('opens at the opening minute and closes at the closing minute', () => {
    expect(isOpenAt(nineToNine, at(`${MON}T08:59:59`))).toBe(false)
    expect(isOpenAt(nineToNine, at(`${MON}T09:00:00`))).toBe(true)
    expect(isOpenAt(nineToNine, at(`${MON}T20:59:59`))).toBe(true)
    expect(isOpenAt(nineToNine, at(`${MON}T21:00:00`))).toBe(false)
  })

  it('handles 24 h', () => {
    const always: OpeningHours = { always: true }
    for (const t of [`${MON}T00:00:00`, `${SUN}T23:59:59`, '2026-09-10T12:00:00']) expect(isOpenAt(always, at(t))).toBe(true)
    expect(isOpenAt(daily('00:00', '24:00'), at(`${SUN}T23:59:00`))).toBe(true)
    expect(toWeekIntervals(daily('00:00', '24:00'))).toEqual([{ s: 0, e: WEEK_MINUTES }])
  })

  it('handles overnight ranges into the next day', () => {
    const night = daily('22:00', '02:00')
    expect(isOpenAt(night, at(`${MON}T21:59:00`))).toBe(false)
    expect(isOpenAt(night, at(`${MON}T22:00:00`))).toBe(true)
    expect(isOpenAt(night, at('2026-09-08T01:59:00'))).toBe(true)
    expect(isOpenAt(night, at('2026-09-08T02:00:00'))).toBe(false)
  })

  it('carries Sunday night into Monday morning (the week boundary)', () => {
    const sundayNightOnly: OpeningHours = { always: false, week: [[], [], [], [], [], [], [{ open: '20:00', close: '03:00' }]] }
    expect(isOpenAt(sundayNightOnly, at(`${SUN}T23:30:00`))).toBe(true)
    expect(isOpenAt(sundayNightOnly, at('2026-09-14T02:30:00'))).toBe(true) // the next Monday
    expect(isOpenAt(sundayNightOnly, at('2026-09-14T03:00:00'))).toBe(false)
    expect(isOpenAt(sundayNightOnly, at(`${MON}T02:30:00`))).toBe(true) // the Monday after the previous Sunday
    expect(toWeekIntervals(sundayNightOnly)).toEqual([
      { s: 0, e: 180 },
      { s: 6 * 1440 + 1200, e: WEEK_MINUTES },
    ])
  })

  it('is closed on days without ranges (weekend closing) and merges overlapping ranges', () => {
    const weekdays: OpeningHours = { always: false, week: [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [{ open: '08:00', close: '12:00' }, { open: '11:00', close: '18:00' }] : [])) }
    expect(toWeekIntervals(weekdays)[0]).toEqual({ s: 480, e: 1080 })
    expect(isOpenAt(weekdays, at('2026-09-11T10:00:00'))).toBe(true) // Friday
    expect(isOpenAt(weekdays, at('2026-09-12T10:00:00'))).toBe(false) // Saturday
    expect(isOpenAt(weekdays, at(`${SUN}T10:00:00`))).toBe(false)
  })
})

describe('hoursState labels', () => {
  it('says when it closes today', () => {
    expect(hoursState(daily('07:00', '22:00'), at(`${MON}T12:00:00`))).toMatchObject({ open: true, label: '营业至 22:00' })
    const s = hoursState(daily('07:00', '22:00'), at(`${MON}T12:00:30`))
    expect(s.changeAt!.toISOString()).toBe(at(`${MON}T22:00:00`).toISOString())
  })
  it('says when it opens: later today, tomorrow, or on a weekday', () => {
    expect(hoursState(daily('07:00', '22:00'), at(`${MON}T05:00:00`)).label).toBe('07:00 开门')
    expect(hoursState(daily('07:00', '22:00'), at(`${MON}T23:00:00`)).label).toBe('明天 07:00 开门')
    const weekdays: OpeningHours = { always: false, week: [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [{ open: '09:00', close: '17:00' }] : [])) }
    expect(hoursState(weekdays, at('2026-09-11T18:00:00')).label).toBe('周一 09:00 开门') // Friday evening
    expect(hoursState(weekdays, at('2026-09-12T18:00:00')).label).toBe('后天 09:00 开门') // Saturday evening
  })
  it('labels overnight closing as the next day, across the week boundary too', () => {
    expect(hoursState(daily('18:00', '06:00'), at(`${MON}T20:00:00`)).label).toBe('营业至次日 06:00')
    expect(hoursState(daily('18:00', '06:00'), at(`${SUN}T20:00:00`)).label).toBe('营业至次日 06:00')
    expect(hoursState(daily('18:00', '06:00'), at(`${MON}T03:00:00`)).label).toBe('营业至 06:00')
    expect(hoursState(daily('08:00', '24:00'), at(`${MON}T20:00:00`)).label).toBe('营业至 24:00')
  })
  it('labels 24 h and never-open', () => {
    expect(hoursState({ always: true }, new Date()).label).toBe('24 小时营业')
    expect(hoursState({ always: false, week: [[], [], [], [], [], [], []] }, new Date())).toMatchObject({ open: false, label: '暂不营业' })
  })
})

describe('describeWeek', () => {
  it('groups equal days', () => {
    expect(describeWeek(daily('09:00', '21:00'))).toEqual(['每天 09:00–21:00'])
    const w: OpeningHours = { always: false, week: [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [{ open: '22:00', close: '02:00' }] : [])) }
    expect(describeWeek(w)).toEqual(['周一至周五 22:00–次日 02:00', '周六至周日 休息'])
  })
})
