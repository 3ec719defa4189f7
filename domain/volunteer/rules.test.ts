import fc from 'fast-check'
import {
  admit,
  attendance,
  awardFor,
  cancellationKind,
  defaultDeadlines,
  firstInLine,
  overlaps,
  parseCheckinScan,
  placesLeft,
  promotable,
  release,
  rosterCsv,
  scheduleProblem,
  signupClosedReason,
  type Counters,
} from './rules'
import { csvCell } from '../csv'
import { dayKey as shanghaiDate, formatWithWeekday as formatShanghai } from '../time'

const at = (s: string) => new Date(s)
const H = 3_600_000

describe('the hours rule', () => {
  const act = { startAt: at('2026-10-10T09:00:00+08:00'), endAt: at('2026-10-10T11:00:00+08:00') } // 2 hours

  it('counts the checked-in time inside the activity when it is at least 60%', () => {
    expect(attendance(act, at('2026-10-10T09:00:00+08:00'), at('2026-10-10T11:00:00+08:00'))).toEqual({ attendedMinutes: 120, counted: true, serviceMinutes: 120, hours: 2 })
    // exactly 60% counts
    expect(attendance(act, at('2026-10-10T09:48:00+08:00'), at('2026-10-10T11:00:00+08:00'))).toMatchObject({ attendedMinutes: 72, counted: true, hours: 1.2 })
    // one minute less does not
    expect(attendance(act, at('2026-10-10T09:49:00+08:00'), at('2026-10-10T11:00:00+08:00'))).toEqual({ attendedMinutes: 71, counted: false, serviceMinutes: 0, hours: 0 })
  })

  it('adds nothing for arriving early or leaving late', () => {
    expect(attendance(act, at('2026-10-10T08:30:00+08:00'), at('2026-10-10T12:30:00+08:00'))).toMatchObject({ attendedMinutes: 120, hours: 2 })
  })

  it('never counts a check-out before the start or a negative span', () => {
    expect(attendance(act, at('2026-10-10T08:30:00+08:00'), at('2026-10-10T08:50:00+08:00'))).toMatchObject({ attendedMinutes: 0, counted: false })
    expect(attendance(act, at('2026-10-10T10:00:00+08:00'), at('2026-10-10T09:30:00+08:00'))).toMatchObject({ attendedMinutes: 0, counted: false })
  })

  it('never credits more than the activity lasts, and credits only counted attendance (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3 * 60, max: 5 * 60 }), fc.integer({ min: 0, max: 8 * 60 }), (inOffset, stay) => {
        const checkIn = new Date(act.startAt.getTime() + inOffset * 60_000)
        const checkOut = new Date(checkIn.getTime() + stay * 60_000)
        const r = attendance(act, checkIn, checkOut)
        expect(r.attendedMinutes).toBeLessThanOrEqual(120)
        expect(r.attendedMinutes).toBeLessThanOrEqual(stay)
        expect(r.counted).toBe(r.attendedMinutes >= 72)
        expect(r.serviceMinutes).toBe(r.counted ? r.attendedMinutes : 0)
      }),
    )
  })

  it('awards per hour (at least 1 when counted), courses once, nothing when not counted', () => {
    expect(awardFor('patrol', 0)).toBeNull()
    expect(awardFor('patrol', 72)).toEqual({ reason: 'volunteerHours', units: 1 })
    expect(awardFor('elderly', 150)).toEqual({ reason: 'volunteerHours', units: 3 })
    expect(awardFor('patrol', 40)).toEqual({ reason: 'volunteerHours', units: 1 })
    expect(awardFor('course', 200)).toEqual({ reason: 'course', units: 1 })
  })
})

