import { render, screen } from '@testing-library/react'
import type { MyVerificationView } from '@domain/entities/identity'
import { AppError } from '@domain/errors'
import { call } from '@/api'
import RiderVerifyPage from '../verify/index'

jest.mock('@/api', () => ({ call: jest.fn() }))
const callMock = call as unknown as jest.Mock

const pending: MyVerificationView = {
  status: 'pending',
  realName: '张建国',
  platform: '美团',
  riderRole: '外卖',
  station: '文晖站',
  platformRiderId: null,
  communityId: 'c-xhp',
  communityName: '新和平社区',
  phoneMasked: '138****0001',
  hasBadgePhoto: true,
  // 21:57 in Hangzhou, 13:57 UTC: a page reading the ISO string shows the UTC time, 8 hours early
  submittedAt: '2026-12-03T13:57:00.000Z',
  reviewedAt: null,
  rejectReason: null,
  canApply: false,
  uploadDir: 'badges/rDemoZhang01',
}

describe('实名认证 page', () => {
  it('says when the application was sent in Beijing time', async () => {
    callMock.mockImplementation(async (fn: string, action: string) => {
      if (fn === 'identity' && action === 'myStatus') return pending
      throw new AppError('NETWORK')
    })
    render(<RiderVerifyPage />)
    expect(await screen.findByText(/已于 12月3日 21:57 提交/)).toBeTruthy()
    expect(screen.queryByText(/13:57/)).toBeNull()
  })
})
