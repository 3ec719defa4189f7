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
    expect(communityTable(f).rows).toEqual([['甲社区', 0, 0, 0, 7, 0, 0, 0]])
  })
})
