import * as z from 'zod'
import {
  ACTIVITY_TYPES,
  type ActivityDetail,
  type ActivityListResult,
  type CancelActivityResult,
  type CancelSignupResult,
  type CertificateData,
  type CheckinCodeView,
  type CheckInOutResult,
  type ManagedActivitiesResult,
  type NoShowResult,
  type RosterCsv,
  type RosterResult,
  type ServiceRecord,
  type SignUpResult,
} from './model'
import { docId, latitude, longitude, plainText } from '../schemas'
import { CHECKIN_CODE_RE, MAX_CAPACITY } from './rules'
import { EARN_RULES } from '../points/rules'
import { action } from '../action'
import { communityId, placeId } from '../places/contract'

export const activityId = docId('活动')
export const activityType = z.enum(ACTIVITY_TYPES, { error: '不支持的活动类型' })

/** An instant as milliseconds since the epoch (the app converts from Asia/Shanghai wall time). */
const instant = z
  .number()
  .int({ error: '时间格式不正确' })
  .min(Date.UTC(2024, 0, 1), { error: '时间格式不正确' })
  .max(Date.UTC(2100, 0, 1), { error: '时间格式不正确' })

const ymd = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, { error: '日期格式应为 YYYY-MM-DD' })

/** Where the activity happens: a place of the map, or an address with coordinates. */
const where = z.union([
  z.strictObject({ placeId }),
  z.strictObject({ name: plainText(2, 40).describe('地点名称'), address: plainText(2, 80).describe('地点地址'), longitude, latitude }),
])

const activityFields = {
  type: activityType,
  title: plainText(2, 40).describe('活动名称'),
  description: plainText(0, 1000).describe('活动说明'),
  communityId,
  where,
  startAt: instant,
  endAt: instant,
  capacity: z.number().int({ error: '名额请填写整数' }).min(0, { error: '名额不能为负数' }).min(1, { error: '名额至少 1 人' }).max(MAX_CAPACITY, { error: `名额最多 ${MAX_CAPACITY} 人` }),
  /** default: 1 hour before the start */
  signupDeadline: instant.optional(),
  /** default: 18:00 the day before (Asia/Shanghai), or 2 hours before the start */
  cancelDeadline: instant.optional(),
  verifiedOnly: z.boolean(),
  /** points per counted service hour; the district's earn rule is the maximum */
  pointsPerHour: z
    .number()
    .int({ error: '每小时积分应为整数' })
    .min(0, { error: '每小时积分不能为负' })
    .max(EARN_RULES.volunteerHours.perUnit, { error: `每小时最多 ${EARN_RULES.volunteerHours.perUnit} 积分（区里的积分规则）` }),
}

export const createActivityInput = z.strictObject({
  ...activityFields,
  description: activityFields.description.default(''),
  verifiedOnly: activityFields.verifiedOnly.default(true),
  pointsPerHour: activityFields.pointsPerHour.default(EARN_RULES.volunteerHours.perUnit),
})

export const updateActivityInput = z.strictObject({
  id: activityId,
  patch: z
    .strictObject({
      title: activityFields.title,
      description: activityFields.description,
      where: activityFields.where,
      startAt: activityFields.startAt,
      endAt: activityFields.endAt,
      capacity: activityFields.capacity,
      signupDeadline: instant,
      cancelDeadline: instant,
      verifiedOnly: activityFields.verifiedOnly,
      pointsPerHour: activityFields.pointsPerHour,
    })
    .partial()
    .refine((p) => Object.keys(p).length > 0, { error: '没有要修改的内容' }),
})

/** A fresh location fix from the phone, as check-in/out needs it. */
const fix = {
  longitude,
  latitude,
  /** metres, as the phone reports it */
  accuracy: z.number().min(0).max(100_000),
  /** when the phone took the fix (ms since epoch) */
  fixedAt: z.number().int().min(0),
}

const checkInput = z.strictObject({
  activityId,
  code: z.string().regex(CHECKIN_CODE_RE, { error: '签到码是 6 位数字' }),
  ...fix,
})

export const volunteerContract = {
  // ---- riders (and anyone browsing) ----
  /** Upcoming activities (not ended), soonest first; filter by type, community, from a date (Asia/Shanghai). */
  list: action<ActivityListResult>()(
    z.strictObject({
      type: activityType.optional(),
      communityId: communityId.optional(),
      from: ymd.optional(),
      limit: z.number().int().min(1).max(50).default(50),
    }),
  ),
  /** One activity with places left and the caller's own sign-up. */
  detail: action<ActivityDetail>()(z.strictObject({ id: activityId })),
  /** Sign up (a place, or the waitlist when full). ≤ 2 reads + 2 writes. */
  signUp: action<SignUpResult>()(z.strictObject({ activityId })),
  /** Cancel the caller's sign-up; a freed place goes to the first waitlisted rider. */
  cancel: action<CancelSignupResult>()(z.strictObject({ activityId })),
  checkIn: action<CheckInOutResult>()(checkInput),
  checkOut: action<CheckInOutResult>()(checkInput),
  /** The caller's service record: total hours, activities. */
  myRecord: action<ServiceRecord>()(z.strictObject({})),
  /** Data for the 志愿服务证明 certificate. */
  certificate: action<CertificateData>()(z.strictObject({})),
  // ---- community workers (their communities) and admins ----
  create: action<ActivityDetail>()(createActivityInput),
  update: action<ActivityDetail>()(updateActivityInput),
  /** Cancel the activity and notify everyone signed up or waiting. */
  cancelActivity: action<CancelActivityResult>()(z.strictObject({ id: activityId, reason: plainText(2, 60).describe('取消原因') })),
  /** Activities of the caller's communities, newest start first (past ones included). */
  listManaged: action<ManagedActivitiesResult>()(z.strictObject({ communityId: communityId.optional(), includePast: z.boolean().default(true) })),
  roster: action<RosterResult>()(z.strictObject({ id: activityId })),
  exportRoster: action<RosterCsv>()(z.strictObject({ id: activityId })),
  /** Mark signed-up riders who never checked in as no-shows (after the start). */
  markNoShows: action<NoShowResult>()(z.strictObject({ id: activityId, signupIds: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,160}$/)).min(1).max(500) })),
  /** The current rotating check-in code of an activity (shown as a QR on the worker's phone). */
  checkinCode: action<CheckinCodeView>()(z.strictObject({ id: activityId })),
}
