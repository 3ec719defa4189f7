import { act, render, screen } from '@testing-library/react'
import { AppError } from '@domain/errors'
import type { VoucherTokenView } from '@domain/mall/model'
import { VOUCHER_TOKEN_TTL_MS } from '@domain/points/rules'
import { call } from '@/api'
import VoucherCode from '../VoucherCode'
import { MIN_REFRESH_MS, REFRESH_MARGIN_MS, refreshDelay, RETRY_MS } from '../useVoucherToken'
import { asciiBase64, qrSvg } from '@/utils/qr'

jest.mock('@/api', () => ({ call: jest.fn() }))
const callMock = call as unknown as jest.Mock

const T0 = new Date('2026-09-03T10:00:00+08:00').getTime()
const token = (n: number, issuedAt: number): VoucherTokenView => ({
  code: '12345678',
  token: `v1.12345678.${(issuedAt + VOUCHER_TOKEN_TTL_MS).toString(36)}.nonce${n}xx.${'A'.repeat(43)}`,
  expiresAt: new Date(issuedAt + VOUCHER_TOKEN_TTL_MS).toISOString(),
})
const flush = () => act(async () => {
  await Promise.resolve()
  await Promise.resolve()
})

describe('refreshDelay', () => {
  it('refreshes 30 s before expiry, clamped against clock skew', () => {
    const exp = new Date(T0 + VOUCHER_TOKEN_TTL_MS).toISOString()
    expect(refreshDelay(exp, T0)).toBe(VOUCHER_TOKEN_TTL_MS - REFRESH_MARGIN_MS)
    expect(refreshDelay(exp, T0 + 60_000)).toBe(VOUCHER_TOKEN_TTL_MS - REFRESH_MARGIN_MS - 60_000)
    // phone clock 10 minutes ahead of the server: never a busy loop
    expect(refreshDelay(exp, T0 + 10 * 60_000)).toBe(MIN_REFRESH_MS)
    // phone clock 10 minutes behind: never wait past the token's lifetime
    expect(refreshDelay(exp, T0 - 10 * 60_000)).toBe(VOUCHER_TOKEN_TTL_MS - REFRESH_MARGIN_MS)
  })
})

describe('VoucherCode', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: T0 })
    callMock.mockReset()
  })
  afterEach(() => jest.useRealTimers())

  const qrToken = () => screen.getByLabelText('兑换券二维码').getAttribute('data-token')

  it('shows a QR of the token and the 8-digit code, and fetches a new token 30 s before expiry', async () => {
    callMock.mockImplementation(async () => token(callMock.mock.calls.length, Date.now()))
    render(<VoucherCode code='12345678' />)
    await flush()
    expect(callMock).toHaveBeenCalledTimes(1)
    expect(callMock).toHaveBeenCalledWith('mall', 'voucherToken', { code: '12345678' })
    expect(screen.getByTestId('voucher-code').textContent).toBe('1234 5678')
    expect(qrToken()).toContain('nonce1')
    expect(screen.getByLabelText('兑换券二维码').querySelector('img')?.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/)

    // just before the refresh point: still the first token
    await act(async () => {
      jest.advanceTimersByTime(VOUCHER_TOKEN_TTL_MS - REFRESH_MARGIN_MS - 1)
    })
    expect(callMock).toHaveBeenCalledTimes(1)
    await act(async () => {
      jest.advanceTimersByTime(1)
    })
    await flush()
    expect(callMock).toHaveBeenCalledTimes(2)
    expect(qrToken()).toContain('nonce2')
    // and again one lifetime later, never letting the shown token expire
    await act(async () => {
      jest.advanceTimersByTime(VOUCHER_TOKEN_TTL_MS - REFRESH_MARGIN_MS)
    })
    await flush()
    expect(callMock).toHaveBeenCalledTimes(3)
  })

  it('retries a failed fetch after 10 s; stops when the voucher is no longer usable', async () => {
    callMock.mockRejectedValueOnce(new AppError('NETWORK')).mockResolvedValueOnce(token(1, T0)).mockRejectedValueOnce(new AppError('CONFLICT', '这张兑换券已使用过'))
    render(<VoucherCode code='12345678' />)
    await flush()
    expect(screen.getByText(/网络不太好/)).toBeTruthy()
    await act(async () => {
      jest.advanceTimersByTime(RETRY_MS)
    })
    await flush()
    expect(callMock).toHaveBeenCalledTimes(2)
    expect(qrToken()).toContain('nonce1')
    await act(async () => {
      jest.advanceTimersByTime(VOUCHER_TOKEN_TTL_MS)
    })
    await flush()
    expect(callMock).toHaveBeenCalledTimes(3)
    expect(screen.getByText(/已使用过/)).toBeTruthy()
    await act(async () => {
      jest.advanceTimersByTime(10 * VOUCHER_TOKEN_TTL_MS)
    })
    expect(callMock).toHaveBeenCalledTimes(3)
  })

  it('stops refreshing once unmounted', async () => {
    callMock.mockImplementation(async () => token(1, Date.now()))
    const { unmount } = render(<VoucherCode code='12345678' />)
    await flush()
    unmount()
    await act(async () => {
      jest.advanceTimersByTime(3 * VOUCHER_TOKEN_TTL_MS)
    })
    expect(callMock).toHaveBeenCalledTimes(1)
  })
})

describe('qr', () => {
  it('draws an SVG and base64-encodes it like btoa', () => {
    const svg = qrSvg('v1.12345678.abc.nonce123.' + 'A'.repeat(43))
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/)
    expect(svg).toContain('<path d="M')
    for (const s of ['', 'a', 'ab', 'abc', svg]) expect(asciiBase64(s)).toBe(Buffer.from(s, 'latin1').toString('base64'))
  })
})
