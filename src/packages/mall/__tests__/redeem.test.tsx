import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { AppError } from '@domain/errors'
import type { MallItemView, RedeemResult } from '@domain/mall/model'
import { call } from '@/api'
import { refreshSettings, resetSettingsForTests } from '@/hooks/useSettings'
import RedeemPanel from '../RedeemPanel'

jest.mock('@/api', () => ({ call: jest.fn() }))
const callMock = call as unknown as jest.Mock
const taro = Taro as unknown as Record<string, jest.Mock>

const item = (over: Partial<MallItemView> = {}): MallItemView => ({
  id: 'i-demo-charge',
  title: '电动车免费充电 2 小时',
  description: '在充电区使用。',
  coverUrl: null,
  price: 20,
  stock: 5,
  limit: { period: 'day', count: 1 },
  limitLabel: '每人每天 1 次',
  validDays: 7,
  merchantId: null,
  communityId: 'c-xinheping',
  placeId: 'p-wl-003',
  placeName: '新和平社区骑士加油站',
  location: [120.17, 30.29],
  status: 'on',
  ...over,
})

const result = (code = '12345678'): RedeemResult => ({
  voucher: { code, itemId: 'i-demo-charge', itemTitle: '电动车免费充电 2 小时', price: 20, placeId: 'p-wl-003', placeName: 'x', status: 'active', redeemedAt: '2026-09-03T02:00:00.000Z', validUntil: '2026-09-10T02:00:00.000Z', closedAt: null, shopSuspendedReason: null },
  balance: 140,
  replay: false,
})

const keysSent = () => callMock.mock.calls.filter((c) => c[1] === 'redeem').map((c) => (c[2] as { key: string }).key)
const btn = () => document.querySelector('.mall-btn') as HTMLElement
const tapRedeem = async () => {
  await act(async () => {
    fireEvent.click(btn())
  })
}

beforeEach(() => {
  callMock.mockReset()
  taro.showModal = jest.fn(async () => ({ confirm: true, cancel: false }))
})

describe('RedeemPanel', () => {
  it('on WeChat the tap first asks for the points-expiry reminder, then confirms and redeems', async () => {
    const platform = process.env.TARO_ENV
    process.env.TARO_ENV = 'weapp'
    try {
      resetSettingsForTests()
      callMock.mockImplementation(async (fn: string) => (fn === 'user' ? { communities: [], map: { centre: null, presets: [] }, subscriptions: { pointsExpiry: 't-expiry' } } : result()))
      await refreshSettings()
      taro.requestSubscribeMessage.mockClear().mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 't-expiry': 'reject' })
      const onRedeemed = jest.fn()
      render(<RedeemPanel item={item()} onRedeemed={onRedeemed} />)
      await tapRedeem()
      await waitFor(() => expect(onRedeemed).toHaveBeenCalled())
      expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['t-expiry'] })
      expect(taro.requestSubscribeMessage.mock.invocationCallOrder[0]).toBeLessThan(taro.showModal.mock.invocationCallOrder[0])
    } finally {
      process.env.TARO_ENV = platform
    }
  })

  it('asks before redeeming; cancelling the dialog sends nothing', async () => {
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    const onRedeemed = jest.fn()
    render(<RedeemPanel item={item()} onRedeemed={onRedeemed} />)
    await tapRedeem()
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('20 积分') }))
    expect(callMock).not.toHaveBeenCalled()
    expect(onRedeemed).not.toHaveBeenCalled()
  })

  it('a retry after a network error reuses the idempotency key, without asking again', async () => {
    callMock.mockRejectedValueOnce(new AppError('NETWORK')).mockRejectedValueOnce(new AppError('TIMEOUT')).mockResolvedValueOnce({ ...result(), replay: true })
    const onRedeemed = jest.fn()
    render(<RedeemPanel item={item()} onRedeemed={onRedeemed} />)
    await tapRedeem()
    await screen.findByText(/不会重复扣积分/)
    expect(btn().textContent).toContain('重试兑换')
    await tapRedeem()
    await screen.findByText(/不会重复扣积分/)
    await tapRedeem()
    await waitFor(() => expect(onRedeemed).toHaveBeenCalledWith(expect.objectContaining({ replay: true })))
    const keys = keysSent()
    expect(keys).toHaveLength(3)
    expect(new Set(keys).size).toBe(1)
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(taro.showModal).toHaveBeenCalledTimes(1)
    expect(callMock).toHaveBeenCalledWith('mall', 'redeem', { itemId: 'i-demo-charge', key: keys[0] })
  })

  it('a new confirmation after a success uses a new key', async () => {
    callMock.mockResolvedValueOnce(result('11111111')).mockResolvedValueOnce(result('22222222'))
    const onRedeemed = jest.fn()
    render(<RedeemPanel item={item()} onRedeemed={onRedeemed} />)
    await tapRedeem()
    await waitFor(() => expect(onRedeemed).toHaveBeenCalledTimes(1))
    await tapRedeem()
    await waitFor(() => expect(onRedeemed).toHaveBeenCalledTimes(2))
    const keys = keysSent()
    expect(keys).toHaveLength(2)
    expect(keys[0]).not.toBe(keys[1])
    expect(taro.showModal).toHaveBeenCalledTimes(2)
  })

  it.each([
    ['SOLD_OUT', '已兑完，下次早点来', /可以看看其他兑换品/],
    ['INSUFFICIENT_POINTS', '积分不足：需要 10000 积分，你有 160 积分', /都能攒积分/],
    ['LIMIT_REACHED', '已达到兑换上限：每人每天 1 次', /每人兑换次数的限制/],
  ])('%s: shows the server message and a hint; the next try is a new confirmation with a new key', async (code, message, hint) => {
    callMock.mockRejectedValueOnce(new AppError(code as 'SOLD_OUT', message)).mockRejectedValueOnce(new AppError(code as 'SOLD_OUT', message))
    render(<RedeemPanel item={item()} onRedeemed={jest.fn()} />)
    await tapRedeem()
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(message)
    expect(alert.textContent).toMatch(hint)
    expect(btn().textContent).toContain('20 积分兑换')
    await tapRedeem()
    await waitFor(() => expect(keysSent()).toHaveLength(2))
    expect(new Set(keysSent()).size).toBe(2)
    expect(taro.showModal).toHaveBeenCalledTimes(2)
  })

  it('a network error followed by a definite refusal drops the key', async () => {
    callMock.mockRejectedValueOnce(new AppError('NETWORK')).mockRejectedValueOnce(new AppError('SOLD_OUT', '已兑完，下次早点来')).mockResolvedValueOnce(result())
    render(<RedeemPanel item={item()} onRedeemed={jest.fn()} />)
    await tapRedeem()
    await screen.findByText(/不会重复扣积分/)
    await tapRedeem()
    await screen.findByText(/已兑完/)
    await tapRedeem()
    await waitFor(() => expect(keysSent()).toHaveLength(3))
    const [a, b, c] = keysSent()
    expect(a).toBe(b)
    expect(c).not.toBe(a)
  })

  it('sold out or withdrawn items cannot be redeemed', () => {
    const { rerender } = render(<RedeemPanel item={item({ stock: 0 })} onRedeemed={jest.fn()} />)
    expect(btn().textContent).toContain('已兑完')
    rerender(<RedeemPanel item={item({ status: 'off' })} onRedeemed={jest.fn()} />)
    expect(btn().textContent).toContain('已下架')
  })
})
