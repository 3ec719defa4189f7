import { act, renderHook, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { AppError } from '@domain/errors'
import { useCall } from '@/hooks/useCall'
import { call } from '@/api'

jest.mock('@/api', () => ({ call: jest.fn() }))
const callMock = call as unknown as jest.Mock

const me = (nickname: string) => ({ nickname, roles: ['rider'], workerCommunityIds: [], verification: { status: 'unverified' }, isNew: false, createdAt: '2025-01-01T00:00:00.000Z' })

beforeEach(() => callMock.mockReset())

describe('useCall', () => {
  it('calls on mount and exposes loading → data', async () => {
    callMock.mockResolvedValue(me('张师傅'))
    const { result } = renderHook(() => useCall('user', 'me', {}))
    expect(result.current.loading).toBe(true)
    await waitFor(() => expect(result.current.loading).toBe(false))
    expect(result.current.data).toEqual(me('张师傅'))
    expect(result.current.error).toBeUndefined()
    expect(callMock).toHaveBeenCalledWith('user', 'me', {})
  })

  it('does not call when auto is false, until refresh', async () => {
    callMock.mockResolvedValue(me('李小哥'))
    const { result } = renderHook(() => useCall('user', 'me', {}, { auto: false }))
    expect(result.current.loading).toBe(false)
    expect(callMock).not.toHaveBeenCalled()
    await act(() => result.current.refresh())
    expect(result.current.data).toEqual(me('李小哥'))
  })

  it('exposes the AppError and keeps the last good data on a failed refresh', async () => {
    callMock.mockResolvedValueOnce(me('王姐')).mockRejectedValueOnce(new AppError('NETWORK'))
    const { result } = renderHook(() => useCall('user', 'me', {}))
    await waitFor(() => expect(result.current.data).toBeDefined())
    await act(() => result.current.refresh())
    expect(result.current.error?.code).toBe('NETWORK')
    expect(result.current.data).toEqual(me('王姐'))
    expect(result.current.loading).toBe(false)
  })

  it('wraps a non-AppError failure as INTERNAL', async () => {
    callMock.mockRejectedValue(new Error('boom'))
    const { result } = renderHook(() => useCall('user', 'me', {}))
    await waitFor(() => expect(result.current.error).toBeDefined())
    expect(result.current.error).toBeInstanceOf(AppError)
    expect(result.current.error?.code).toBe('INTERNAL')
  })

  it('clears the error after a successful refresh', async () => {
    callMock.mockRejectedValueOnce(new AppError('UNAUTHENTICATED')).mockResolvedValueOnce(me('赵师傅'))
    const { result } = renderHook(() => useCall('user', 'me', {}))
    await waitFor(() => expect(result.current.error?.code).toBe('UNAUTHENTICATED'))
    await act(() => result.current.refresh())
    expect(result.current.error).toBeUndefined()
    expect(result.current.data?.nickname).toBe('赵师傅')
  })

  it('ignores the answer of a superseded call', async () => {
    let resolveFirst: (v: unknown) => void = () => {}
    callMock.mockReturnValueOnce(new Promise((r) => (resolveFirst = r))).mockResolvedValueOnce(me('新'))
    const { result } = renderHook(() => useCall('user', 'me', {}))
    await act(() => result.current.refresh())
    expect(result.current.data?.nickname).toBe('新')
    await act(async () => resolveFirst(me('旧')))
    expect(result.current.data?.nickname).toBe('新')
  })

  it('does not call again when re-rendered with an equal input object', async () => {
    callMock.mockResolvedValue(me('张师傅'))
    const { result, rerender } = renderHook(() => useCall('user', 'me', {}))
    await waitFor(() => expect(result.current.loading).toBe(false))
    rerender()
    rerender()
    expect(callMock).toHaveBeenCalledTimes(1)
  })
})

describe('useCall with a kept answer (stale-while-revalidate)', () => {
  const storage = Taro as unknown as { getStorageSync: jest.Mock }
  const board = (title: string) => ({ items: [{ id: 's-1', title }], next: null })
  afterEach(() => {
    storage.getStorageSync.mockReset().mockReturnValue('')
    document.cookie = 'xgyz_caller=; max-age=0'
  })

  it('shows the last good answer at once, then the server’s', async () => {
    document.cookie = 'xgyz_caller=caller-a'
    storage.getStorageSync.mockImplementation((k: string) =>
      k === 'api.last.v1:caller-a:suggestions.mine' ? { input: '{}', savedAt: 1, data: board('上次的') } : '',
    )
    let answer!: (v: unknown) => void
    callMock.mockReturnValue(new Promise((r) => (answer = r)))
    const { result } = renderHook(() => useCall('suggestions', 'mine', {}))
    expect(result.current.data).toEqual(board('上次的'))
    expect(result.current.stale).toBe(true)
    expect(result.current.loading).toBe(true)
    await act(async () => answer(board('最新的')))
    expect(result.current.data).toEqual(board('最新的'))
    expect(result.current.stale).toBe(false)
  })

  it('shows nothing kept for another persona', () => {
    document.cookie = 'xgyz_caller=caller-b'
    storage.getStorageSync.mockImplementation((k: string) =>
      k === 'api.last.v1:caller-a:suggestions.mine' ? { input: '{}', savedAt: 1, data: board('别人的') } : '',
    )
    callMock.mockReturnValue(new Promise(() => undefined))
    const { result } = renderHook(() => useCall('suggestions', 'mine', {}))
    expect(result.current.data).toBeUndefined()
    expect(result.current.stale).toBe(false)
  })
})
