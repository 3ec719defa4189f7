import { act, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { AppError } from '@domain/errors'
import type { PassView } from '@domain/identity/model'
import { call } from '@/api'
import RiderPassPage from '../pass/index'
import { cachePass, PASS_CACHE_KEY, secondsLeft } from '../pass/logic'

jest.mock('@/api', () => ({ call: jest.fn() }))
const callMock = call as unknown as jest.Mock
const storage = new Map<string, unknown>()
Object.assign(Taro, {
  getStorageSync: jest.fn((k: string) => storage.get(k) ?? ''),
  setStorageSync: jest.fn((k: string, v: unknown) => storage.set(k, v)),
  redirectTo: jest.fn(),
})

const T0 = new Date('2026-11-23T10:00:00+08:00').getTime()
const pass = (n: number, issuedAt: number): PassView => ({
  token: `XG1.rDemoZhang01.0.${(issuedAt + 60_000).toString(36)}.nonce${n}xxxx.${'A'.repeat(43)}`,
  issuedAt: new Date(issuedAt).toISOString(),
  expiresAt: new Date(issuedAt + 60_000).toISOString(),
  refreshAfterMs: 30_000,
  realNameMasked: '*建国',
  platform: '美团',
  riderRole: '外卖',
  communityName: '新和平社区',
})
const flush = () =>
  act(async () => {
    await Promise.resolve()
    await Promise.resolve()
  })
const tick = (ms: number) =>
  act(async () => {
    jest.advanceTimersByTime(ms)
  })
const countdown = () => document.querySelector('.pass-card__countdown')?.textContent

describe('secondsLeft', () => {
  it('counts on the server’s clock, never below 0', () => {
    const c = cachePass(pass(1, T0), T0 + 5_000) // phone clock 5 s ahead
    expect(secondsLeft(c, T0 + 5_000)).toBe(60)
    expect(secondsLeft(c, T0 + 5_000 + 30_500)).toBe(30)
    expect(secondsLeft(c, T0 + 5_000 + 60_000)).toBe(0)
    expect(secondsLeft(null, T0)).toBe(0)
  })
})

describe('小哥码 page', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: T0 })
    callMock.mockReset()
    storage.clear()
  })
  afterEach(() => jest.useRealTimers())

  it('shows the masked name, platform, a QR and a countdown; refreshes every 30 s', async () => {
    callMock.mockImplementation(async () => pass(callMock.mock.calls.length, Date.now()))
    render(<RiderPassPage />)
    await flush()
    expect(callMock).toHaveBeenCalledWith('identity', 'issuePass', {})
    expect(screen.getByText('*建国')).toBeTruthy()
    expect(screen.getByText(/美团 · 外卖/)).toBeTruthy()
    expect(countdown()).toBe('60 秒后失效')
    await tick(10_000)
    expect(countdown()).toBe('50 秒后失效')
    expect(callMock).toHaveBeenCalledTimes(1)
    await tick(20_000)
    await flush()
    expect(callMock).toHaveBeenCalledTimes(2)
    expect(countdown()).toBe('60 秒后失效')
    expect(storage.get(PASS_CACHE_KEY)).toMatchObject({ pass: { token: expect.stringContaining('nonce2') } })
  })

  it('offline: keeps showing the last pass until it expires, then says so', async () => {
    callMock.mockResolvedValueOnce(pass(1, T0)).mockRejectedValue(new AppError('NETWORK'))
    render(<RiderPassPage />)
    await flush()
    await tick(30_000)
    await flush()
    expect(screen.getByText(/离线显示/)).toBeTruthy()
    expect(countdown()).toBe('30 秒后失效')
    await tick(30_000)
    await flush()
    expect(screen.getByText('小哥码已过期')).toBeTruthy()
    expect(screen.getByText(/没有网络/)).toBeTruthy()
  })

  it('after a restart without network, shows the cached pass while it is valid', async () => {
    storage.set(PASS_CACHE_KEY, cachePass(pass(7, T0 - 20_000), T0 - 20_000))
    callMock.mockRejectedValue(new AppError('NETWORK'))
    render(<RiderPassPage />)
    await flush()
    expect(countdown()).toBe('40 秒后失效')
    expect(screen.getByText(/离线显示/)).toBeTruthy()
  })

  it('an unverified rider is sent to 身份认证', async () => {
    callMock.mockRejectedValue(new AppError('FORBIDDEN', '通过身份认证后才能使用小哥码'))
    render(<RiderPassPage />)
    await flush()
    expect(screen.getByText('通过身份认证后才能使用小哥码')).toBeTruthy()
    expect(screen.getByText('去身份认证')).toBeTruthy()
  })
})
