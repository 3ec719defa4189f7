/**
 * The item form's state and its checks before anything is sent (pure: unit-tested). The bounds
 * are the contract's (`ITEM_BOUNDS`); the schema itself is not imported, so the pages that use the
 * form do not carry the validation library (the function checks again anyway).
 */
import { ITEM_BOUNDS as B, type ItemValues, type ManagedItemView } from '@domain/mall/model'
import type { LimitPeriod } from '@domain/points/rules'
import { ID_CARD_MESSAGE, looksLikeIdCardNumber } from '@domain/identity/id-card'

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

export type DraftCheck = { ok: true; values: ItemValues; stock: number } | { ok: false; field: keyof ItemDraft; message: string }

/** The values to send, or the first thing a person must fix. */
export function checkDraft(d: ItemDraft, photos: string[]): DraftCheck {
  const title = d.title.trim()
  const description = d.description.trim()
  if (!within(title.length, B.title)) return { ok: false, field: 'title', message: `名称请写 ${B.title.min} 到 ${B.title.max} 个字` }
  if (!within(description.length, B.description)) return { ok: false, field: 'description', message: `请用 ${B.description.min} 到 ${B.description.max} 个字说明骑手怎么领取、有什么限制` }
  if (looksLikeIdCardNumber(title)) return { ok: false, field: 'title', message: ID_CARD_MESSAGE }
  if (looksLikeIdCardNumber(description)) return { ok: false, field: 'description', message: ID_CARD_MESSAGE }
  const price = int(d.price)
  if (!within(price, B.price)) return { ok: false, field: 'price', message: `所需积分请填 ${B.price.min} 到 ${B.price.max} 的整数` }
  const stock = int(d.stock)
  if (!within(stock, B.stock)) return { ok: false, field: 'stock', message: `库存请填 ${B.stock.min} 到 ${B.stock.max} 的整数` }
  const count = d.period === 'none' ? 1 : int(d.count)
  const maxCount = d.period === 'once' ? B.onceCount : B.count.max
  if (!within(count, { min: B.count.min, max: maxCount })) return { ok: false, field: 'count', message: `次数请填 ${B.count.min} 到 ${maxCount} 的整数` }
  const validDays = int(d.validDays)
  if (!within(validDays, B.validDays)) return { ok: false, field: 'validDays', message: `有效天数请填 ${B.validDays.min} 到 ${B.validDays.max} 的整数` }
  return { ok: true, values: { title, description, photos, price, limit: { period: d.period, count }, validDays }, stock }
}