describe('deadlines in Asia/Shanghai', () => {
  it('defaults: sign-up closes 1 hour before; cancellation at 18:00 Shanghai the day before', () => {
    // 08:00 Shanghai on the 10th is 00:00 UTC: the "day before" is the 9th in Shanghai, not in UTC
    const start = at('2026-10-10T08:00:00+08:00')
    const d = defaultDeadlines(start)
    expect(d.signupDeadline.toISOString()).toBe('2026-10-09T23:00:00.000Z')
    expect(d.cancelDeadline.toISOString()).toBe(at('2026-10-09T18:00:00+08:00').toISOString())
    // just after midnight Shanghai (the previous evening in UTC)
    const early = defaultDeadlines(at('2026-10-10T00:30:00+08:00'))
    expect(early.cancelDeadline.toISOString()).toBe(at('2026-10-09T18:00:00+08:00').toISOString())
  })

  it('formats and groups by the Shanghai calendar day', () => {
    expect(shanghaiDate(at('2026-10-09T16:30:00Z'))).toBe('2026-10-10')
    expect(shanghaiDate(at('2026-10-09T15:59:00Z'))).toBe('2026-10-09')
    expect(formatShanghai(at('2026-10-09T16:30:00Z'))).toBe('10月10日 周六 00:30')
  })

  it('closes sign-up after the deadline, at the start, and for cancelled activities', () => {
    const a = { status: 'open', startAt: at('2026-10-10T09:00:00+08:00'), signupDeadline: at('2026-10-10T08:00:00+08:00') }
    expect(signupClosedReason(a, at('2026-10-10T07:59:59+08:00'))).toBeNull()
    expect(signupClosedReason(a, at('2026-10-10T08:00:00+08:00'))).toBeNull()
    expect(signupClosedReason(a, at('2026-10-10T08:00:01+08:00'))).toBe('报名已于 10月10日 周六 08:00 截止')
    expect(signupClosedReason(a, at('2026-10-10T09:00:00+08:00'))).toMatch(/已经开始/)
    expect(signupClosedReason({ ...a, status: 'cancelled' }, at('2026-10-01T00:00:00+08:00'))).toBe('活动已取消')
  })

  it('cancellation: on time, late after the deadline, refused once started', () => {
    const a = { startAt: at('2026-10-10T09:00:00+08:00'), cancelDeadline: at('2026-10-09T18:00:00+08:00') }
    expect(cancellationKind(a, at('2026-10-09T18:00:00+08:00'))).toBe('onTime')
    expect(cancellationKind(a, at('2026-10-09T18:00:01+08:00'))).toBe('late')
    expect(cancellationKind(a, at('2026-10-10T09:00:00+08:00'))).toBe('started')
  })

  it('checks the schedule', () => {
    const now = at('2026-10-01T12:00:00+08:00')
    const ok = { startAt: at('2026-10-10T09:00:00+08:00'), endAt: at('2026-10-10T11:00:00+08:00'), signupDeadline: at('2026-10-10T08:00:00+08:00'), cancelDeadline: at('2026-10-09T18:00:00+08:00') }
    expect(scheduleProblem(ok, now)).toBeNull()
    expect(scheduleProblem({ ...ok, endAt: at('2026-10-10T09:10:00+08:00') }, now)?.field).toBe('endAt')
    expect(scheduleProblem({ ...ok, endAt: new Date(ok.startAt.getTime() + 13 * H) }, now)?.field).toBe('endAt')
    expect(scheduleProblem({ ...ok, startAt: at('2026-09-30T09:00:00+08:00'), endAt: at('2026-09-30T10:00:00+08:00') }, now)?.field).toBe('startAt')
    expect(scheduleProblem({ ...ok, signupDeadline: at('2026-10-10T09:30:00+08:00') }, now)?.field).toBe('signupDeadline')
    expect(scheduleProblem({ ...ok, cancelDeadline: at('2026-10-10T10:00:00+08:00') }, now)?.field).toBe('cancelDeadline')
  })
})

describe('overlap', () => {
  const a = { startAt: at('2026-10-10T09:00:00+08:00'), endAt: at('2026-10-10T11:00:00+08:00') }
  it('treats back-to-back activities as not overlapping', () => {
    expect(overlaps(a, { startAt: at('2026-10-10T11:00:00+08:00'), endAt: at('2026-10-10T12:00:00+08:00') })).toBe(false)
    expect(overlaps(a, { startAt: at('2026-10-10T10:59:00+08:00'), endAt: at('2026-10-10T12:00:00+08:00') })).toBe(true)
    expect(overlaps(a, { startAt: at('2026-10-10T08:00:00+08:00'), endAt: at('2026-10-10T13:00:00+08:00') })).toBe(true)
  })
})

