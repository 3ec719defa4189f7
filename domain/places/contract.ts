import * as z from 'zod/mini'
import {
  AMENITIES,
  PLACE_KINDS,
  REPORT_KINDS,
  STATION_LEVELS,
  type CheckInResult,
  type ManagedPlacesResult,
  type NearbyResult,
  type PlaceDetail,
  type ReportResult,
  type StaffReportView,
} from './model'
import { communityId, latitude, longitude, placeId, plainText } from '../schemas'
import { openingHours } from './hours-schema'
import { action } from '../action'

/** Largest nearby radius (metres) and page size. */
export const MAX_RADIUS_M = 20_000
export const DEFAULT_RADIUS_M = 5_000
export const NEARBY_PAGE_SIZE = 20


export const placeKind = z.enum(PLACE_KINDS, { error: '不支持的地点类型' })
export const amenity = z.enum(AMENITIES, { error: '不支持的服务设施' })

const point = z.strictObject({ longitude, latitude })

const phone = z.string().check(z.regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4}|\d{5,8})$/, { error: '电话号码格式不正确' }))
const fileId = z.string().check(z.regex(/^cloud:\/\/[A-Za-z0-9._\-/]{1,240}$/, { error: '图片地址格式不正确' }))

/** Fields a worker sets on a place. */
export const placeFields = {
  kind: placeKind,
  name: plainText(2, 40).check(z.describe('名称')),
  address: plainText(2, 80).check(z.describe('地址')),
  location: point.check(z.describe('位置')),
  level: z.nullable(z.enum(STATION_LEVELS)),
  amenities: z.array(amenity).check(z.maxLength(AMENITIES.length), z.refine((a) => new Set(a).size === a.length, { error: '服务设施不能重复' })),
  hours: openingHours,
  contact: z.strictObject({ phone: z.optional(phone).check(z.describe('联系电话')), person: z.optional(plainText(1, 20)).check(z.describe('联系人')) }),
  photos: z.array(fileId).check(z.maxLength(6), z.describe('照片')),
  discount: z.nullable(plainText(2, 60)).check(z.describe('优惠说明')),
  description: z.nullable(plainText(2, 300)).check(z.describe('介绍')),
}

const levelRule = (p: { kind?: string; level?: string | null }) => p.kind === undefined || p.level === undefined || (p.kind === 'station') === (p.level !== null)

export const createPlaceInput = z.strictObject({
  communityId,
  ...placeFields,
  level: z._default(placeFields.level, null),
  contact: z._default(placeFields.contact, {}),
  photos: z._default(placeFields.photos, []),
  discount: z._default(placeFields.discount, null),
  description: z._default(placeFields.description, null),
}).check(z.refine(levelRule, { error: '驿站需要选择 A/B/C 等级，其他地点不设等级', path: ['level'] }))

export const updatePlaceInput = z.strictObject({
  id: placeId,
  patch: z.partial(z.strictObject({
    name: placeFields.name,
    address: placeFields.address,
    location: placeFields.location,
    level: placeFields.level,
    amenities: placeFields.amenities,
    hours: placeFields.hours,
    contact: placeFields.contact,
    photos: placeFields.photos,
    discount: placeFields.discount,
    description: placeFields.description,
  })).check(z.refine((p) => Object.keys(p).length > 0, { error: '没有要修改的内容' })),
})

const ymd = z.string().check(z.regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, { error: '日期格式应为 YYYY-MM-DD' }))

export const placesContract = {
  /**
   * Nearest places (≤ 20 a page) with distance, by kind / amenities / open now; one DB read. Without
   * a position, around the district's home (where the map opens, `user.settings`' map centre; one
   * more read): the app asks it at launch, before the settings have arrived.
   */
  nearby: action<NearbyResult>()(
    z.strictObject({
      longitude: z.optional(longitude),
      latitude: z.optional(latitude),
      radius: z._default(z.int().check(z.gte(100), z.lte(MAX_RADIUS_M, { error: `搜索范围最大 ${MAX_RADIUS_M / 1000} 公里` })), DEFAULT_RADIUS_M),
      kinds: z.optional(z.array(placeKind).check(z.maxLength(PLACE_KINDS.length))),
      amenities: z.optional(z.array(amenity).check(z.maxLength(AMENITIES.length))),
      openNow: z.optional(z.boolean()),
      limit: z._default(z.int().check(z.gte(1), z.lte(NEARBY_PAGE_SIZE)), NEARBY_PAGE_SIZE),
      /** the `next` of the previous page */
      after: z.optional(z.strictObject({ distance: z.number().check(z.gte(0), z.lte(MAX_RADIUS_M)), ids: z.array(placeId).check(z.maxLength(NEARBY_PAGE_SIZE)) })),
    }).check(z.refine((i) => (i.longitude === undefined) === (i.latitude === undefined), { error: '经度和纬度需要一起提供', path: ['latitude'] })),
  ),
  /** One place with hours, contact and recent live reports. */
  detail: action<PlaceDetail>()(z.strictObject({ id: placeId })),
  /** Rider check-in, validated on the server; once per place per day. */
  checkIn: action<CheckInResult>()(
    z.strictObject({
      placeId,
      longitude,
      latitude,
      /** metres, as the phone reports it */
      accuracy: z.number().check(z.gte(0), z.lte(100_000)),
      /** when the phone took the fix (ms since epoch) */
      fixedAt: z.int().check(z.gte(0)),
    }),
  ),
  /** One-tap live status: 关门 / 充电桩坏了 / 已满 / 其他. */
  reportStatus: action<ReportResult>()(
    z.strictObject({ placeId, kind: z.enum(REPORT_KINDS, { error: '不支持的反馈类型' }), note: z.optional(plainText(1, 100)).check(z.describe('补充说明')) }).check(z.refine((r) => r.kind !== 'other' || !!r.note, { error: '选择「其他问题」时请简单说明', path: ['note'] })),
  ),
  // ---- community workers (their communities) and admins (everywhere) ----
  create: action<PlaceDetail>()(createPlaceInput),
  update: action<PlaceDetail>()(updatePlaceInput),
  setTemporarilyClosed: action<PlaceDetail>()(
    z.strictObject({ id: placeId, closed: z.boolean(), reason: z.optional(plainText(2, 60)).check(z.describe('暂停原因')), until: z.optional(ymd) }).check(z.refine((r) => !r.closed || (!!r.reason && !!r.until), { error: '暂停营业需要填写原因和恢复日期', path: ['reason'] })),
  ),
  /** The caller's community places with check-in counts and recent reports. */
  listMine: action<ManagedPlacesResult>()(z.strictObject({ communityId: z.optional(communityId), kind: z.optional(placeKind) })),
  /** Live reports of one place, newest first (staff of its community). */
  reports: action<StaffReportView[]>()(z.strictObject({ placeId, limit: z._default(z.int().check(z.gte(1), z.lte(50)), 20) })),
}
