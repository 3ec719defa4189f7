import * as z from 'zod'
import { AppError } from './errors'
import { parseOrThrow } from './validation'
import { looksLikeIdCardNumber, plainText } from './schemas'

const failure = (schema: z.ZodType, input: unknown): AppError => {
  try {
    parseOrThrow(schema, input)
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected a validation error')
}

describe('parseOrThrow', () => {
  const form = z.strictObject({ name: plainText(2, 20), age: z.number().int().min(16).optional() })

  it('returns the parsed (trimmed) value', () => {
    expect(parseOrThrow(form, { name: '  张三  ' })).toEqual({ name: '张三' })
  })

  it.each([
    [{ name: '张' }, 'name', '「name」至少需要 2 个字'],
    [{ name: '张'.repeat(21) }, 'name', '「name」不能超过 20 个字'],
    [{}, 'name', '缺少「name」'],
    [{ name: 3 }, 'name', '「name」的类型不正确'],
    [{ name: '张三', age: 12 }, 'age', '「age」不能小于 16'],
    [{ name: '张三', $where: '1' }, '$where', '不支持的字段「$where」'],
    [{ name: '330102199001011234' }, 'name', '请勿填写身份证号码等敏感身份信息'],
  ])('%j → VALIDATION on %s: %s', (input, field, message) => {
    const err = failure(form, input)
    expect(err.code).toBe('VALIDATION')
    expect(err.field).toBe(field)
    expect(err.message).toBe(message)
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
