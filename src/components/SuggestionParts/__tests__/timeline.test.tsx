import { render, screen } from '@testing-library/react'
import type { SuggestionView, TimelineView } from '@domain/entities/suggestion'
import { ReportRow, ReportSummary, ReportsMap, Timeline } from '..'
import { formatDateTime as when } from '@domain/time'

const ev = (over: Partial<TimelineView> & Pick<TimelineView, 'id' | 'type' | 'at'>): TimelineView => ({
  by: 'staff',
  actorName: null,
  note: null,
  held: false,
  photoUrls: [],
  from: null,
  to: null,
  ...over,
})

const view = (over: Partial<SuggestionView> = {}): SuggestionView => ({
  id: 's1',
  category: 'safety',
  categoryLabel: '安全隐患',
  text: '文晖路 150 号门口电缆井盖缺了一块',
  textHeld: false,
  photoUrls: [],
  location: [120.1752, 30.29215],
  address: '文晖路 150 号门口',
  communityId: 'c-xinheping',
  communityName: '新和平社区',
  status: 'closed',
  statusLabel: '已评价',
  joinCount: 0,
  createdAt: '2026-11-23T02:00:00.000Z',
  dueAt: '2026-11-25T02:00:00.000Z',
  overdue: false,
  resolvedAt: '2026-11-23T06:00:00.000Z',
  duplicateOf: null,
  rating: 4,
  timeline: [
    ev({ id: 'e0', type: 'submitted', at: '2026-11-23T02:00:00.000Z', by: 'reporter', to: 'submitted' }),
    ev({ id: 'e1', type: 'accepted', at: '2026-11-23T03:05:00.000Z', actorName: '陈主任', from: 'submitted', to: 'accepted' }),
    ev({ id: 'e2', type: 'transferred', at: '2026-11-23T03:30:00.000Z', actorName: '陈主任', note: '属于金祝社区', toCommunityName: '金祝社区' }),
    ev({ id: 'e3', type: 'replied', at: '2026-11-23T04:00:00.000Z', actorName: '陈主任', note: '已联系施工方', held: true }),
    ev({ id: 'e4', type: 'resolved', at: '2026-11-23T06:00:00.000Z', actorName: '陈主任', note: '已更换井盖', photoUrls: ['http://127.0.0.1/fix.jpg'], from: 'accepted', to: 'resolved' }),
    ev({ id: 'e5', type: 'confirmed', at: '2026-11-23T08:00:00.000Z', by: 'reporter', rating: 4, note: '修得很快', from: 'resolved', to: 'closed' }),
  ],
  viewer: 'reporter',
  canConfirm: false,
  canReopen: false,
  reopenUntil: null,
  canMeToo: false,
  ...over,
})

describe('when', () => {
  it('shows Asia/Shanghai wall time whatever the machine’s zone', () => {
    expect(when('2026-11-23T16:30:00.000Z')).toBe('11月24日 00:30')
  })
})

describe('Timeline', () => {
  it('lists every step in order with its label, time, staff name, note, photos and rating', () => {
    const { container } = render(<Timeline view={view()} />)
    const items = Array.from(container.querySelectorAll('.sg-timeline__item'))
    expect(items.map((i) => i.querySelector('.sg-timeline__title')!.textContent)).toEqual([
      '提交反映',
      '社区受理',
      '转办 → 金祝社区',
      '社区回复待人工复核',
      '办结',
      '确认并评价★★★★★',
    ])
    expect(items[0].textContent).toContain('11月23日 10:00')
    expect(items[0].textContent).not.toContain('·') // riders are never named
    expect(items[1].textContent).toContain('11月23日 11:05 · 陈主任')
    expect(items[4].textContent).toContain('已更换井盖')
    expect(items[4].querySelectorAll('img')).toHaveLength(1)
    expect(screen.getByLabelText('4 星').textContent).toBe('★★★★★')
    expect(items[5].className).toContain('sg-timeline__item--confirmed')
  })
})

describe('ReportSummary', () => {
  it('shows the deadline only while the report is open, in red when overdue', () => {
    const { container, rerender } = render(<ReportSummary view={view()} />)
    expect(container.querySelector('.sg-due')).toBeNull()
    rerender(<ReportSummary view={view({ status: 'accepted', statusLabel: '已受理', overdue: true })} />)
    expect(container.querySelector('.sg-due--over')!.textContent).toBe('办理时限：11月25日 10:00前')
    expect(screen.getByText('已超期')).toBeTruthy()
  })

  it('hides a held text from others and names the reporter only for staff', () => {
    const { container, rerender } = render(<ReportSummary view={view({ text: null, textHeld: true, viewer: 'public' })} />)
    expect(container.textContent).toContain('内容审核中')
    expect(container.textContent).not.toContain('反映人')
    rerender(<ReportSummary view={view({ viewer: 'staff', reporterName: '张师傅', anonymous: true })} />)
    expect(container.textContent).toContain('反映人：张师傅（对外匿名）')
  })
})

describe('ReportRow and ReportsMap', () => {
  const item = {
    id: 's1',
    category: 'safety' as const,
    categoryLabel: '安全隐患',
    excerpt: '井盖缺了一块',
    status: 'inProgress' as const,
    statusLabel: '办理中',
    location: [120.1752, 30.29215] as [number, number],
    communityId: 'c-xinheping',
    communityName: '新和平社区',
    joinCount: 2,
    createdAt: '2026-11-23T02:00:00.000Z',
    dueAt: '2026-11-25T02:00:00.000Z',
    overdue: false,
  }

  it('a row shows community, time, me-too count and the deadline of an open report', () => {
    const { container } = render(<ReportRow item={item} onClick={() => {}} />)
    expect(container.querySelector('.sg-row__meta')!.textContent).toBe('新和平社区 · 11月23日 10:00 · 2 人也遇到 · 办理时限 11月25日 10:00前')
  })

  it('the map places one pin per report, inside the box, north up', () => {
    const north = { ...item, id: 's2', location: [120.1752, 30.3] as [number, number], status: 'resolved' as const, statusLabel: '已办结' }
    const { container } = render(<ReportsMap items={[item, north]} onPick={() => {}} />)
    const pins = Array.from(container.querySelectorAll<HTMLElement>('.sg-map__pin'))
    expect(pins).toHaveLength(2)
    for (const p of pins) {
      for (const v of [p.style.left, p.style.top].map(parseFloat)) expect(v >= 10 && v <= 90).toBe(true)
    }
    expect(parseFloat(pins[1].style.top)).toBeLessThan(parseFloat(pins[0].style.top))
    expect(pins[1].className).toContain('sg-map__pin--resolved')
  })
})
