import { BLANK_DRAFT, checkDraft, draftOf } from '../form'
import type { ManagedItemView } from '@domain/entities/mall'

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
  it('refuses what the function would refuse, e.g. an ID-card number in the text', () => {
    expect(checkDraft({ ...BLANK_DRAFT, title: '姜茶', description: '联系 330106199001011234' }, [])).toMatchObject({ ok: false, field: 'description', message: expect.stringContaining('身份证') })
  })
})
