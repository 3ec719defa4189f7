import * as z from 'zod'
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
import { HHMM, HHMM_CLOSE } from './opening-hours'
import { docId, latitude, longitude, plainText } from '../schemas'
import { action } from '../action'

/** Largest nearby radius (metres) and page size. */
export const MAX_RADIUS_M = 20_000
export const DEFAULT_RADIUS_M = 5_000
export const NEARBY_PAGE_SIZE = 20

export const placeId = docId('地点')
export const communityId = docId('社区')

export const placeKind = z.enum(PLACE_KINDS, { error: '不支持的地点类型' })
export const amenity = z.enum(AMENITIES, { error: '不支持的服务设施' })

const point = z.strictObject({ longitude, latitude })

const timeRange = z
  .strictObject({
    open: z.string().regex(HHMM, { error: '开门时间应为 HH:MM' }),
    close: z.string().regex(HHMM_CLOSE, { error: '关门时间应为 HH:MM（最晚 24:00）' }),
  })
  .refine((r) => r.open !== r.close, { error: '开门和关门时间不能相同' })

export const openingHours = z.union([
  z.strictObject({ always: z.literal(true) }),
  z.strictObject({
    always: z.literal(false),
    week: z.array(z.array(timeRange).max(4, { error: '每天最多 4 个时段' })).length(7, { error: '需要周一到周日 7 天的营业时间' }),
  }),
])

const phone = z.string().regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4}|\d{5,8})$/, { error: '电话号码格式不正确' })
const fileId = z.string().regex(/^cloud:\/\/[A-Za-z0-9._\-/]{1,240}$/, { error: '图片地址格式不正确' })

/** Fields a worker sets on a place. */
export const placeFields = {
  kind: placeKind,
  name: plainText(2, 40).describe('名称'),
  address: plainText(2, 80).describe('地址'),
  location: point.describe('位置'),
  level: z.enum(STATION_LEVELS).nullable(),
  amenities: z.array(amenity).max(AMENITIES.length).refine((a) => new Set(a).size === a.length, { error: '服务设施不能重复' }),
  hours: openingHours,
  contact: z.strictObject({ phone: phone.optional().describe('联系电话'), person: plainText(1, 20).optional().describe('联系人') }),
  photos: z.array(fileId).max(6).describe('照片'),
  discount: plainText(2, 60).nullable().describe('优惠说明'),
  description: plainText(2, 300).nullable().describe('介绍'),
}

const levelRule = (p: { kind?: string; level?: string | null }) => p.kind === undefined || p.level === undefined || (p.kind === 'station') === (p.level !== null)

export const createPlaceInput = z
  .strictObject({
    communityId,
    ...placeFields,
    level: placeFields.level.default(null),
    contact: placeFields.contact.default({}),
    photos: placeFields.photos.default([]),
    discount: placeFields.discount.default(null),
    description: placeFields.description.default(null),
  })
  .refine(levelRule, { error: '驿站需要选择 A/B/C 等级，其他地点不设等级', path: ['level'] })

export const updatePlaceInput = z.strictObject({
  id: placeId,
  patch: z
    .strictObject({
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
    })
    .partial()
    .refine((p) => Object.keys(p).length > 0, { error: '没有要修改的内容' }),
})

const ymd = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, { error: '日期格式应为 YYYY-MM-DD' })

export const placesContract = {
  /**
   * Nearest places (≤ 20 a page) with distance, by kind / amenities / open now; one DB read. Without
   * a position, around the district's home (where the map opens, `user.settings`' map centre; one
   * more read): the app asks it at launch, before the settings have arrived.
   */
  nearby: action<NearbyResult>()(
    z.strictObject({
      longitude: longitude.optional(),
      latitude: latitude.optional(),
      radius: z.number().int().min(100).max(MAX_RADIUS_M, { error: `搜索范围最大 ${MAX_RADIUS_M / 1000} 公里` }).default(DEFAULT_RADIUS_M),
      kinds: z.array(placeKind).max(PLACE_KINDS.length).optional(),
      amenities: z.array(amenity).max(AMENITIES.length).optional(),
      openNow: z.boolean().optional(),
      limit: z.number().int().min(1).max(NEARBY_PAGE_SIZE).default(NEARBY_PAGE_SIZE),
      /** the `next` of the previous page */
      after: z.strictObject({ distance: z.number().min(0).max(MAX_RADIUS_M), ids: z.array(placeId).max(NEARBY_PAGE_SIZE) }).optional(),
    }).refine((i) => (i.longitude === undefined) === (i.latitude === undefined), { error: '经度和纬度需要一起提供', path: ['latitude'] }),
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
      accuracy: z.number().min(0).max(100_000),
      /** when the phone took the fix (ms since epoch) */
      fixedAt: z.number().int().min(0),
    }),
  ),
  /** One-tap live status: 关门 / 充电桩坏了 / 已满 / 其他. */
  reportStatus: action<ReportResult>()(
    z
      .strictObject({ placeId, kind: z.enum(REPORT_KINDS, { error: '不支持的反馈类型' }), note: plainText(1, 100).optional().describe('补充说明') })
      .refine((r) => r.kind !== 'other' || !!r.note, { error: '选择「其他问题」时请简单说明', path: ['note'] }),
  ),
  // ---- community workers (their communities) and admins (everywhere) ----
  create: action<PlaceDetail>()(createPlaceInput),
  update: action<PlaceDetail>()(updatePlaceInput),
  setTemporarilyClosed: action<PlaceDetail>()(
    z
      .strictObject({ id: placeId, closed: z.boolean(), reason: plainText(2, 60).optional().describe('暂停原因'), until: ymd.optional() })
      .refine((r) => !r.closed || (!!r.reason && !!r.until), { error: '暂停营业需要填写原因和恢复日期', path: ['reason'] }),
  ),
  /** The caller's community places with check-in counts and recent reports. */
  listMine: action<ManagedPlacesResult>()(z.strictObject({ communityId: communityId.optional(), kind: placeKind.optional() })),
  /** Live reports of one place, newest first (staff of its community). */
  reports: action<StaffReportView[]>()(z.strictObject({ placeId, limit: z.number().int().min(1).max(50).default(20) })),
}
