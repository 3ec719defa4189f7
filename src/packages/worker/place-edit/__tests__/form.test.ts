import type { PlaceDetail } from '@domain/places/model'
import { createPlaceInput, updatePlaceInput } from '@domain/places/contract'
import {
  addRange,
  copyDayToAll,
  emptyForm,
  formFieldOf,
  fromDetail,
  isOvernight,
  setRange,
  toCreateInput,
  toggleAmenity,
  toPatch,
  validate,
  withKind,
  type PlaceForm,
} from '../form'

const filled = (over: Partial<PlaceForm> = {}): PlaceForm => ({
  ...emptyForm('c-xinheping'),
  name: '文晖路骑士驿站',
  address: '拱墅区文晖路 100 号',
  longitude: '120.1726',
  latitude: '30.2931',
  amenities: ['water', 'seats'],
  ...over,
})

const detail = (over: Partial<PlaceDetail> = {}): PlaceDetail => ({
  id: 'p-1',
  name: '新和平社区骑士加油站',
  kind: 'station',
  level: 'B',
  address: '文晖路新和平社区服务中心一楼',
  location: [120.17256, 30.29312],
  communityId: 'c-xinheping',
  amenities: ['water', 'microwave'],
  hours: { always: false, week: Array.from({ length: 7 }, () => [{ open: '07:00', close: '23:00' }]) },
  openNow: true,
  hoursLabel: '营业至 23:00',
  contact: { phone: '0571-85103456', person: '陈主任' },
  photos: [],
  photoUrls: [],
  discount: null,
  description: '可午休',
  status: 'active',
  closedUntil: null,
  closedReason: null,
  recentReports: [],
  alert: null,
  pendingPoints: 5,
  ...over,
})

describe('place form → create input', () => {
  it('maps a filled form to an input the function accepts', () => {
    const f = filled({ phone: ' 0571-85101234 ', discount: '', description: '  ' })
    expect(validate(f)).toEqual({})
    const input = toCreateInput(f)
    expect(input).toMatchObject({
      communityId: 'c-xinheping',
      kind: 'station',
      level: 'C',
      location: { longitude: 120.1726, latitude: 30.2931 },
      contact: { phone: '0571-85101234' },
      discount: null,
      description: null,
    })
    expect(input.hours).toEqual({ always: false, week: expect.any(Array) })
    expect(createPlaceInput.safeParse(input).success).toBe(true)
  })

  it('drops the level for kinds other than stations, and asks for one on stations', () => {
    const water = withKind(filled(), 'water')
    expect(water.level).toBeNull()
    expect(toCreateInput(water).level).toBeNull()
    expect(validate(water)).toEqual({})
    expect(withKind(water, 'station').level).toBe('C')
    expect(validate({ ...filled(), level: null })).toEqual({ level: expect.stringContaining('A/B/C') })
  })

  it('puts each error next to its field', () => {
    const errors = validate(filled({ name: 'X', address: '', longitude: 'abc', phone: '电话123', communityId: '' }))
    expect(errors.name).toBe('名称至少 2 个字')
    expect(errors.address).toBe('地址至少 2 个字')
    expect(errors.location).toMatch(/位置/)
    expect(errors.phone).toBe('电话号码格式不正确')
    expect(errors.communityId).toBe('请选择社区')
    expect(validate(filled({ longitude: '200' })).location).toMatch(/经纬度/)
  })

  it('checks opening hours per weekday, and allows 24 h and overnight ranges', () => {
    let f = setRange(filled(), 2, 0, { open: '25:00' })
    expect(validate(f)).toEqual({ 'hours.2': '开门时间应为 HH:MM' })
    f = setRange(filled(), 4, 0, { open: '09:00', close: '09:00' })
    expect(validate(f)['hours.4']).toBe('开门和关门时间不能相同')
    // overnight: 18:00 – 06:00 next day
    f = copyDayToAll(setRange(filled(), 0, 0, { open: '18:00', close: '06:00' }), 0)
    expect(isOvernight(f.week[3][0])).toBe(true)
    expect(isOvernight({ open: '08:00', close: '24:00' })).toBe(false)
    expect(validate(f)).toEqual({})
    expect(toCreateInput({ ...f, always: true }).hours).toEqual({ always: true })
    // a rest day and a second range
    f = addRange({ ...f, week: f.week.map((d, i) => (i === 6 ? [] : d)) }, 1)
    expect(f.week[1]).toHaveLength(2)
    expect(validate(f)).toEqual({})
  })

  it('refuses ID-card numbers in free text', () => {
    expect(validate(filled({ description: '联系人身份证 330106199001011234' })).description).toMatch(/身份证/)
  })
})

describe('place form ⇄ detail → update patch', () => {
  it('round-trips a place and sends only what changed', () => {
    const d = detail()
    const f = fromDetail(d)
    expect(f).toMatchObject({ longitude: '120.17256', latitude: '30.29312', phone: '0571-85103456', person: '陈主任', discount: '', always: false })
    expect(toPatch(f, d)).toEqual({})
    // same amenities in another order: no change
    expect(toPatch({ ...f, amenities: ['microwave', 'water'] }, d)).toEqual({})
    const edited = toggleAmenity({ ...f, name: '新和平骑士加油站', discount: '热饭免费', always: true }, 'wifi')
    const patch = toPatch(edited, d)
    expect(patch).toEqual({ name: '新和平骑士加油站', discount: '热饭免费', hours: { always: true }, amenities: ['water', 'microwave', 'wifi'] })
    expect(updatePlaceInput.safeParse({ id: d.id, patch }).success).toBe(true)
    // clearing the contact person sends the whole contact (objects are replaced whole)
    expect(toPatch({ ...f, person: '' }, d)).toEqual({ contact: { phone: '0571-85103456' } })
  })

  it('loads 24 h places with an editable default week', () => {
    const f = fromDetail(detail({ hours: { always: true } }))
    expect(f.always).toBe(true)
    expect(f.week).toHaveLength(7)
  })

  it('maps server error fields onto form fields', () => {
    expect(formFieldOf('patch.level')).toBe('level')
    expect(formFieldOf('location.longitude')).toBe('location')
    expect(formFieldOf('longitude')).toBe('location')
    expect(formFieldOf('contact.phone')).toBe('phone')
    expect(formFieldOf('hours.week.3.0.close')).toBe('hours.3')
    expect(formFieldOf('communityId')).toBe('communityId')
    expect(formFieldOf(undefined)).toBeUndefined()
  })
})
