import * as z from 'zod'
import { AppError } from './errors'

/**
 * Parses untrusted input with an action's schema. The first problem becomes a VALIDATION AppError
 * whose message names the field in words a person understands, and whose `field` names it for code.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true })
  if (result.success) return result.data
  const issue = result.error.issues[0]
  throw new AppError('VALIDATION', describeIssue(issue), { field: fieldOf(issue) })
}

function fieldOf(issue: z.core.$ZodIssue): string | undefined {
  const path = issue.path.map(String)
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0])
  return path.length ? path.join('.') : undefined
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = fieldOf(issue)
  const label = field ? `「${field}」` : '请求'
  // A schema's own message (set with `{ error: '…' }`) is already written for people.
  if (issue.message && !/^(Invalid|Too|Unrecognized|Expected)/.test(issue.message)) return issue.message
  switch (issue.code) {
    case 'unrecognized_keys':
      return `不支持的字段${issue.keys.map((k) => `「${k}」`).join('、')}`
    case 'invalid_type':
      return issue.input === undefined ? `缺少${label}` : `${label}的类型不正确`
    case 'too_small':
      return issue.origin === 'string' ? `${label}至少需要 ${issue.minimum} 个字` : `${label}不能小于 ${issue.minimum}`
    case 'too_big':
      return issue.origin === 'string' ? `${label}不能超过 ${issue.maximum} 个字` : `${label}不能大于 ${issue.maximum}`
    case 'invalid_value':
      return `${label}不是可选的值`
    case 'invalid_format':
      return `${label}的格式不正确`
    default:
      return `${label}不正确`
  }
}
