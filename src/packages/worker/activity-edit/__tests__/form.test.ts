import { emptyForm, scheduleOf, validate, type ActivityForm } from '../form'

/** 2026-10-08 10:00 in Shanghai */
const NOW = new Date('2026-10-08T10:00:00+08:00')

const filled = (over: Partial<ActivityForm> = {}): ActivityForm => ({
  ...emptyForm(NOW),
  title: '平安骑士 · 文晖路网格巡逻',
  communityId: 'c-xinheping',
  placeId: 'p-wl-003',
  ...over,
})

describe('activity form', () => {
  it('starts tomorrow evening with 10 places, verified riders only', () => {
    expect(emptyForm(NOW)).toMatchObject({ type: 'patrol', day: '2026-10-09', start: '19:00', end: '21:00', capacity: '10', verifiedOnly: true })
  })

  it('a filled form has no errors', () => {
    expect(validate(filled(), NOW)).toEqual({})
  })

  it('the empty form says what is missing, field by field', () => {
    expect(validate(emptyForm(NOW), NOW)).toEqual({ title: '标题至少 2 个字', communityId: '请选择社区', placeId: '请选择活动地点' })
  })

  it('title: 2–40 characters after trimming', () => {
    expect(validate(filled({ title: ' 巡 ' }), NOW).title).toBe('标题至少 2 个字')
    expect(validate(filled({ title: '巡'.repeat(41) }), NOW).title).toBe('标题最多 40 个字')
  })

  it('capacity: a whole number from 1 to 500', () => {
    expect(validate(filled({ capacity: '' }), NOW).capacity).toBe('名额请填写整数')
    expect(validate(filled({ capacity: '2.5' }), NOW).capacity).toBe('名额请填写整数')
    expect(validate(filled({ capacity: '-3' }), NOW).capacity).toBe('名额不能为负数')
    expect(validate(filled({ capacity: '0' }), NOW).capacity).toBe('名额至少 1 人')
    expect(validate(filled({ capacity: '501' }), NOW).capacity).toBe('名额最多 500 人')
    expect(validate(filled({ capacity: '500' }), NOW).capacity).toBeUndefined()
  })

  it('points per hour: a whole number from 0 to the district rule (10); not asked for courses', () => {
    expect(emptyForm(NOW).pointsPerHour).toBe('10')
    expect(validate(filled({ pointsPerHour: '' }), NOW).pointsPerHour).toBe('每小时积分请填写整数')
    expect(validate(filled({ pointsPerHour: '2.5' }), NOW).pointsPerHour).toBe('每小时积分请填写整数')
    expect(validate(filled({ pointsPerHour: '11' }), NOW).pointsPerHour).toBe('每小时最多 10 积分（区里的积分规则）')
    expect(validate(filled({ pointsPerHour: '0' }), NOW).pointsPerHour).toBeUndefined()
    expect(validate(filled({ type: 'course', pointsPerHour: 'x' }), NOW).pointsPerHour).toBeUndefined()
  })

  it('times: start in the future, at least 15 minutes, at most 12 hours', () => {
    expect(validate(filled({ day: '2026-10-08', start: '09:30', end: '11:00' }), NOW).start).toBe('开始时间需要晚于现在')
    expect(validate(filled({ day: '2027-06-01' }), NOW).start).toBe('最多提前半年发布活动')
    expect(validate(filled({ start: '19:00', end: '19:10' }), NOW).end).toBe('结束时间至少要比开始时间晚 15 分钟')
    expect(validate(filled({ start: '06:00', end: '19:00' }), NOW).end).toBe('单次活动最长 12 小时，请拆成几场')
  })

  it('an end not after the start is the next day (a night patrol)', () => {
    const f = filled({ start: '22:00', end: '01:00' })
    const { startAt, endAt } = scheduleOf(f)
    expect(startAt.toISOString()).toBe('2026-10-09T14:00:00.000Z')
    expect(endAt.toISOString()).toBe('2026-10-09T17:00:00.000Z')
    expect(validate(f, NOW)).toEqual({})
  })

  it('editing: community and place may stay as they are; a past start is the function’s call', () => {
    expect(validate(filled({ communityId: '', placeId: '' }), NOW, true)).toEqual({})
    expect(validate(filled({ day: '2026-10-08', start: '09:00', end: '11:00' }), NOW, true)).toEqual({})
  })
})
