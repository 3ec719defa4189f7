import Taro from '@tarojs/taro'
import { AppError } from '@domain/errors'
import { initCloud, send } from '@/api/transport.weapp'

const callFunction = Taro.cloud.callFunction as unknown as jest.Mock

describe('weapp transport', () => {
  beforeEach(() => callFunction.mockReset())

  it('initialises the cloud once and calls the function by name with {action, input, requestId}', async () => {
    callFunction.mockResolvedValue({ result: { ok: true, data: 1 }, errMsg: 'cloud.callFunction:ok' })
    initCloud()
    initCloud()
    await expect(send('user', { action: 'me', input: {}, requestId: 'r-1' }, { timeoutMs: 1000 })).resolves.toEqual({ ok: true, data: 1 })
    expect(Taro.cloud.init).toHaveBeenCalledTimes(1)
    expect(Taro.cloud.init).toHaveBeenCalledWith({ env: undefined, traceUser: true })
    expect(callFunction).toHaveBeenCalledWith({ name: 'user', data: { action: 'me', input: {}, requestId: 'r-1' } })
  })

  it('maps callFunction failures to NETWORK and time-outs to TIMEOUT', async () => {
    callFunction.mockRejectedValueOnce({ errMsg: 'cloud.callFunction:fail request:fail' })
    await expect(send('user', { action: 'me', requestId: 'r-2' }, { timeoutMs: 1000 })).rejects.toMatchObject({ code: 'NETWORK', requestId: 'r-2' })
    callFunction.mockRejectedValueOnce({ errMsg: 'cloud.callFunction:fail -504003 function timeout' })
    await expect(send('user', { action: 'me' }, { timeoutMs: 1000 })).rejects.toMatchObject({ code: 'TIMEOUT' })
    callFunction.mockReturnValueOnce(new Promise(() => {}))
    const err = await send('user', { action: 'me' }, { timeoutMs: 10 }).catch((e: AppError) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('TIMEOUT')
  })
})
