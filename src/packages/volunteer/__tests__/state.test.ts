import { detailState, listPhase, placesTag, placesText } from '../state'
import { activity, HOUR, iso, mine, NOW } from './fixtures'

describe('places left', () => {
  it('shows places left, or full with the waitlist', () => {
    expect(placesText({ placesLeft: 1, capacity: 2, waitlisted: 0 })).toBe('剩 1 / 2')
    expect(placesText({ placesLeft: 0, capacity: 2, waitlisted: 3 })).toBe('已满（2 人）')
    expect(placesTag({ placesLeft: 2, capacity: 2, waitlisted: 0 })).toEqual({ text: '剩 2 个名额', tone: 'success' })
    expect(placesTag({ placesLeft: 0, capacity: 2, waitlisted: 1 })).toEqual({ text: '已满 · 候补 1 人', tone: 'warning' })
    expect(placesTag({ placesLeft: 0, capacity: 2, waitlisted: 0 })).toEqual({ text: '已满 · 可候补', tone: 'warning' })
  })
})

describe('detailState', () => {
  it('offers 报名 while there are places, 加入候补 when full', () => {
    expect(detailState(activity(), NOW)).toMatchObject({ signUp: '报名', signUpClosed: null, cancel: null, attendance: null })
    expect(detailState(activity({ placesLeft: 0, waitlisted: 2 }), NOW).signUp).toBe('加入候补')
  })

  it('a place freed while riders wait goes to the waitlist, so a newcomer joins the waitlist', () => {
    expect(detailState(activity({ placesLeft: 1, waitlisted: 1 }), NOW).signUp).toBe('加入候补')
  })

  it('after the sign-up deadline or the start there is no button, and the page says why', () => {
    const closed = activity({ signupOpen: false }, 0.5)
    expect(detailState(closed, NOW)).toMatchObject({ signUp: null, signUpClosed: expect.stringContaining('截止') })
    const started = activity({ signupOpen: false }, -0.5)
    expect(detailState(started, NOW)).toMatchObject({ signUp: null, signUpClosed: '活动已经开始，不能再报名' })
    expect(detailState(activity({ status: 'cancelled', signupOpen: false }), NOW)).toMatchObject({ signUp: null, signUpClosed: '活动已取消' })
  })

  it('signed up or waitlisted: cancel instead of sign up; late after the cancellation deadline', () => {
    const a = activity({ my: mine() })
    expect(detailState(a, NOW)).toMatchObject({ signUp: null, signUpClosed: null, cancel: { late: false } })
    const w = activity({ my: mine({ status: 'waitlisted', waitlistPosition: 1 }) })
    expect(detailState(w, NOW).cancel).toEqual({ late: false })
    // 1.5 hours before the start: past the cancellation deadline (2 hours before)
    const late = activity({ my: mine() }, 1.5)
    expect(detailState(late, NOW).cancel).toEqual({ late: true })
    // started: no cancelling any more
    expect(detailState(activity({ my: mine() }, -0.5), NOW).cancel).toBeNull()
  })

  it('a cancelled rider may sign up again while sign-up is open', () => {
    expect(detailState(activity({ my: mine({ status: 'cancelled' }) }), NOW)).toMatchObject({ signUp: '报名', cancel: null })
  })

  it('no-show and cancelled activity: nothing to do', () => {
    const s = detailState(activity({ status: 'cancelled', my: mine({ status: 'activityCancelled' }) }), NOW)
    expect(s).toMatchObject({ signUp: null, cancel: null, attendance: null })
  })

  it('check-in opens 30 minutes before the start and closes at the end; check-out until 2 hours after', () => {
    expect(detailState(activity({ my: mine() }), NOW)).toMatchObject({ attendance: null, attendanceNote: expect.stringContaining('起可现场签到') })
    expect(detailState(activity({ my: mine() }, 0.4), NOW).attendance).toBe('checkIn')
    expect(detailState(activity({ my: mine() }, -1), NOW).attendance).toBe('checkIn')
    expect(detailState(activity({ my: mine() }, -2.5), NOW)).toMatchObject({ attendance: null, attendanceNote: '活动已结束，签到已关闭' })
    const inside = mine({ checkedInAt: iso(NOW - 3 * HOUR) })
    expect(detailState(activity({ my: inside }, -1), NOW).attendance).toBe('checkOut')
    expect(detailState(activity({ my: inside }, -3.5), NOW).attendance).toBe('checkOut')
    expect(detailState(activity({ my: inside }, -4.5), NOW)).toMatchObject({ attendance: null, attendanceNote: expect.stringContaining('签退时间已过') })
    const done = mine({ checkedInAt: iso(NOW - 2 * HOUR), checkedOutAt: iso(NOW - HOUR), hours: 1, counted: true })
    expect(detailState(activity({ my: done }, -2), NOW)).toMatchObject({ attendance: null, attendanceNote: null })
  })

  it('waitlisted riders cannot check in', () => {
    expect(detailState(activity({ my: mine({ status: 'waitlisted', waitlistPosition: 1 }) }, -0.5), NOW).attendance).toBeNull()
  })
})

describe('listPhase', () => {
  it('in progress between start and end; sign-up closed before; nothing while open', () => {
    expect(listPhase(activity(), NOW)).toBeNull()
    expect(listPhase(activity({ signupOpen: false }, 0.5), NOW)).toBe('报名已截止')
    expect(listPhase(activity({ signupOpen: false }, -1), NOW)).toBe('进行中')
    expect(listPhase(activity({ signupOpen: false }, -3), NOW)).toBe('报名已截止')
  })
})
