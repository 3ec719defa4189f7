import { renderHook } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { taroTest } from '../../../test/app/taro'

afterEach(() => {
  taroTest.reset()
  jest.clearAllMocks()
})

describe('usePullToRefresh', () => {
  it('refreshes, then puts the spinner away', async () => {
    const order: string[] = []
    const refresh = jest.fn(async () => void order.push('refresh'))
    ;(Taro.stopPullDownRefresh as jest.Mock).mockImplementation(() => order.push('stop'))
    renderHook(() => usePullToRefresh(refresh))
    await taroTest.pullDown()
    expect(order).toEqual(['refresh', 'stop'])
  })

  it('puts the spinner away even when the refresh fails', async () => {
    renderHook(() => usePullToRefresh(() => Promise.reject(new Error('offline'))))
    await expect(taroTest.pullDown()).rejects.toThrow('offline')
    expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(1)
  })
})
