import { act, renderHook } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { AppError } from '@domain/errors'
import { useAction } from '@/hooks/useAction'

afterEach(() => jest.clearAllMocks())

/** A promise the test settles by hand, to look at the state while a run is in progress. */
function deferred<T = void>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('useAction', () => {
  it('is busy (with its key) while the work runs, then toasts that it worked', async () => {
    const { result } = renderHook(() => useAction())
    const d = deferred()
    let ran!: Promise<boolean>
    act(() => {
      ran = result.current.run(() => d.promise, { done: '已保存', key: 'gate:g1' })
    })
    expect(result.current.busy).toBe(true)
    expect(result.current.busyKey).toBe('gate:g1')
    await act(async () => {
      d.resolve()
      await expect(ran).resolves.toBe(true)
    })
    expect(result.current.busy).toBe(false)
    expect(result.current.busyKey).toBeNull()
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' })
  })

  it('toasts the server message of a failure and keeps the error, field included', async () => {
    const { result } = renderHook(() => useAction())
    let ok = true
    await act(async () => {
      ok = await result.current.run(() => Promise.reject(new AppError('VALIDATION', '东西向位置 x超出小区范围', { field: 'patch.gates.0.at.x' })), '已保存')
    })
    expect(ok).toBe(false)
    expect(result.current.busy).toBe(false)
    expect(result.current.error?.field).toBe('patch.gates.0.at.x')
    expect(Taro.showToast).toHaveBeenCalledTimes(1)
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '东西向位置 x超出小区范围', icon: 'none' }))
  })

  it("with failure 'keep' leaves the message to the form (no toast), and the next run clears it", async () => {
    const { result } = renderHook(() => useAction())
    await act(async () => {
      await result.current.run(() => Promise.reject(new AppError('NOT_FOUND', '找不到这个小区')), { failure: 'keep' })
    })
    expect(Taro.showToast).not.toHaveBeenCalled()
    expect(result.current.error?.message).toBe('找不到这个小区')
    await act(async () => {
      await result.current.run(() => Promise.resolve())
    })
    expect(result.current.error).toBeNull()
  })

  it('says the fallback for a failure that is not an AppError', async () => {
    const { result } = renderHook(() => useAction())
    await act(async () => {
      await result.current.run(() => Promise.reject(new TypeError('x is undefined')), { fallback: '反馈失败，请稍后再试' })
    })
    expect(result.current.error?.code).toBe('INTERNAL')
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '反馈失败，请稍后再试' }))
  })

  it('ignores a second tap while the first run is in progress', async () => {
    const { result } = renderHook(() => useAction())
    const d = deferred()
    const work = jest.fn(() => d.promise)
    let first!: Promise<boolean>
    let second!: Promise<boolean>
    act(() => {
      first = result.current.run(work)
      second = result.current.run(work)
    })
    await expect(second).resolves.toBe(false)
    await act(async () => {
      d.resolve()
      await first
    })
    expect(work).toHaveBeenCalledTimes(1)
  })

  it('leaves the state alone once its component is gone (a row closed by its own success)', async () => {
    const { result, unmount } = renderHook(() => useAction())
    const d = deferred()
    let ran!: Promise<boolean>
    act(() => {
      ran = result.current.run(() => d.promise, '已处理')
    })
    unmount()
    d.reject(new AppError('CONFLICT', '已被别人处理'))
    await expect(ran).resolves.toBe(false)
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已被别人处理' }))
  })
})
