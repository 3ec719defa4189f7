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
      ledger: [],
      used: [],
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

describe('points, the mall, merchants and satisfaction', () => {
  const at = shanghaiAt('2026-12-01', '12:00')
  const voucher = (itemId: string, lastUnit = false) => ({ itemId, itemTitle: `品 ${itemId}`, communityId: 'c-shop', lastUnit })
  const day = (d: string, used: { at: Date; communityId: string; merchant: string | null }[]) =>
    foldDay(d, {
      verified: [],
      suggestions: [
        { _id: 's1', communityId: 'c-a', category: 'parking', createdAt: at, dueAt: at, acceptedAt: null, firstResponseAt: null, resolvedAt: at, closedAt: shanghaiAt(d, '09:00'), rating: 5 },
        { _id: 's2', communityId: 'c-a', category: 'parking', createdAt: at, dueAt: at, acceptedAt: null, firstResponseAt: null, resolvedAt: at, closedAt: shanghaiAt(d, '10:00'), rating: 2 },
        { _id: 's3', communityId: 'c-a', category: 'parking', createdAt: at, dueAt: at, acceptedAt: null, firstResponseAt: null, resolvedAt: at, closedAt: shanghaiAt(d, '10:00'), rating: null },
      ],
      checkins: [],
      reports: [],
      signups: [],
      ledger: [
        { reason: 'checkIn', delta: 5, at: shanghaiAt(d, '08:00'), riderCommunityId: 'c-a', voucher: null },
        { reason: 'adjustment', delta: -3, at: shanghaiAt(d, '08:00'), riderCommunityId: 'c-a', voucher: null },
        { reason: 'redemption', delta: -30, at: shanghaiAt(d, '08:00'), riderCommunityId: 'c-a', voucher: voucher('i-tea', true) },
        { reason: 'redemption', delta: -20, at: shanghaiAt(d, '08:00'), riderCommunityId: null, voucher: voucher('i-noodle') },
        { reason: 'refund', delta: 30, at: shanghaiAt(d, '08:00'), riderCommunityId: 'c-a', voucher: null },
        { reason: 'expiry', delta: -7, at: shanghaiAt(d, '08:00'), riderCommunityId: 'c-a', voucher: null },
        { reason: 'checkIn', delta: 5, at: shanghaiAt('2026-11-01', '08:00'), riderCommunityId: 'c-a', voucher: null },
      ],
      used,
    })

  it('counts points by the rider’s community and redemptions by the item’s; ratings of reports confirmed that day', () => {
    const m = day('2026-12-01', [{ at: shanghaiAt('2026-12-01', '13:00'), communityId: 'c-shop', merchant: 'uM1' }, { at: shanghaiAt('2026-12-01', '13:00'), communityId: 'c-shop', merchant: null }])
    expect(m.get('c-a')).toMatchObject({ pointsIssued: 5, pointsRedeemed: 30, pointsRefunded: 30, pointsExpired: 7, sugRated: 2, sugRatingSum: 7, sugSatisfied: 1 })
    expect(m.get('c-shop')).toMatchObject({ vouchersVerified: 2, merchantVerifications: { uM1: 1 }, itemRedemptions: { 'i-tea': { title: '品 i-tea', n: 1, soldOut: 1 }, 'i-noodle': { title: '品 i-noodle', n: 1, soldOut: 0 } } })
  })

  it('figures: merchants active are distinct over the period, top items by redemptions, satisfaction from the ratings', () => {
    const d1 = day('2026-12-01', [{ at: shanghaiAt('2026-12-01', '13:00'), communityId: 'c-shop', merchant: 'uM1' }])
    const d2 = day('2026-12-02', [{ at: shanghaiAt('2026-12-02', '13:00'), communityId: 'c-shop', merchant: 'uM1' }, { at: shanghaiAt('2026-12-02', '14:00'), communityId: 'c-shop', merchant: 'uM2' }])
    const docs = [
      { communityId: 'c-a', day: '2026-12-01', ...d1.get('c-a')! },
      { communityId: 'c-shop', day: '2026-12-01', ...d1.get('c-shop')! },
      { communityId: 'c-a', day: '2026-12-02', ...d2.get('c-a')! },
      { communityId: 'c-shop', day: '2026-12-02', ...d2.get('c-shop')! },
      // a roll-up written before these counters existed
      { communityId: 'c-a', day: '2026-12-03', ...emptyCounters(), itemRedemptions: undefined, pointsIssued: undefined } as never,
    ]
    const f = figuresOf(docs, { from: '2026-12-01', to: '2026-12-03', communityId: null }, [{ id: 'c-shop', name: '商圈社区' }])
    expect(f.totals).toMatchObject({ pointsIssued: 10, pointsRedeemed: 60, pointsRefunded: 60, pointsExpired: 14, vouchersVerified: 3, merchantsActive: 2, stockOuts: 2, ratings: 4, avgRating: 3.5, satisfiedShare: 0.5 })
    expect(f.topItems).toEqual([
      { itemId: 'i-noodle', title: '品 i-noodle', redeemed: 2, soldOut: 0 },
      { itemId: 'i-tea', title: '品 i-tea', redeemed: 2, soldOut: 2 },
    ])
    expect(f.series.map((x) => x.pointsRedeemed)).toEqual([30, 30, 0])
    expect(f.communities[0]).toMatchObject({ vouchersVerified: 3, merchantsActive: 2 })
  })
})