describe('places and the waitlist', () => {
  it('admits up to capacity, then waitlists in arrival order', () => {
    let c: Counters = { capacity: 2, seq: 0, signedUp: 0, waitlisted: 0 }
    const out: string[] = []
    for (let i = 0; i < 4; i++) {
      const a = admit(c)
      out.push(`${a.seq}:${a.status}:${a.waitlistPosition}`)
      c = a.next
    }
    expect(out).toEqual(['1:signedUp:null', '2:signedUp:null', '3:waitlisted:1', '4:waitlisted:2'])
    expect(placesLeft(c)).toBe(0)
  })

  it('a cancellation with a waitlist promotes exactly one; a waitlisted cancellation frees nothing', () => {
    const c: Counters = { capacity: 2, seq: 4, signedUp: 2, waitlisted: 2 }
    expect(release(c, 'signedUp', true)).toEqual({ capacity: 2, seq: 4, signedUp: 2, waitlisted: 1 })
    expect(release(c, 'waitlisted', true)).toEqual({ capacity: 2, seq: 4, signedUp: 2, waitlisted: 1 })
    expect(release({ ...c, waitlisted: 0 }, 'signedUp', true)).toEqual({ capacity: 2, seq: 4, signedUp: 1, waitlisted: 0 })
    expect(promotable({ capacity: 5, seq: 9, signedUp: 2, waitlisted: 2 })).toBe(2)
    expect(promotable({ capacity: 5, seq: 9, signedUp: 4, waitlisted: 2 })).toBe(1)
  })

  it('the first in line is the lowest arrival number still waitlisted', () => {
    expect(firstInLine([{ status: 'waitlisted', seq: 7 }, { status: 'cancelled', seq: 3 }, { status: 'waitlisted', seq: 5 }, { status: 'signedUp', seq: 1 }])).toEqual({ status: 'waitlisted', seq: 5 })
    expect(firstInLine([{ status: 'signedUp', seq: 1 }])).toBeNull()
  })

  it('model: any sequence of sign-ups and cancellations keeps the invariants (property)', () => {
    type S = { id: number; seq: number; status: 'signedUp' | 'waitlisted' | 'cancelled' }
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.tuple(fc.boolean(), fc.nat(30)), { maxLength: 80 }), (capacity, ops) => {
        let c: Counters = { capacity, seq: 0, signedUp: 0, waitlisted: 0 }
        const people: S[] = []
        for (const [join, pick] of ops) {
          if (join) {
            const a = admit(c)
            people.push({ id: people.length, seq: a.seq, status: a.status })
            c = a.next
          } else {
            const active = people.filter((p) => p.status !== 'cancelled')
            if (!active.length) continue
            const p = active[pick % active.length]
            const from = p.status as 'signedUp' | 'waitlisted'
            p.status = 'cancelled'
            const before = c
            c = release(c, from, true)
            if (c.signedUp > before.signedUp - (from === 'signedUp' ? 1 : 0)) {
              const first = firstInLine(people)!
              first.status = 'signedUp'
            }
          }
          const signed = people.filter((p) => p.status === 'signedUp')
          const waiting = people.filter((p) => p.status === 'waitlisted')
          expect(c.signedUp).toBe(signed.length)
          expect(c.waitlisted).toBe(waiting.length)
          expect(c.signedUp).toBeLessThanOrEqual(capacity)
          // nobody waits while a place is free, and everyone signed up arrived before everyone waiting... or was promoted in order
          if (waiting.length) expect(c.signedUp).toBe(capacity)
          const maxSigned = Math.max(0, ...signed.map((p) => p.seq))
          const minWaiting = Math.min(Infinity, ...waiting.map((p) => p.seq))
          expect(maxSigned).toBeLessThan(minWaiting)
        }
      }),
    )
  })
})

describe('the check-in code scan and the roster CSV', () => {
  it('reads QR payloads and bare codes, nothing else', () => {
    expect(parseCheckinScan('xgvol1:a123_x:012345')).toEqual({ activityId: 'a123_x', code: '012345' })
    expect(parseCheckinScan(' 654321 ')).toEqual({ activityId: null, code: '654321' })
    expect(parseCheckinScan('xgvol1:a1:12345')).toBeNull()
    expect(parseCheckinScan('https://example.com')).toBeNull()
  })

  it('escapes CSV cells and defuses formulas', () => {
    expect(csvCell('张师傅')).toBe('张师傅')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell(null)).toBe('')
    const csv = rosterCsv([
      { signupId: 's', nickname: '+王姐', status: 'signedUp', seq: 1, signedUpAt: '2026-10-01T01:00:00.000Z', promotedAt: null, lateCancel: false, checkedInAt: null, checkedOutAt: null, hours: 0, counted: false, pointsAwarded: null },
    ])
    expect(csv.startsWith('\uFEFF序号,昵称,状态')).toBe(true)
    expect(csv).toContain("1,'+王姐,已报名,2026-10-01 09:00,")
  })
})
