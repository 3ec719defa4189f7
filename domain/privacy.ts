import { BADGE_RETENTION_DAYS } from './identity/rules'
import { PERSONAL_COLLECTIONS, PERSONAL_DATA } from './personal-data'

/** Shows a mainland mobile number as 138****1234; anything else is masked but for its last 2 chars. */
export function maskPhone(phone: string): string {
  let digits = phone.replace(/\D/g, '')
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2)
  if (digits.length === 11) return `${digits.slice(0, 3)}****${digits.slice(7)}`
  if (digits.length <= 2) return '*'.repeat(digits.length)
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`
}

/** Shows a real name with the surname hidden (*明 / *小明), as the 小哥码 pass and public views do. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length <= 1) return '*'
  return `*${chars.slice(1).join('')}`
}

// ---- the privacy notice and consent (security items 1, 4, 5) ----

/**
 * The sensitive uses a person agrees to one by one (PIPL art. 29: separate consent for sensitive
 * data). Refusing one only switches off the features that need it.
 */
export const CONSENT_SCOPES = ['location', 'phone', 'photos'] as const
export type ConsentScope = (typeof CONSENT_SCOPES)[number]

export const CONSENT_SCOPE_LABELS: Record<ConsentScope, { title: string; purpose: string }> = {
  location: { title: '位置信息', purpose: '查找附近驿站、到站签到、标注反映问题的地点；只在你使用这些功能时获取一次，不在后台持续定位' },
  phone: { title: '手机号', purpose: '骑手认证时经微信授权获取，用于核实身份；只保存打码后的号码（如 138****1234）' },
  photos: { title: '照片', purpose: '认证时上传的工牌或接单截图、反映问题时附的照片；认证照片只有本社区审核人员能通过临时链接查看' },
}

/** How long an account waits between a 注销 request and the deletion (cancellable meanwhile). */
export const DELETION_COOLING_OFF_DAYS = 7

/** Check-ins keep the distance and accuracy of the rider's fix, reports their precise spot, this long. */
export const COORDINATE_RETENTION_DAYS = 180
/**
 * Staff-access records are kept at least six months (网络安全法 art. 21: network logs ≥ 6 months);
 * this project keeps them a year, then deletes them.
 */
export const AUDIT_RETENTION_DAYS = 365
/** Subscribe messages waiting to be sent (server/outbox.ts) are kept this long, then deleted. */
export const OUTBOX_RETENTION_DAYS = 7
/** Decimal places a report's location keeps after COORDINATE_RETENTION_DAYS (0.01° ≈ 1 km): the map's aggregates still work. */
export const COARSE_DECIMALS = 2

/** Every retention period, in one table: the README and the privacy page show it, the daily job applies it. */
export const RETENTION_PERIODS = [
  { what: '骑手认证的工牌照片', days: BADGE_RETENTION_DAYS, from: '审核决定', then: '从存储中删除' },
  { what: '到站签到时你与地点的距离和定位精度', days: COORDINATE_RETENTION_DAYS, from: '签到当天', then: '删除（签到次数保留）' },
  { what: '已办结的“微事我言”的精确位置', days: COORDINATE_RETENTION_DAYS, from: '提交', then: '只保留约 1 公里精度的位置' },
  { what: '工作人员查看个人信息的记录', days: AUDIT_RETENTION_DAYS, from: '查看当天', then: '删除' },
  { what: '待发送和已发送的订阅消息记录', days: OUTBOX_RETENTION_DAYS, from: '生成', then: '删除' },
  { what: '注销申请的冷静期', days: DELETION_COOLING_OFF_DAYS, from: '申请', then: '删除或匿名化你的全部个人信息' },
] as const

/** One collection that holds personal data: what of the person it keeps and for how long. */
export interface NoticeCollection {
  collection: string
  holds: string
  retention: string
}

/**
 * The privacy notice's version. Its own constant: the router checks consent records against it in
 * every function, which would otherwise carry the whole notice.
 */
export const NOTICE_VERSION = '2026-12-03.5'

/**
 * The privacy notice, in one place: the app shows it, consent records name its version, and a test
 * checks that it lists every collection whose export rule says it holds personal data. Change the
 * text → bump NOTICE_VERSION, and everyone is asked again before using the app.
 */
export const PRIVACY_NOTICE = {
  version: NOTICE_VERSION,
  title: '小哥驿站个人信息保护说明',
  summary:
    '小哥驿站由所在街道与社区运营，为骑手提供驿站地图、签到积分、志愿活动和“微事我言”。浏览驿站不需要认证，也不需要手机号。我们不收集身份证号码，不进行人脸识别。',
  // pure (as PERSONAL_COLLECTIONS): functions that import a retention constant from here drop the notice
  collections: /* @__PURE__ */ PERSONAL_COLLECTIONS.map((c): NoticeCollection => ({ collection: c, holds: PERSONAL_DATA[c].holds, retention: PERSONAL_DATA[c].retention })),
  periods: RETENTION_PERIODS,
  rights:
    '依照《中华人民共和国个人信息保护法》，你可以在“我的 › 个人信息与隐私”中查看和导出你的全部个人信息，查看工作人员何时查看过你的认证资料，也可以申请注销账号。',
} as const

export type PrivacyNotice = typeof PRIVACY_NOTICE

/**
 * What the app may call before the person has accepted PRIVACY_NOTICE (src/privacy/notice.ts holds
 * every other call until then): public reads that store nothing about the caller and create no
 * account. `cloudfunctions/user/privacy.test.ts` calls each as a brand-new user and finds nothing
 * stored. Only `user.consent` — the acceptance itself — stores something before it.
 */
export const BEFORE_NOTICE_ACTIONS = ['user.consentStatus', 'user.settings', 'places.nearby', 'places.detail'] as const

/**
 * What accepting the first-open notice records: the notice itself. Location and the phone number
 * are asked just in time (WeChat's own authorisation when a feature needs them), photos when the
 * person picks one; the scopes stay off here until agreed on 我的数据与隐私.
 */
export const FIRST_OPEN_CHOICES = { location: false, phone: false, photos: false } as const


/** How a person who has 注销'd appears on what stays public (微事我言 posts, staff events). */
export const DELETED_USER_NAME = '已注销用户'

