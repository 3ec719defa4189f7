/**
 * The item form's state and its checks before anything is sent (pure: unit-tested). The bounds
 * are the contract's (`ITEM_BOUNDS`); the schema itself is not imported, so the pages that use the
 * form do not carry the validation library (the function checks again anyway).
 */
import { ITEM_BOUNDS as B, type ItemValues, type ManagedItemView } from '@domain/mall/model'
import type { LimitPeriod } from '@domain/points/rules'
import { ID_CARD_MESSAGE, looksLikeIdCardNumber } from '@domain/identity/id-card'
import { wordCount } from '@domain/schemas'

export type { ItemValues }

export interface ItemDraft {
  title: string
  description: string
  price: string
  stock: string
  period: LimitPeriod
  count: string
  validDays: string
}

export const BLANK_DRAFT: ItemDraft = { title: '', description: '', price: '20', stock: '10', period: 'day', count: '1', validDays: '7' }

export const draftOf = (it: ManagedItemView): ItemDraft => ({
  title: it.title,
  description: it.description,
  price: String(it.price),
  stock: String(it.stock),
  period: it.limit.period,
  count: String(it.limit.count),
  validDays: String(it.validDays),
})

/** Field → label, for server errors that name a field. */
export const FIELD_LABELS: Record<string, string> = { title: '名称', description: '说明', photos: '图片', price: '所需积分', stock: '库存', limit: '每人限兑', validDays: '有效天数', placeId: '领取地点' }

const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN)
const within = (n: number, b: { min: number; max: number }) => n >= b.min && n <= b.max

export type DraftProblems = Partial<Record<keyof ItemDraft, string>>
export type DraftCheck = { ok: true; values: ItemValues; stock: number } | { ok: false; field: keyof ItemDraft; message: string; problems: DraftProblems }

const negative = (s: string) => /^\s*-\s*\d/.test(s)

/** The values to send, or everything a person must fix (each field's first problem; `field` the first of them). */
export function checkDraft(d: ItemDraft, photos: string[]): DraftCheck {
  const p: DraftProblems = {}
  const title = d.title.trim()
  const description = d.description.trim()
  if (!within(wordCount(title), B.title) || title.length > B.title.max) p.title = `名称请写 ${B.title.min} 到 ${B.title.max} 个字`
  else if (looksLikeIdCardNumber(title)) p.title = ID_CARD_MESSAGE
  if (!within(wordCount(description), B.description) || description.length > B.description.max) p.description = `请用 ${B.description.min} 到 ${B.description.max} 个字说明骑手怎么领取、有什么限制`
  else if (looksLikeIdCardNumber(description)) p.description = ID_CARD_MESSAGE
  const number = (k: 'price' | 'stock' | 'count' | 'validDays', label: string, b: { min: number; max: number }) => {
    const n = k === 'count' && d.period === 'none' ? 1 : int(d[k])
    if (negative(d[k])) p[k] = `${label}不能为负数`
    else if (!within(n, b)) p[k] = `${label}请填 ${b.min} 到 ${b.max} 的整数`
    return n
  }
  const price = number('price', '所需积分', B.price)
  const stock = number('stock', '库存', B.stock)
  const count = number('count', '次数', { min: B.count.min, max: d.period === 'once' ? B.onceCount : B.count.max })
  const validDays = number('validDays', '有效天数', B.validDays)
  const first = (Object.keys(p) as (keyof ItemDraft)[])[0]
  if (first) return { ok: false, field: first, message: p[first]!, problems: p }
  return { ok: true, values: { title, description, photos, price, limit: { period: d.period, count }, validDays }, stock }
}
