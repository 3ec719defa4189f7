/**
 * What WeChat checks in a subscribeMessage.send, as far as it can be checked without the template:
 * each `data` key's value against the rule of its type (the key's prefix), and `page` against the
 * app's pages. Rules: 订阅消息参数值内容限制说明 in
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 * A broken rule is errcode 47003 naming the key ("argument invalid! data.thing2.value invalid"); an
 * unknown page 41030. Not checked (unknowable here): that the keys are the template's own.
 */

const chars = (s: string) => Array.from(s)
const only = (re: RegExp) => (s: string) => chars(s).every((c) => re.test(c))
const HAN = /\p{Script=Han}/u
/** "15:01", "2019年10月1日 15:01", "2019-10-01 15:01" (with seconds or not) */
const TIME = /^((\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*)?([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/
/** "2019年10月1日", "2019-10-01", optionally followed by a time */
const DATE = /^(\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(\s*([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?)?$/
/** a time or date range is two of them joined by ~ */
const range = (one: RegExp) => (s: string) => s.split('~').length <= 2 && s.split('~').every((part) => one.test(part.trim()))

/** Key type → whether a value is allowed (values are non-empty strings by then). */
export const SUBSCRIBE_VALUE_RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => chars(v).length <= 20,
  number: (v) => /^-?\d+(\.\d+)?$/.test(v) && v.replace(/\D/g, '').length <= 32,
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => chars(v).length <= 5 && only(/[^\p{L}\p{N}\s]/u)(v),
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  time: range(TIME),
  date: range(DATE),
  amount: (v) => /^[¥$€£￥]?\d{1,10}(\.\d+)?元?$/.test(v),
  phone_number: (v) => /^[\d+\-() ]{1,17}$/.test(v),
  car_number: (v) => chars(v).length <= 8,
  name: (v) => (HAN.test(v) ? chars(v).length <= 10 : v.length <= 20),
  phrase: (v) => chars(v).length <= 5 && only(HAN)(v),
}

export interface SendProblem {
  errcode: number
  errmsg: string
}

/** The first problem WeChat would answer for this `data` and `page`, or null. */
export function checkSubscribeSend(data: Record<string, unknown>, page: unknown, pages: readonly string[] | undefined): SendProblem | null {
  const keys = Object.keys(data)
  if (!keys.length) return { errcode: 47003, errmsg: 'argument invalid! data is empty' }
  for (const key of keys) {
    const entry = data[key]
    const raw = entry && typeof entry === 'object' ? (entry as { value?: unknown }).value : undefined
    const value = typeof raw === 'number' ? String(raw) : raw
    if (typeof value !== 'string' || value.trim() === '') return { errcode: 47003, errmsg: `argument invalid! data.${key}.value is empty` }
    const type = /^([a-z_]+?)\d+$/.exec(key)?.[1]
    const rule = type ? SUBSCRIBE_VALUE_RULES[type] : undefined
    if (!rule) return { errcode: 47003, errmsg: `argument invalid! data.${key} is not a template keyword` }
    if (!rule(value)) return { errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid` }
  }
  if (page !== undefined && page !== '') {
    if (typeof page !== 'string') return { errcode: 41030, errmsg: 'invalid page' }
    const path = page.split('?')[0]
    // app.json lists pages without a leading slash or an extension
    const known = pages ? pages.includes(path) : /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(path)
    if (!known) return { errcode: 41030, errmsg: `invalid page: ${path} is not a page of the mini-program` }
  }
  return null
}
