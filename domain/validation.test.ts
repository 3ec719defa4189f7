import * as z from 'zod/mini'
import { AppError } from './errors'
import { parseOrThrow, problemsOf } from './validation'
import { looksLikeIdCardNumber, plainText, wordCount } from './schemas'

const failure = (schema: z.ZodMiniType, input: unknown): AppError => {
  try {
    parseOrThrow(schema, input)
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected a validation error')
}

describe('parseOrThrow', () => {
  const form = z.strictObject({
    name: plainText(2, 20).check(z.describe('姓名')),
    age: z.optional(z.int().check(z.gte(16))).check(z.describe('年龄')),
    seats: z.optional(z.int().check(z.gte(0))).check(z.describe('名额')),
    place: z.optional(z.strictObject({ longitude: z.number(), latitude: z.number() })).check(z.describe('位置')),
  })

  it('returns the parsed (trimmed) value', () => {
    expect(parseOrThrow(form, { name: '  张三  ' })).toEqual({ name: '张三' })
  })

  it.each([
    [{ name: '张' }, 'name', '姓名至少需要 2 个字'],
    [{ name: '😀😀😀' }, 'name', '姓名至少需要 2 个字'],
    [{ name: '张'.repeat(21) }, 'name', '姓名不能超过 20 个字'],
    [{}, 'name', '请填写姓名'],
    [{ name: 3 }, 'name', '姓名的格式不正确'],
    [{ name: '张三', age: 12 }, 'age', '年龄不能小于 16'],
    [{ name: '张三', age: 16.5 }, 'age', '年龄请填写整数'],
    [{ name: '张三', seats: -5 }, 'seats', '名额不能为负数'],
    [{ name: '张三', place: { longitude: 120 } }, 'place.latitude', '请填写位置'],
    [{ name: '张三', $where: '1' }, '$where', '请求里有不支持的内容'],
    [{ name: '330102199001011234' }, 'name', '请勿填写身份证号码等敏感身份信息'],
  ])('%j → VALIDATION on %s: %s', (input, field, message) => {
    const err = failure(form, input)
    expect(err.code).toBe('VALIDATION')
    expect(err.field).toBe(field)
    expect(err.message).toBe(message)
  })
})

describe('problemsOf', () => {
  const form = z.strictObject({ text: plainText(5, 50).check(z.describe('反映内容')), seats: z.int().check(z.gte(0), z.describe('名额')), picks: z.array(z.string()).check(z.minLength(1), z.describe('为骑手提供')) })

  it('reports every field at once, each by its label, never by its key', () => {
    const found = problemsOf(form, { text: '😀😀😀 好', seats: -1, picks: [] })
    expect(found).toEqual({ text: '反映内容至少需要 5 个字', seats: '名额不能为负数', picks: '为骑手提供至少选择 1 项' })
    for (const m of Object.values(found)) expect(m).not.toMatch(/text|seats|picks/)
  })

  it('is empty for a valid form', () => {
    expect(problemsOf(form, { text: '井盖松动了，压上去会翘', seats: 0, picks: ['水'] })).toEqual({})
  })
})

describe('wordCount', () => {
  it('counts code points, not emoji', () => {
    expect(wordCount('井盖松动')).toBe(4)
    expect(wordCount('😀👍🏻❤️')).toBe(0)
    expect(wordCount('𠮷野家')).toBe(3)
  })
})

describe('looksLikeIdCardNumber', () => {
  it.each(['330102199001011234', '33010219900101123X', '3301 0219 9001 0112 34', '身份证 330102900101123'])('flags %s', (s) => {
    expect(looksLikeIdCardNumber(s)).toBe(true)
  })
  it.each(['13812345678', '美团 骑手编号 MT2024001', '订单 1234567890123456789012', '12345678901234567'])('lets %s through', (s) => {
    expect(looksLikeIdCardNumber(s)).toBe(false)
  })
})
