import * as z from 'zod/mini'
import { AppError } from './errors'

/**
 * Validation messages in words a person understands, the same on the phone and in the functions:
 * each field is named by the label its schema carries (`.check(z.describe('店铺名称'))`), never by its key.
 */

/** Parses untrusted input with an action's schema; the first problem becomes a VALIDATION AppError. */
export function parseOrThrow<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true })
  if (result.success) return result.data
  const issue = result.error.issues[0]
  throw new AppError('VALIDATION', describeIssue(schema, issue), { field: fieldOf(issue) })
}

/** Every problem of a form at once: field path (`location`, `limit.count`) → its first message. */
export function problemsOf(schema: z.ZodMiniType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input, { reportInput: true })
  const out: Record<string, string> = {}
  if (result.success) return out
  for (const issue of result.error.issues) {
    const field = fieldOf(issue) ?? ''
    if (!(field in out)) out[field] = describeIssue(schema, issue)
  }
  return out
}

export function fieldOf(issue: z.core.$ZodIssue): string | undefined {
  const path = issue.path.map(String)
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0])
  return path.length ? path.join('.') : undefined
}

type Def = { type: string; shape?: Record<string, z.ZodMiniType>; innerType?: z.ZodMiniType; in?: z.ZodMiniType; out?: z.ZodMiniType; element?: z.ZodMiniType; options?: z.ZodMiniType[] }
const defOf = (s: z.ZodMiniType) => (s as unknown as { _zod: { def: Def } })._zod.def
// zod/mini keeps a description in the global registry only (classic also had a `.description` getter)
const describedAs = (s: z.ZodMiniType): string | undefined => z.globalRegistry.get(s)?.description

/** The schema's wrappers (optional, nullable, default, pipe) down to the value's own schema, each with its label. */
function* layers(s: z.ZodMiniType | undefined): Generator<z.ZodMiniType> {
  while (s) {
    yield s
    const d = defOf(s)
    s = d.innerType ?? (d.type === 'pipe' ? d.in : undefined)
  }
}

/** The label of the deepest labelled schema along `path` (a coordinate inside 位置 is 位置). */
export function labelAt(schema: z.ZodMiniType, path: readonly PropertyKey[]): string | undefined {
  let label: string | undefined
  let here: z.ZodMiniType | undefined = schema
  for (let i = 0; here; i++) {
    let next: z.ZodMiniType | undefined
    for (const layer of layers(here)) {
      label = describedAs(layer) ?? label
      const d = defOf(layer)
      if (i < path.length && !next) {
        if (d.type === 'object' && d.shape) next = d.shape[String(path[i])]
        else if (d.type === 'array') next = d.element
        else if (d.type === 'union' && d.options) next = d.options.map((o) => layers(o)).flatMap((g) => [...g]).map((o) => defOf(o).shape?.[String(path[i])]).find(Boolean)
      }
    }
    if (i >= path.length) break
    here = next
  }
  return label
}

const OWN_MESSAGE = /^(Invalid|Too|Unrecognized|Expected)/

export function describeIssue(schema: z.ZodMiniType, issue: z.core.$ZodIssue): string {
  const path = issue.path
  const name = labelAt(schema, path) ?? (path.length ? '这一项' : '请求')
  // A schema's own message (set with `{ error: '…' }`) is already written for people.
  if (issue.message && !OWN_MESSAGE.test(issue.message)) return issue.message
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${name}里有不支持的内容`
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return issue.expected === 'array' ? `请选择${name}` : `请填写${name}`
      if (issue.expected === 'int') return `${name}请填写整数`
      return issue.expected === 'number' ? `${name}请填写数字` : `${name}的格式不正确`
    case 'too_small':
      if (issue.origin === 'string') return `${name}至少需要 ${issue.minimum} 个字`
      if (issue.origin === 'array' || issue.origin === 'set') return `${name}至少选择 ${issue.minimum} 项`
      if (Number(issue.minimum) === 0) return `${name}不能为负数`
      return `${name}不能小于 ${issue.minimum}`
    case 'too_big':
      if (issue.origin === 'string') return `${name}不能超过 ${issue.maximum} 个字`
      if (issue.origin === 'array' || issue.origin === 'set') return `${name}最多选择 ${issue.maximum} 项`
      return `${name}不能大于 ${issue.maximum}`
    case 'invalid_value':
      return `请选择${name}`
    case 'invalid_format':
      return `${name}的格式不正确`
    case 'not_multiple_of':
      return `${name}请填写整数`
    default:
      return `${name}不正确`
  }
}
