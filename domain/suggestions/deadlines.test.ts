import { computeStats, median } from './stats'
import { dueAtFor, dueLabel, endOfNthWorkingDayAfter, isOverdue, isWorkingDay } from './deadlines'
import { dayKey as shanghaiDay, shanghaiMidnight } from '../time'

// Every computation is in Asia/Shanghai whatever the process time zone: run this file with TZ=UTC
// too (`TZ=UTC npx jest domain/suggestions/ --selectProjects node`).
const sh = (s: string) => new Date(`${s}+08:00`)
const iso = (s: string) => sh(s).toISOString()

describe('Asia/Shanghai days', () => {
  it('a UTC evening is already the next Shanghai day', () => {
    const at = new Date('2026-11-22T16:30:00Z') // Mon 2026-11-23 00:30 in Shanghai
    expect(shanghaiDay(at)).toBe('2026-11-23')
    expect(shanghaiMidnight(at).toISOString()).toBe(iso('2026-11-23T00:00:00'))
    expect(isWorkingDay(at)).toBe(true) // Monday in Shanghai, Sunday in UTC
    expect(isWorkingDay(new Date('2026-11-21T16:30:00Z'))).toBe(false) // Sunday 00:30 Shanghai
  })

  it('knows weekends, holidays and the weekend days worked in lieu (调休)', () => {
    expect(isWorkingDay(sh('2026-11-20T12:00:00'))).toBe(true) // Friday
    expect(isWorkingDay(sh('2026-11-21T12:00:00'))).toBe(false) // Saturday
    expect(isWorkingDay(sh('2026-10-01T12:00:00'))).toBe(false) // 国庆 (Thursday)
    expect(isWorkingDay(sh('2026-10-10T12:00:00'))).toBe(true) // Saturday, worked in lieu
    expect(isWorkingDay(sh('2026-02-17T12:00:00'))).toBe(false) // 春节
    expect(isWorkingDay(sh('2026-02-14T12:00:00'))).toBe(true) // Saturday, worked in lieu
  })
})

describe('deadlines', () => {
  it('5 working days: the day of submission does not count, weekends skipped', () => {
    // Monday 10:00 → Tue, Wed, Thu, Fri, Mon → end of Monday 2026-11-30
    expect(dueAtFor('traffic', sh('2026-11-23T10:00:00')).toISOString()).toBe(iso('2026-12-01T00:00:00'))
    // Friday 23:59 → Mon … Fri → end of Friday 2026-11-27
    expect(dueAtFor('sanitation', sh('2026-11-20T23:59:00')).toISOString()).toBe(iso('2026-11-28T00:00:00'))
    // Saturday → Mon … Fri
    expect(dueAtFor('other', sh('2026-11-21T09:00:00')).toISOString()).toBe(iso('2026-11-28T00:00:00'))
    // Sunday 23:30 Shanghai = Sunday 15:30 UTC: the same
    expect(dueAtFor('parking', new Date('2026-11-22T15:30:00Z')).toISOString()).toBe(iso('2026-11-28T00:00:00'))
    // Sunday 16:30 UTC is Monday 00:30 in Shanghai: Tue … Mon
    expect(dueAtFor('parking', new Date('2026-11-22T16:30:00Z')).toISOString()).toBe(iso('2026-12-01T00:00:00'))
  })

  it('5 working days across 国庆 and its 调休 Saturday', () => {
    // Tue 2026-09-29 → Wed 30, (Oct 1–7 holiday), Thu 8, Fri 9, Sat 10 (worked), Mon 12 → end of Mon 12
    expect(endOfNthWorkingDayAfter(sh('2026-09-29T15:00:00'), 5).toISOString()).toBe(iso('2026-10-13T00:00:00'))
  })

  it('安全隐患: 48 hours, weekends included', () => {
    expect(dueAtFor('safety', sh('2026-11-21T09:15:00')).toISOString()).toBe(iso('2026-11-23T09:15:00'))
  })

  it('overdue from the due instant on, and only while open', () => {
    const due = sh('2026-11-28T00:00:00')
    expect(isOverdue(due, new Date(due.getTime() - 1), true)).toBe(false)
    expect(isOverdue(due, due, true)).toBe(true)
    expect(isOverdue(due, new Date(due.getTime() + 1), false)).toBe(false)
  })

  it('labels the last day (24:00) or the exact time', () => {
    expect(dueLabel(sh('2026-11-28T00:00:00'))).toBe('11月27日 24:00前')
    expect(dueLabel(sh('2026-11-23T09:15:00'))).toBe('11月23日 09:15前')
  })

  it('uses no local-time Date fields (same instants whatever the process zone)', () => {
    // jest cannot switch the zone of a running process; this file is also run with TZ=UTC
    expect(dueAtFor('traffic', sh('2026-11-23T00:10:00')).toISOString()).toBe(iso('2026-12-01T00:00:00'))
    expect(shanghaiDay(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23')
    expect(dueLabel(sh('2026-11-28T00:00:00'))).toBe('11月27日 24:00前')
  })
})

describe('stats', () => {
  it('median of odd and even lists; null when empty', () => {
    expect(median([])).toBeNull()
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('counts statuses and categories, overdue, medians and satisfaction', () => {
    const t0 = sh('2026-11-02T09:00:00')
    const h = (n: number) => new Date(t0.getTime() + n * 3_600_000)
    const base = { createdAt: t0, dueAt: h(48), firstResponseAt: null, resolvedAt: null, rating: null }
    const s = computeStats(
      [
        { ...base, category: 'safety', status: 'submitted' },
        { ...base, category: 'safety', status: 'accepted', firstResponseAt: h(2) },
        { ...base, category: 'traffic', status: 'resolved', firstResponseAt: h(4), resolvedAt: h(30) },
        { ...base, category: 'traffic', status: 'closed', firstResponseAt: h(6), resolvedAt: h(50), rating: 5 },
        { ...base, category: 'access', status: 'closed', firstResponseAt: h(1), resolvedAt: h(10), rating: 2 },
        { ...base, category: 'other', status: 'notResponsible', firstResponseAt: h(3), resolvedAt: h(3) },
      ],
      ['c-a'],
      h(49),
    )
    expect(s.total).toBe(6)
    expect(s.byStatus).toMatchObject({ submitted: 1, accepted: 1, resolved: 1, closed: 2, notResponsible: 1, duplicate: 0, inProgress: 0 })
    expect(s.byCategory).toMatchObject({ safety: 2, traffic: 2, access: 1, other: 1, policy: 0 })
    expect(s.overdue).toBe(2)
    expect(s.medianFirstResponseHours).toBe(3)
    expect(s.medianResolutionHours).toBe(30)
    expect(s.satisfaction).toEqual({ count: 2, average: 3.5, satisfiedShare: 0.5 })
  })
})
