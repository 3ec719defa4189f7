import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ActivityDetail } from '@domain/volunteer/model'
import { call } from '@/api'
import { getLocationGcj02 } from '@/utils/location'
import { refreshSettings, resetSettingsForTests } from '@/hooks/useSettings'
import VolunteerDetail from '../detail/index'
import { activity, HOUR, iso, mine, NOW } from './fixtures'

jest.mock('@/api', () => ({ call: jest.fn() }))
jest.mock('@/utils/location', () => ({ getLocationGcj02: jest.fn() }))
const callMock = call as unknown as jest.Mock
const locationMock = getLocationGcj02 as unknown as jest.Mock
const taro = Taro as unknown as Record<string, jest.Mock>

/** The detail action answers `details` in turn (the last one again), other actions `answers`. */
function serve(details: ActivityDetail[], answers: Record<string, unknown> = {}) {
  let i = 0
  callMock.mockImplementation(async (_fn: string, action: string) => {
    if (action === 'detail') return details[Math.min(i++, details.length - 1)]
    if (action in answers) return answers[action]
    throw new Error(`unexpected ${action}`)
  })
}

/** Taro's h5 Button is a div.taro-button-core */
const button = (text: string) => (screen.queryAllByText(text, { exact: true }).map((e) => e.closest('.taro-button-core')).find(Boolean) as HTMLElement | undefined) ?? null
const tap = async (text: string) => {
  const b = button(text)
  if (!b) throw new Error(`no button ${text}`)
  await act(async () => {
    fireEvent.click(b)
  })
}

beforeEach(() => {
  callMock.mockReset()
  locationMock.mockReset()
  jest.spyOn(Date, 'now').mockReturnValue(NOW)
  taro.showModal = jest.fn(async () => ({ confirm: true, cancel: false }))
})
afterEach(() => jest.restoreAllMocks())

