/**
 * Subscribe messages (订阅消息): the one table of what the functions send, the deployment settings
 * that pick a template for each, and the formatting of values to WeChat's typed template keys.
 *
 * A template is chosen in the mini-program console (功能 → 订阅消息) from WeChat's public library;
 * its keys are typed by their prefix (`thing1`, `phrase2`, `time3`, …) and WeChat refuses a value
 * that breaks its type's rule with errcode 47003. The rules (订阅消息参数值内容限制说明) are those of
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 * (其他说明): thing ≤ 20 characters; number ≤ 32 digits (a decimal point allowed); letter ≤ 32
 * letters; symbol ≤ 5 symbols; character_string ≤ 32 digits, letters or symbols; time a 24-hour
 * time, optionally with the date ("2019年10月1日 15:01"); date a date, optionally with the time;
 * amount one currency sign + ≤ 10 digits (decimals allowed, may end in 元); phone_number ≤ 17 digits
 * and symbols; car_number ≤ 8; name ≤ 10 Chinese characters or ≤ 20 letters; phrase ≤ 5 Chinese
 * characters only.
 *
 * Settings (function environment variables; README → deploy): `<ENV>_TEMPLATE_ID` and
 * `<ENV>_TEMPLATE_FIELDS`, the latter naming the template key of each field, e.g.
 * `result=phrase1,note=thing2,time=time3` (a field the chosen template lacks may be left out).
 * A message without both settings is not sent, and the app does not ask riders for it.
 */
import type { SubscriptionKind } from '../domain/user/settings'
import { formatDate, formatFullDateTime } from '../domain/time'
import { getCloud } from './cloud'

interface FieldSpec {
  /** the key in the suggested template (the local emulator's setting) */
  key: string
  /** what the field shows, as the template's keyword should read */
  label: string
}

interface MessageSpec {
  /** prefix of the environment variables: `<env>_TEMPLATE_ID`, `<env>_TEMPLATE_FIELDS` */
  env: string
  /** the template id the local emulator uses */
  localTemplateId: string
  fields: Record<string, FieldSpec>
}

/**
 * Every subscribe message the functions send: what they need to send it. The README's table is
 * this one with SUBSCRIBE_MESSAGE_DOCS (./subscribe-message-docs.ts), which the bundles leave out.
 */
export const SUBSCRIBE_MESSAGES = {
  identityReview: {
    env: 'IDENTITY_REVIEW',
    localTemplateId: 'identity-review-result',
    fields: {
      result: { key: 'phrase1', label: '审核结果' },
      note: { key: 'thing2', label: '备注' },
      time: { key: 'time3', label: '审核时间' },
    },
  },
  suggestionStatus: {
    env: 'SUGGESTION_STATUS',
    localTemplateId: 'suggestion-status',
    fields: {
      subject: { key: 'thing1', label: '反映内容' },
      status: { key: 'phrase2', label: '处理状态' },
      note: { key: 'thing3', label: '处理说明' },
      time: { key: 'time4', label: '更新时间' },
    },
  },
  volunteerPromoted: {
    env: 'VOLUNTEER_PROMOTED',
    localTemplateId: 'volunteer-promoted',
    fields: {
      activity: { key: 'thing1', label: '活动名称' },
      start: { key: 'time2', label: '活动时间' },
      place: { key: 'thing3', label: '活动地点' },
      note: { key: 'thing4', label: '温馨提示' },
    },
  },
  volunteerCancelled: {
    env: 'VOLUNTEER_CANCELLED',
    localTemplateId: 'volunteer-cancelled',
    fields: {
      activity: { key: 'thing1', label: '活动名称' },
      start: { key: 'time2', label: '活动时间' },
      place: { key: 'thing3', label: '活动地点' },
      note: { key: 'thing4', label: '取消原因' },
    },
  },
  volunteerReminder: {
    env: 'VOLUNTEER_REMINDER',
    localTemplateId: 'volunteer-reminder',
    fields: {
      activity: { key: 'thing1', label: '活动名称' },
      start: { key: 'time2', label: '活动时间' },
      place: { key: 'thing3', label: '活动地点' },
      note: { key: 'thing4', label: '温馨提示' },
    },
  },
  pointsExpiry: {
    env: 'POINTS_EXPIRY',
    localTemplateId: 'points-expiry-reminder',
    fields: {
      subject: { key: 'thing1', label: '提醒内容' },
      points: { key: 'number2', label: '到期积分' },
      date: { key: 'date3', label: '到期日期' },
      note: { key: 'thing4', label: '温馨提示' },
    },
  },
} as const satisfies Record<SubscriptionKind, MessageSpec>

type Messages = typeof SUBSCRIBE_MESSAGES
export type FieldOf<K extends SubscriptionKind> = keyof Messages[K]['fields'] & string
export type FieldValue = string | number | Date
export type MessageValues<K extends SubscriptionKind> = Record<FieldOf<K>, FieldValue>

// ---- formatting to the key types ----

const chars = (s: string) => Array.from(s)
/** At most n characters; a cut text ends in … (counted). */
const clip = (s: string, n: number) => (chars(s).length > n ? `${chars(s).slice(0, n - 1).join('')}…` : s)
const keep = (s: string, re: RegExp, n: number) => chars(s).filter((c) => re.test(c)).slice(0, n).join('')
const HAN = /\p{Script=Han}/u

// the documented formats: date "2019年10月1日", time "2019年10月1日 15:01" (Asia/Shanghai)
const dateText = (d: Date) => formatDate(d)
const timeText = (d: Date) => formatFullDateTime(d)
const text = (v: FieldValue) => (v instanceof Date ? timeText(v) : String(v))

