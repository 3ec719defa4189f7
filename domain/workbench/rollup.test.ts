import { emptyCounters, figuresOf, foldDay } from './rollup'
import { isFlagged, matchesSuggestionFilter } from './queues'
import { toCsv } from '../csv'
import { shanghaiAt } from '../time'

const doc = (communityId: string, day: string, patch: Partial<ReturnType<typeof emptyCounters>>) => ({ communityId, day, ...emptyCounters(), ...patch })

describe('figuresOf', () => {
  it('sums roll-ups by day, week, hour and community; missing days are zeros; other days are left out', () => {
    const hours = emptyCounters().checkinsByHour.map((_, h) => (h === 12 ? 3 : 0))
    const f = figuresOf(
      [
        doc('c-a', '2026-11-30', { checkins: 3, checkinsByHour: hours, sugReceived: 2, sugByCategory: { safety: 2 }, sugResolved: 1, sugResolvedOnTime: 1, sugResolveMinutes: 600, sugFirstResponses: 2, sugFirstResponseMinutes: 90 }),
        doc('c-b', '2026-12-02', { checkins: 5, checkinsByHour: hours.map((x) => x * 2), checkouts: 4, attended: 3, serviceMinutes: 270 }),
        doc('c-a', '2026-11-20', { checkins: 100 }),
      ],
      { from: '2026-11-30', to: '2026-12-02', communityId: null },
      [
        { id: 'c-a', name: '甲社区' },
        { id: 'c-b', name: '乙社区' },
      ],
    )
    expect(f.series.map((d) => [d.day, d.checkins])).toEqual([
      ['2026-11-30', 3],
      ['2026-12-01', 0],
      ['2026-12-02', 5],
    ])
    // 2026-11-30 is a Monday: the three days are one ISO week
    expect(f.weeks).toEqual([{ week: '2026-W49', received: 2, accepted: 0, resolved: 1, byCategory: { safety: 2 } }])
    expect(f.checkinsByHour[12]).toBe(9)
    expect(f.totals).toMatchObject({ checkins: 8, avgFirstResponseMinutes: 45, avgResolveMinutes: 600, onTimeRate: 1, attendanceRate: 0.75, serviceHours: 4.5 })
    expect(f.communities.map((c) => [c.name, c.checkins])).toEqual([
      ['甲社区', 3],
      ['乙社区', 5],
    ])
  })

  it('gives no rates without a denominator', () => {
    const f = figuresOf([], { from: '2026-12-01', to: '2026-12-07', communityId: 'c-a' }, [])
    expect(f.totals).toMatchObject({ avgFirstResponseMinutes: null, avgResolveMinutes: null, onTimeRate: null, attendanceRate: null })
    expect(f.series).toHaveLength(7)
  })
})

describe('foldDay', () => {
  it('counts each event on its own Beijing day, at its Beijing hour', () => {
    const created = shanghaiAt('2026-12-01', '23:30')
    const m = foldDay('2026-12-01', {
      verified: [{ communityId: 'c-a' }, { communityId: null }],
      suggestions: [{ _id: 's', communityId: 'c-a', category: 'parking', createdAt: created, dueAt: shanghaiAt('2026-12-04', '00:00'), acceptedAt: shanghaiAt('2026-12-02', '00:10'), firstResponseAt: shanghaiAt('2026-12-02', '00:10'), resolvedAt: null }],
      checkins: [{ communityId: 'c-a', at: shanghaiAt('2026-12-01', '00:05') }, { communityId: 'c-a', at: shanghaiAt('2026-12-02', '00:05') }],
      reports: [{ communityId: 'c-b', kind: 'other', at: created }, { communityId: 'c-b', kind: 'full', at: created }],
      signups: [],
    })
    expect(m.get('c-a')).toMatchObject({ verified: 1, sugReceived: 1, sugAccepted: 0, sugByCategory: { parking: 1 }, checkins: 1 })
    expect(m.get('c-a')!.checkinsByHour[0]).toBe(1)
    expect(m.get('c-b')).toMatchObject({ flags: 1 })
  })
})

describe('queue filters', () => {
  const now = shanghaiAt('2026-12-03', '10:00')
  it('match the to-do’s counts', () => {
    expect(matchesSuggestionFilter({ status: 'accepted', dueAt: shanghaiAt('2026-12-03', '09:00').toISOString() }, 'overdue', now)).toBe(true)
    expect(matchesSuggestionFilter({ status: 'resolved', dueAt: shanghaiAt('2026-12-03', '09:00').toISOString() }, 'overdue', now)).toBe(false)
    expect(matchesSuggestionFilter({ status: 'inProgress', dueAt: shanghaiAt('2026-12-03', '23:00').toISOString() }, 'dueToday', now)).toBe(true)
    expect(matchesSuggestionFilter({ status: 'inProgress', dueAt: shanghaiAt('2026-12-04', '00:00').toISOString() }, 'dueToday', now)).toBe(false)
    expect(matchesSuggestionFilter({ status: 'submitted', dueAt: shanghaiAt('2026-12-09', '00:00').toISOString() }, 'submitted', now)).toBe(true)
    expect(isFlagged([{ kind: 'closed', at: shanghaiAt('2026-12-03', '08:00').toISOString() }], now)).toBe(true)
    expect(isFlagged([{ kind: 'closed', at: shanghaiAt('2026-12-03', '06:00').toISOString() }], now)).toBe(false)
    expect(isFlagged([{ kind: 'other', at: shanghaiAt('2026-12-03', '09:00').toISOString() }], now)).toBe(false)
  })
})

describe('toCsv', () => {
  it('writes UTF-8 with a BOM, CRLF, quoted and defused cells', () => {
    expect(toCsv(['社区', '签到'], [['新和平社区', 3], ['=1+1', null], ['a,"b"', true]])).toBe('\uFEFF社区,签到\r\n新和平社区,3\r\n\'=1+1,\r\n"a,""b""",true\r\n')
  })
})
