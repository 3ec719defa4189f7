/**
 * The value limits of subscribe-message template data, by the type in each key's name (`thing1`,
 * `phrase2`, `character_string3`, …), from 订阅消息参数值内容限制说明
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html).
 * WeChat answers a value that breaks them with errcode 47003 "argument invalid! data.<key>.value
 * invalid" ("… is empty" for an empty one). time/date only need to look like a time: their formats
 * are loose ("24小时制时间格式(支持+年月日)", "年月日格式(支持+24小时制时间)", ranges with ~).
 */
const CJK = /^[\u3400-\u9fff]+$/u
const LETTERS = /^[A-Za-z]+$/
const chars = (v: string) => Array.from(v).length

const RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => chars(v) <= 20,
  number: (v) => /^\d+(\.\d+)?$/.test(v) && v.replace('.', '').length <= 32,
  letter: (v) => LETTERS.test(v) && v.length <= 32,
  symbol: (v) => /^[^\p{L}\p{N}\s]+$/u.test(v) && chars(v) <= 5,
  character_string: (v) => /^[\x21-\x7e]+$/.test(v) && v.length <= 32,
  time: (v) => /\d/.test(v) && chars(v) <= 50,
  date: (v) => /\d/.test(v) && chars(v) <= 50,
  amount: (v) => /^[^\d\s]?\d{1,10}(\.\d+)?元?$/u.test(v),
  phone_number: (v) => /^[\d+\-() ]+$/.test(v) && v.length <= 17,
  car_number: (v) => chars(v) <= 8 && /^[\u3400-\u9fffA-Za-z0-9]?[A-Za-z0-9]*[\u3400-\u9fffA-Za-z0-9]?$/u.test(v),
  name: (v) => (CJK.test(v) || /[\u3400-\u9fff]/u.test(v) ? chars(v) <= 10 : chars(v) <= 20),
  phrase: (v) => CJK.test(v) && chars(v) <= 5,
}

/** The first problem of `data` as WeChat words it (`data.thing1.value invalid`), or null. */
export function subscribeDataProblem(data: Record<string, unknown>): string | null {
  for (const [key, entry] of Object.entries(data)) {
    const raw = entry && typeof entry === 'object' ? (entry as { value?: unknown }).value : undefined
    const value = raw === undefined || raw === null ? '' : String(raw)
    if (value === '') return `data.${key}.value is empty`
    const type = /^([a-z_]+?)\d+$/.exec(key)?.[1]
    const rule = type ? RULES[type] : undefined
    if (rule && !rule(value)) return `data.${key}.value invalid`
  }
  return null
}
