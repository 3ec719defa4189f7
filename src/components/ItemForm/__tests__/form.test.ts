import * as z from 'zod/mini'
import { itemFields, stock } from '@domain/mall/contract'
import { BLANK_DRAFT, checkDraft, draftOf, type ItemDraft } from '../form'
import type { ManagedItemView } from '@domain/mall/model'

const ok = (r: ReturnType<typeof checkDraft>) => {
  if (!r.ok) throw new Error(r.message)
  return r
}

describe('checkDraft', () => {
  const filled = { ...BLANK_DRAFT, title: ' 姜茶一杯 ', description: '到店即取' }

  it('trims text, parses integers and keeps the photos in order', () => {
    expect(ok(checkDraft(filled, ['cloud://a', 'cloud://b']))).toEqual({
      ok: true,
      values: { title: '姜茶一杯', description: '到店即取', photos: ['cloud://a', 'cloud://b'], price: 20, limit: { period: 'day', count: 1 }, validDays: 7 },
      stock: 10,
    })
  })

  it('names the first field to fix, at the contract’s bounds', () => {
    expect(checkDraft({ ...filled, title: '茶' }, [])).toMatchObject({ ok: false, field: 'title' })
    expect(checkDraft({ ...filled, title: '茶'.repeat(31) }, [])).toMatchObject({ ok: false, field: 'title' })
    expect(checkDraft({ ...filled, price: '0' }, [])).toMatchObject({ ok: false, field: 'price' })
    expect(checkDraft({ ...filled, price: '1.5' }, [])).toMatchObject({ ok: false, field: 'price' })
    expect(checkDraft({ ...filled, stock: '-1' }, [])).toMatchObject({ ok: false, field: 'stock' })
    expect(checkDraft({ ...filled, stock: '0' }, [])).toMatchObject({ ok: true, stock: 0 })
    expect(checkDraft({ ...filled, period: 'once', count: '11' }, [])).toMatchObject({ ok: false, field: 'count' })
    expect(checkDraft({ ...filled, period: 'once', count: '10' }, [])).toMatchObject({ ok: true })
    expect(checkDraft({ ...filled, validDays: '366' }, [])).toMatchObject({ ok: false, field: 'validDays' })
  })

  it('ignores the count when there is no limit', () => {
    expect(ok(checkDraft({ ...filled, period: 'none', count: '' }, [])).values.limit).toEqual({ period: 'none', count: 1 })
  })

  it('round-trips an item', () => {
    const item = { title: '雨衣', description: '到站领取', price: 120, stock: 3, limit: { period: 'once', count: 1 }, validDays: 30 } as ManagedItemView
    expect(ok(checkDraft(draftOf(item), [])).values).toMatchObject({ title: '雨衣', price: 120, limit: { period: 'once', count: 1 }, validDays: 30 })
  })
})

describe('checkDraft and the contract', () => {
  const schema = z.strictObject({ ...itemFields, stock })

  it('refuses an ID-card number in the text, as the function does', () => {
    expect(checkDraft({ ...BLANK_DRAFT, title: '姜茶', description: '联系 330106199001011234' }, [])).toMatchObject({ ok: false, field: 'description', message: expect.stringContaining('身份证') })
  })

  it('agrees with the contract’s schema on every boundary', () => {
    const base = { ...BLANK_DRAFT, title: '姜茶一杯', description: '到店即取' }
    const cases: Partial<ItemDraft>[] = [
      { title: '茶' }, { title: '茶茶' }, { title: '茶'.repeat(30) }, { title: '茶'.repeat(31) },
      { description: '取'.repeat(200) }, { description: '取'.repeat(201) },
      { price: '0' }, { price: '1' }, { price: '100000' }, { price: '100001' },
      { stock: '0' }, { stock: '100000' }, { stock: '100001' },
      { period: 'once', count: '10' }, { period: 'once', count: '11' }, { period: 'day', count: '100' }, { period: 'day', count: '101' }, { period: 'week', count: '0' },
      { validDays: '0' }, { validDays: '1' }, { validDays: '365' }, { validDays: '366' },
    ]
    for (const c of cases) {
      const d = { ...base, ...c }
      const form = checkDraft(d, [])
      const count = d.period === 'none' ? 1 : Number(d.count)
      const server = schema.safeParse({ title: d.title, description: d.description, photos: [], price: Number(d.price), limit: { period: d.period, count }, validDays: Number(d.validDays), stock: Number(d.stock) })
      expect({ c, form: form.ok }).toEqual({ c, form: server.success })
    }
  })
})
