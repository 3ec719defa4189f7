import Taro from '@tarojs/taro'
import type { AppSettings } from '@domain/user/settings'
import { call } from '@/api'
import { refreshSettings, resetSettingsForTests } from '@/hooks/useSettings'
import { requestSubscriptions, subscriptionIds } from '../subscribe'

jest.mock('@/api', () => ({ call: jest.fn() }))
const callMock = call as unknown as jest.Mock
const requestMock = (Taro as unknown as { requestSubscribeMessage: jest.Mock }).requestSubscribeMessage

const settings: AppSettings = {
  communities: [],
  map: { centre: null, presets: [] },
  subscriptions: { volunteerPromoted: 't-promoted', volunteerCancelled: 't-cancelled', volunteerReminder: 't-reminder', suggestionStatus: 't-status' },
}

const platform = process.env.TARO_ENV
beforeEach(async () => {
  resetSettingsForTests()
  requestMock.mockReset()
  callMock.mockResolvedValue(settings)
  await refreshSettings()
})
afterEach(() => {
  process.env.TARO_ENV = platform
})

describe('requestSubscriptions', () => {
  it('asks WeChat for the configured templates, synchronously in the tap, at most 3', () => {
    process.env.TARO_ENV = 'weapp'
    requestMock.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok' })
    void requestSubscriptions(['volunteerPromoted', 'volunteerCancelled', 'volunteerReminder', 'suggestionStatus'])
    // called before the function returned: no await between the tap and the request
    expect(requestMock).toHaveBeenCalledWith({ tmplIds: ['t-promoted', 't-cancelled', 't-reminder'] })
  })

  it('leaves out messages this deployment has no template for, and asks nothing when none is left', async () => {
    process.env.TARO_ENV = 'weapp'
    expect(subscriptionIds(['pointsExpiry', 'suggestionStatus'])).toEqual(['t-status'])
    expect(await requestSubscriptions(['pointsExpiry'])).toEqual([])
    expect(requestMock).not.toHaveBeenCalled()
  })

  it('answers what was accepted; reject, ban and a failed request are quiet', async () => {
    process.env.TARO_ENV = 'weapp'
    requestMock.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 't-promoted': 'accept', 't-cancelled': 'reject', 't-reminder': 'ban' })
    expect(await requestSubscriptions(['volunteerPromoted', 'volunteerCancelled', 'volunteerReminder'])).toEqual(['t-promoted'])
    requestMock.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 10005 })
    expect(await requestSubscriptions(['suggestionStatus'])).toEqual([])
  })

  it('is a no-op on h5', async () => {
    process.env.TARO_ENV = 'h5'
    expect(await requestSubscriptions(['suggestionStatus'])).toEqual([])
    expect(requestMock).not.toHaveBeenCalled()
  })
})
