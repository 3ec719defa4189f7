import * as z from 'zod/mini'
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
import { communityId, docId, latitude, longitude, placeId, plainText } from '../schemas'
import { CHECKIN_CODE_RE, MAX_CAPACITY } from './rules'
import { EARN_RULES } from '../points/rules'
import { action } from '../action'

export const activityId = docId('活动')
export const activityType = z.enum(ACTIVITY_TYPES, { error: '不支持的活动类型' })

/** An instant as milliseconds since the epoch (the app converts from Asia/Shanghai wall time). */
const instant = z.int({ error: '时间格式不正确' }).check(z.gte(Date.UTC(2024, 0, 1), { error: '时间格式不正确' }), z.lte(Date.UTC(2100, 0, 1), { error: '时间格式不正确' }))

const ymd = z.string().check(z.regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, { error: '日期格式应为 YYYY-MM-DD' }))

/** Where the activity happens: a place of the map, or an address with coordinates. */
const where = z.union([
  z.strictObject({ placeId }),
  z.strictObject({ name: plainText(2, 40).check(z.describe('地点名称')), address: plainText(2, 80).check(z.describe('地点地址')), longitude, latitude }),
])

const activityFields = {
  type: activityType,
  title: plainText(2, 40).check(z.describe('活动名称')),
  description: plainText(0, 1000).check(z.describe('活动说明')),
  communityId,
  where,
  startAt: instant,
  endAt: instant,
  capacity: z.int({ error: '名额请填写整数' }).check(z.gte(0, { error: '名额不能为负数' }), z.gte(1, { error: '名额至少 1 人' }), z.lte(MAX_CAPACITY, { error: `名额最多 ${MAX_CAPACITY} 人` })),
  /** default: 1 hour before the start */
  signupDeadline: z.optional(instant),
  /** default: 18:00 the day before (Asia/Shanghai), or 2 hours before the start */
  cancelDeadline: z.optional(instant),
  verifiedOnly: z.boolean(),
  /** points per counted service hour; the district's earn rule is the maximum */
  pointsPerHour: z.int({ error: '每小时积分应为整数' }).check(z.gte(0, { error: '每小时积分不能为负' }), z.lte(EARN_RULES.volunteerHours.perUnit, { error: `每小时最多 ${EARN_RULES.volunteerHours.perUnit} 积分（区里的积分规则）` })),
}

export const createActivityInput = z.strictObject({
  ...activityFields,
  description: z._default(activityFields.description, ''),
  verifiedOnly: z._default(activityFields.verifiedOnly, true),
  pointsPerHour: z._default(activityFields.pointsPerHour, EARN_RULES.volunteerHours.perUnit),
})

export const updateActivityInput = z.strictObject({
  id: activityId,
  patch: z.partial(z.strictObject({
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
  })).check(z.refine((p) => Object.keys(p).length > 0, { error: '没有要修改的内容' })),
})

/** A fresh location fix from the phone, as check-in/out needs it. */
const fix = {
  longitude,
  latitude,
  /** metres, as the phone reports it */
  accuracy: z.number().check(z.gte(0), z.lte(100_000)),
  /** when the phone took the fix (ms since epoch) */
  fixedAt: z.int().check(z.gte(0)),
}

const checkInput = z.strictObject({
  activityId,
  code: z.string().check(z.regex(CHECKIN_CODE_RE, { error: '签到码是 6 位数字' })),
  ...fix,
})

export const volunteerContract = {
  // ---- riders (and anyone browsing) ----
  /** Upcoming activities (not ended), soonest first; filter by type, community, from a date (Asia/Shanghai). */
  list: action<ActivityListResult>()(
    z.strictObject({
      type: z.optional(activityType),
      communityId: z.optional(communityId),
      from: z.optional(ymd),
      limit: z._default(z.int().check(z.gte(1), z.lte(50)), 50),
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
  cancelActivity: action<CancelActivityResult>()(z.strictObject({ id: activityId, reason: plainText(2, 60).check(z.describe('取消原因')) })),
  /** Activities of the caller's communities, newest start first (past ones included). */
  listManaged: action<ManagedActivitiesResult>()(z.strictObject({ communityId: z.optional(communityId), includePast: z._default(z.boolean(), true) })),
  roster: action<RosterResult>()(z.strictObject({ id: activityId })),
  exportRoster: action<RosterCsv>()(z.strictObject({ id: activityId })),
  /** Mark signed-up riders who never checked in as no-shows (after the start). */
  markNoShows: action<NoShowResult>()(z.strictObject({ id: activityId, signupIds: z.array(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,160}$/))).check(z.minLength(1), z.maxLength(500)) })),
  /** The current rotating check-in code of an activity (shown as a QR on the worker's phone). */
  checkinCode: action<CheckinCodeView>()(z.strictObject({ id: activityId })),
}
