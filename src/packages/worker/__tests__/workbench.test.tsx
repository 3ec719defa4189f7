import { render, screen } from '@testing-library/react'
import type { FiguresView, TodoView } from '@domain/workbench/model'
import { figuresOf, emptyCounters } from '@domain/workbench/rollup'
import { addDays } from '@domain/time'
import Todo, { todoLines } from '../index/Todo'
import { bucketed, chartsOf, communityTable } from '../index/tables'

const todo: TodoView = {
  at: '2026-12-03T02:00:00.000Z',
  communityIds: ['c-a'],
  verifications: { count: 2, oldest: [{ riderId: 'r1', submittedAt: '2026-12-01T02:00:00.000Z', ageHours: 48 }] },
  suggestions: { overdue: 1, dueToday: 0, unaccepted: 3 },
  merchants: { applications: 0, heldItems: 1 },
  activities: { count: 1, items: [{ id: 'a1', title: '平安骑士路口值守', communityId: 'c-a', startAt: '2026-12-05T10:00:00.000Z', capacity: 10, signedUp: 4 }] },
  places: { flagged: 0 },
  compounds: { flagged: 0 },
}

describe('the to-do', () => {
  it('opens each queue filtered to what it counted, compound flags included', () => {
    const lines = todoLines(todo)
    expect(lines.find((l) => l.key === 'overdue')?.url).toBe('/packages/worker/suggestions/index?filter=overdue')
    expect(lines.find((l) => l.key === 'heldItems')?.url).toBe('/packages/worker/mall-items/index?filter=held')
    expect(lines.find((l) => l.key === 'activities')?.url).toBe('/packages/worker/activity/index?id=a1')
    expect(todoLines({ ...todo, compounds: { flagged: 2 } }).find((l) => l.key === 'compounds')).toMatchObject({ count: 2, url: '/packages/worker/compound-flags/index' })
  })

  it('shows the total and the age of the oldest verification', () => {
    render(<Todo todo={todo} />)
    expect(screen.getByText('待办（8）')).toBeTruthy()
    expect(screen.getByText('最早的已等 48 小时')).toBeTruthy()
  })
})

describe('the charts', () => {
  const days = Array.from({ length: 90 }, (_, i) => addDays('2026-09-05', i))
  it('draw a month a bar a day and 90 days a bar a week, sums kept', () => {
    expect(bucketed(days.slice(0, 30), days.slice(0, 30).map(() => 1)).values).toHaveLength(30)
    const b = bucketed(days, days.map(() => 2))
    expect(b.values).toHaveLength(13)
    expect(b.values.reduce((a, x) => a + x, 0)).toBe(180)
  })

  it('give every chart a table whose numbers are the chart’s', () => {
    const f: FiguresView = {
      ...figuresOf([{ communityId: 'c-a', day: days[89], ...emptyCounters(), checkins: 7 }], { from: days[0], to: days[89], communityId: null }, [{ id: 'c-a', name: '甲社区' }]),
      docsRead: 1,
    }
    const charts = chartsOf(f)
    const checkins = charts.find((c) => c.key === 'checkins')!
    expect(checkins.table.rows).toHaveLength(90)
    expect(checkins.table.rows[89]).toEqual([days[89], 7])
    expect(checkins.series[0].values.reduce((a, x) => a + x, 0)).toBe(7)
    expect(communityTable(f).rows).toEqual([['甲社区', 0, 0, 0, 7, 0, 0, 0, 0, 0, 0]])
  })

  it('draw points, the mall’s top items, vouchers and satisfaction with tables that add up', () => {
    const c = { ...emptyCounters(), pointsIssued: 50, pointsRedeemed: 30, pointsExpired: 4, vouchersVerified: 2, merchantVerifications: { uA: 2 }, sugRated: 2, sugRatingSum: 9, sugSatisfied: 2 }
    const day = (d: string, items: Record<string, { title: string; n: number; soldOut: number }>) => ({ communityId: 'c-a', day: d, ...c, itemRedemptions: items })
    const f: FiguresView = {
      ...figuresOf(
        [day(days[88], { i1: { title: '姜茶一杯', n: 3, soldOut: 1 }, i2: { title: '牛肉面一碗', n: 1, soldOut: 0 } }), day(days[89], { i2: { title: '牛肉面一碗', n: 4, soldOut: 1 } })],
        { from: days[60], to: days[89], communityId: null },
        [{ id: 'c-a', name: '甲社区' }],
      ),
      docsRead: 2,
    }
    const charts = chartsOf(f)
    const points = charts.find((x) => x.key === 'points')!
    expect(points.series.map((s) => [s.name, s.values.reduce((a, x) => a + x, 0)])).toEqual([
      ['发放', 100],
      ['兑换', 60],
      ['过期', 8],
    ])
    expect(points.table.rows.find((r) => r[0] === days[89])).toEqual([days[89], 50, 30, 4])
    const top = charts.find((x) => x.key === 'topItems')!
    expect(top.table.rows).toEqual([
      ['牛肉面一碗', 5, 1],
      ['姜茶一杯', 3, 1],
    ])
    expect(top.note).toContain('2 次')
    expect(charts.find((x) => x.key === 'vouchersVerified')!.note).toContain('活跃爱心商家 1 家')
    expect(charts.find((x) => x.key === 'satisfaction')!.note).toBe('平均 4.5 星 · 满意 100%')
    expect(communityTable(f).rows[0].slice(-3)).toEqual([100, 4, 1])
  })
})