/** Key type (the key without its number) → how a value becomes a value WeChat accepts. */
const FORMATS: Record<string, (v: FieldValue) => string> = {
  thing: (v) => clip(text(v), 20),
  phrase: (v) => keep(text(v), HAN, 5),
  time: (v) => text(v),
  date: (v) => (v instanceof Date ? dateText(v) : String(v)),
  number: (v) => keep(String(v), /[0-9.]/, 32),
  letter: (v) => keep(String(v), /[A-Za-z]/, 32),
  symbol: (v) => keep(String(v), /[^\p{L}\p{N}\s]/u, 5),
  character_string: (v) => keep(String(v), /[\x21-\x7e]/, 32),
  amount: (v) => (typeof v === 'number' ? `¥${v.toFixed(2)}` : String(v)),
  phone_number: (v) => keep(String(v), /[0-9+-]/, 17),
  car_number: (v) => chars(String(v)).slice(0, 8).join(''),
  name: (v) => (HAN.test(String(v)) ? keep(String(v), HAN, 10) : keep(String(v), /[A-Za-z ·.]/, 20)),
}

const typeOf = (key: string) => /^([a-z_]+?)\d+$/.exec(key)?.[1]

/** The value for template key `key`, within its type's rule. */
export function formatValue(key: string, value: FieldValue): string {
  const type = typeOf(key)
  const format = type && FORMATS[type]
  if (!format) throw new Error(`subscribe message key "${key}" has no supported type`)
  return format(value)
}

// ---- settings ----

export interface Template {
  id: string
  /** field → template key */
  keys: Record<string, string>
}

type Env = Record<string, string | undefined>

/**
 * The template of `kind` from the environment, or why it is not usable. FIELDS must name known fields
 * and keys of a supported type (`thing3`, `time4`…): a typo would otherwise only show as errcode 47003.
 */
export function readTemplate(kind: SubscriptionKind, env: Env = process.env): Template | { problem: string } {
  const spec: MessageSpec = SUBSCRIBE_MESSAGES[kind]
  const id = env[`${spec.env}_TEMPLATE_ID`]?.trim()
  const fields = env[`${spec.env}_TEMPLATE_FIELDS`]?.trim()
  if (!id && !fields) return { problem: 'not configured' }
  if (!id || !fields) return { problem: `${spec.env}_TEMPLATE_ID and ${spec.env}_TEMPLATE_FIELDS must both be set` }
  const keys: Record<string, string> = {}
  for (const pair of fields.split(',')) {
    const [field, key] = pair.split('=').map((x) => x.trim())
    if (!field || !key || !Object.prototype.hasOwnProperty.call(spec.fields, field)) {
      return { problem: `${spec.env}_TEMPLATE_FIELDS: "${pair}" is not <field>=<key> with a field of ${Object.keys(spec.fields).join(', ')}` }
    }
    const type = typeOf(key)
    if (!type || !FORMATS[type]) return { problem: `${spec.env}_TEMPLATE_FIELDS: key "${key}" has no supported type (${Object.keys(FORMATS).join(', ')})` }
    keys[field] = key
  }
  return { id, keys }
}

const isTemplate = (t: Template | { problem: string }): t is Template => 'id' in t
const reported = new Set<string>()

/** The usable template of `kind`, or null (a misconfiguration is logged once per instance). */
export function templateOf(kind: SubscriptionKind, env: Env = process.env): Template | null {
  const t = readTemplate(kind, env)
  if (isTemplate(t)) return t
  if (t.problem !== 'not configured' && !reported.has(kind)) {
    reported.add(kind)
    console.error(JSON.stringify({ level: 'error', where: 'subscribe-messages', kind, problem: t.problem }))
  }
  return null
}

/** Template id of every message this deployment can send (what `user.settings` tells the app). */
export function configuredTemplateIds(env: Env = process.env): Partial<Record<SubscriptionKind, string>> {
  const out: Partial<Record<SubscriptionKind, string>> = {}
  for (const kind of Object.keys(SUBSCRIBE_MESSAGES) as SubscriptionKind[]) {
    const t = templateOf(kind, env)
    if (t) out[kind] = t.id
  }
  return out
}

/** The settings the local emulator gives every function: each message with its suggested template. */
export function localTemplateEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const spec of Object.values(SUBSCRIBE_MESSAGES) as MessageSpec[]) {
    env[`${spec.env}_TEMPLATE_ID`] = spec.localTemplateId
    env[`${spec.env}_TEMPLATE_FIELDS`] = Object.entries(spec.fields)
      .map(([field, f]) => `${field}=${f.key}`)
      .join(',')
  }
  return env
}

/** The `data` of a send: each mapped field under its template key, formatted to the key's type. */
export function templateData<K extends SubscriptionKind>(template: Template, values: MessageValues<K>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {}
  for (const [field, key] of Object.entries(template.keys)) data[key] = { value: formatValue(key, (values as Record<string, FieldValue>)[field]) }
  return data
}

/**
 * Sends one subscribe message; best effort, never throws and never inside a transaction. False when
 * the message is not configured or WeChat refuses it (e.g. 43101: the rider did not subscribe, or
 * used up their one-time subscription).
 */
export async function sendSubscribeMessage<K extends SubscriptionKind>(kind: K, touser: string, page: string, values: MessageValues<K>): Promise<boolean> {
  const template = templateOf(kind)
  if (!template) return false
  try {
    await getCloud().openapi.subscribeMessage.send({
      touser,
      templateId: template.id,
      page,
      miniprogramState: 'formal',
      data: templateData(template, values),
    } as never)
    return true
  } catch (err) {
    console.warn(JSON.stringify({ level: 'warn', where: `subscribe.${kind}`, touser, error: String((err as Error)?.message ?? err) }))
    return false
  }
}