describe('VolunteerDetail', () => {
  it('with places left: 报名; after signing up: 已报名 and 取消报名 with the free-cancel deadline', async () => {
    serve([activity(), activity({ placesLeft: 1, mine: 'signedUp', my: mine() })], { signUp: { id: 'a1_me', status: 'signedUp', waitlistPosition: null, placesLeft: 1, message: '报名成功' } })
    render(<VolunteerDetail />)
    await screen.findByText('剩 2 / 2')
    expect(screen.getByText('还没有报名')).toBeTruthy()
    await tap('报名')
    expect(callMock).toHaveBeenCalledWith('volunteer', 'signUp', { activityId: 'a1' })
    await screen.findByText('剩 1 / 2')
    expect(screen.getByText('已报名')).toBeTruthy()
    expect(button('取消报名')).toBeTruthy()
    expect(button('报名')).toBeNull()
    expect(screen.getByText(/前可免责取消/)).toBeTruthy()
    // tomorrow's activity: no check-in yet, the page says when it opens
    expect(screen.getByText(/起可现场签到/)).toBeTruthy()
  })

  it('on WeChat, 报名 first asks for the promotion, cancellation and reminder messages (inside the tap), then signs up', async () => {
    const platform = process.env.TARO_ENV
    process.env.TARO_ENV = 'weapp'
    try {
      resetSettingsForTests()
      const subscriptions = { volunteerPromoted: 't-p', volunteerCancelled: 't-c', volunteerReminder: 't-r', pointsExpiry: 't-x' }
      serve([activity(), activity({ placesLeft: 1, mine: 'signedUp', my: mine() })], {
        settings: { communities: [], map: { centre: null, presets: [] }, subscriptions },
        signUp: { id: 'a1_me', status: 'signedUp', waitlistPosition: null, placesLeft: 1, message: '报名成功' },
      })
      await refreshSettings()
      taro.requestSubscribeMessage.mockClear().mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 't-p': 'accept', 't-c': 'reject', 't-r': 'accept' })
      render(<VolunteerDetail />)
      await screen.findByText('剩 2 / 2')
      await tap('报名')
      expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['t-p', 't-c', 't-r'] })
      const signUp = callMock.mock.calls.findIndex((c) => c[1] === 'signUp')
      expect(taro.requestSubscribeMessage.mock.invocationCallOrder[0]).toBeLessThan(callMock.mock.invocationCallOrder[signUp])
      // a refused template does not stop the sign-up
      await screen.findByText('剩 1 / 2')
    } finally {
      process.env.TARO_ENV = platform
    }
  })

  it('full: 加入候补; waitlisted riders see their position and may leave the waitlist', async () => {
    serve([activity({ placesLeft: 0, waitlisted: 1 }), activity({ placesLeft: 0, waitlisted: 2, mine: 'waitlisted', my: mine({ status: 'waitlisted', waitlistPosition: 2 }) })], {
      signUp: { id: 'a1_me', status: 'waitlisted', waitlistPosition: 2, placesLeft: 0, message: '名额已满，你在候补第 2 位' },
      cancel: { status: 'cancelled', lateCancel: false, promoted: false, message: '已退出候补' },
    })
    render(<VolunteerDetail />)
    await screen.findByText('已满（2 人）')
    expect(screen.getByText(/候补 1 人/)).toBeTruthy()
    await tap('加入候补')
    await screen.findByText('候补第 2 位')
    expect(screen.getByText('候补中')).toBeTruthy()
    await tap('取消报名')
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('退出候补') }))
    expect(callMock).toHaveBeenCalledWith('volunteer', 'cancel', { activityId: 'a1' })
  })

  it('after the sign-up deadline: no button, the page says when sign-up closed', async () => {
    serve([activity({ signupOpen: false }, 0.5)])
    render(<VolunteerDetail />)
    await screen.findByText(/报名已于 .* 截止/)
    expect(button('报名')).toBeNull()
    expect(button('加入候补')).toBeNull()
  })

  it('after the cancellation deadline: the button says it is late and the dialog warns; declining sends nothing', async () => {
    serve([activity({ placesLeft: 1, mine: 'signedUp', my: mine() }, 1.5)])
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    render(<VolunteerDetail />)
    await screen.findByText('已报名')
    await tap('取消报名（迟取消）')
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('迟取消') }))
    expect(callMock.mock.calls.filter((c) => c[1] === 'cancel')).toHaveLength(0)
  })

  it('during the activity: check in with the typed code and the GCJ-02 location; then check-out is offered', async () => {
    const during = activity({ placesLeft: 1, mine: 'signedUp', my: mine() }, -0.5)
    serve([during, { ...during, my: mine({ checkedInAt: iso(NOW) }) }], { checkIn: { status: 'checkedIn', at: iso(NOW), message: '签到成功！活动结束时别忘了签退' } })
    locationMock.mockResolvedValue({ longitude: 120.1726, latitude: 30.2931, accuracy: 12 })
    render(<VolunteerDetail />)
    await screen.findByText('现场签到')
    const input = document.querySelector('input.vol-code-input, .vol-code-input input') as HTMLInputElement
    expect(button('签到')?.classList.contains('taro-btn-disabled')).toBe(true)
    await act(async () => {
      fireEvent.input(input, { target: { value: '123456' } })
    })
    await tap('签到')
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('volunteer', 'checkIn', { activityId: 'a1', code: '123456', longitude: 120.1726, latitude: 30.2931, accuracy: 12, fixedAt: NOW }))
    await screen.findByText('签到成功！活动结束时别忘了签退')
    await screen.findByText('活动结束签退')
    expect(button('签退')).toBeTruthy()
  })

  it('checked out: hours and points on the sign-up, no more buttons', async () => {
    const my = mine({ checkedInAt: iso(NOW - 3 * HOUR), checkedOutAt: iso(NOW - HOUR), hours: 2, counted: true, pointsAwarded: 20 })
    serve([activity({ mine: 'signedUp', my }, -3)])
    render(<VolunteerDetail />)
    await screen.findByText('已签退 · 2 小时')
    expect(screen.getByText('+20 积分')).toBeTruthy()
    expect(button('签退')).toBeNull()
    expect(button('取消报名')).toBeNull()
  })
})
