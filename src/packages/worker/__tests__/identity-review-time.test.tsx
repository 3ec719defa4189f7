import { render, screen } from '@testing-library/react'
import type { QueueItem } from '@domain/entities/identity'
import { call } from '@/api'
import IdentityReviewPage from '../identity-review/index'

jest.mock('@/api', () => ({ call: jest.fn() }))
const callMock = call as unknown as jest.Mock

const item: QueueItem = {
  riderId: 'rDemoZhang01',
  realNameMasked: '*建国',
  phoneMasked: '138****0001',
  platform: '美团',
  riderRole: '外卖',
  station: '文晖站',
  platformRiderId: null,
  communityId: 'c-xhp',
  communityName: '新和平社区',
  hasBadgePhoto: true,
  // 00:30 on 12月4日 in Hangzhou: read as UTC it would be the day before, 16:30
  submittedAt: '2026-12-03T16:30:00.000Z',
  previouslyRejected: false,
}

describe('骑手认证审核 queue', () => {
  it('shows when each application was sent in Beijing time', async () => {
    callMock.mockResolvedValue([item])
    render(<IdentityReviewPage />)
    expect(await screen.findByText(/提交于 12月4日 00:30/)).toBeTruthy()
    expect(screen.queryByText(/16:30/)).toBeNull()
  })
})
