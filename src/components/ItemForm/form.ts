/** The item form's state and its checks before anything is sent (pure: unit-tested). */
import * as z from 'zod'
import type { ItemValues, ManagedItemView } from '@domain/entities/mall'
import { AppError } from '@domain/errors'
import { itemFields, stock as stockSchema } from '@domain/contracts/mall'
import type { LimitPeriod } from '@domain/points/rules'
import { parseOrThrow } from '@domain/validation'

export interface ItemDraft {
  title: string
  description: string
  price: string
  stock: string
  period: LimitPeriod
  count: string
  validDays: string
}


export type { ItemValues }

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

export type DraftCheck = { ok: true; values: ItemValues; stock: number } | { ok: false; field: keyof ItemDraft; message: string }

const itemSchema = z.strictObject({ ...itemFields, stock: stockSchema })

/**
 * The values to send, or the first thing a person must fix: plain words for the usual slips, then
 * the contract's own schema (so the form never sends what the function would refuse).
 */
export function checkDraft(d: ItemDraft, photos: string[]): DraftCheck {
  const title = d.title.trim()
  const description = d.description.trim()
  if (title.length < 2) return { ok: false, field: 'title', message: '名称至少 2 个字' }
  if (description.length < 2) return { ok: false, field: 'description', message: '请写一句说明：骑手怎么领取、有什么限制' }
  const price = int(d.price)
  if (!(price >= 1 && price <= 100_000)) return { ok: false, field: 'price', message: '所需积分请填 1 到 100000 的整数' }
  const stock = int(d.stock)
  if (!(stock >= 0 && stock <= 100_000)) return { ok: false, field: 'stock', message: '库存请填 0 到 100000 的整数' }
  const count = d.period === 'none' ? 1 : int(d.count)
  const maxCount = d.period === 'once' ? 10 : 100
  if (!(count >= 1 && count <= maxCount)) return { ok: false, field: 'count', message: `次数请填 1 到 ${maxCount} 的整数` }
  const validDays = int(d.validDays)
  if (!(validDays >= 1 && validDays <= 365)) return { ok: false, field: 'validDays', message: '有效天数请填 1 到 365 的整数' }
  const values: ItemValues = { title, description, photos, price, limit: { period: d.period, count }, validDays }
  try {
    parseOrThrow(itemSchema, { ...values, stock })
  } catch (e) {
    const field = ((e as AppError).field ?? 'title').split('.')[0]
    return { ok: false, field: (field === 'limit' ? 'count' : field in d ? field : 'title') as keyof ItemDraft, message: (e as AppError).message }
  }
  return { ok: true, values, stock }
}
