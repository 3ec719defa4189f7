/**
 * The cron expressions of 云开发 timer triggers, as the 定时触发器 guide documents them
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.html):
 *
 * - seven required fields separated by spaces: 秒 分钟 小时 日 月 星期 年;
 * - 秒 0-59, 分钟 0-59, 小时 0-23, 日 1-31, 月 1-12 or JAN-DEC, 星期 0-6 or SUN-SAT (0 is Sunday),
 *   年 1970-2099;
 * - wildcards `,` (list) `-` (range) `*` (all) `/` (step: `1/10` in 分钟 = minute 1, 11, 21, …);
 * - when both 日 and 星期 are given, either matching is enough (两者为"或"关系);
 * - the schedule's time zone is UTC+8 (Asia/Shanghai).
 *
 * Tencent SCF itself also knows `? L W #` (https://cloud.tencent.com/document/product/583/9708), but
 * the 云开发 guide does not: a config using them is refused here rather than trusted to work.
 * Validation is ours (so the messages name WeChat's rules); next-run times come from croner.
 */
import { Cron } from 'croner'

export const TIMER_TIME_ZONE = 'Asia/Shanghai'

interface FieldRule {
  name: string
  min: number
  max: number
  names?: readonly string[]
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const

const FIELDS: readonly FieldRule[] = [
  { name: '秒 (second)', min: 0, max: 59 },
  { name: '分钟 (minute)', min: 0, max: 59 },
  { name: '小时 (hour)', min: 0, max: 23 },
  { name: '日 (day of month)', min: 1, max: 31 },
  { name: '月 (month)', min: 1, max: 12, names: MONTHS },
  { name: '星期 (weekday, 0 = Sunday)', min: 0, max: 6, names: WEEKDAYS },
  { name: '年 (year)', min: 1970, max: 2099 },
]

export class CronSyntaxError extends Error {
  constructor(expression: string, problem: string) {
    super(`cron "${expression}": ${problem}`)
    this.name = 'CronSyntaxError'
  }
}

/** A parsed trigger schedule; `next(after)` is the first fire time strictly after `after`. */
export interface TimerSchedule {
  expression: string
  next(after: Date): Date | null
}

function value(token: string, rule: FieldRule, expression: string): number {
  const named = rule.names?.indexOf(token.toUpperCase() as never) ?? -1
  if (named >= 0) return named + (rule.min === 1 ? 1 : 0)
  if (!/^\d+$/.test(token)) {
    const hint = /^[?LW#]|[LW#]/i.test(token) ? ' (`? L W #` are SCF extensions the 云开发 guide does not document)' : ''
    throw new CronSyntaxError(expression, `${rule.name}: "${token}" is not a value${hint}`)
  }
  const n = Number(token)
  if (n < rule.min || n > rule.max) throw new CronSyntaxError(expression, `${rule.name}: ${n} is out of range ${rule.min}-${rule.max}`)
  return n
}

function checkField(text: string, rule: FieldRule, expression: string): void {
  for (const item of text.split(',')) {
    if (item === '') throw new CronSyntaxError(expression, `${rule.name}: empty list item in "${text}"`)
    const [base, step, extra] = item.split('/')
    if (extra !== undefined) throw new CronSyntaxError(expression, `${rule.name}: "${item}" has two "/"`)
    if (step !== undefined && (!/^\d+$/.test(step) || Number(step) < 1)) throw new CronSyntaxError(expression, `${rule.name}: step "${step}" must be a positive integer`)
    if (base === '*') continue
    const [from, to, more] = base.split('-')
    if (more !== undefined) throw new CronSyntaxError(expression, `${rule.name}: "${base}" is not a range`)
    const a = value(from, rule, expression)
    if (to !== undefined && value(to, rule, expression) < a) throw new CronSyntaxError(expression, `${rule.name}: range "${base}" runs backwards`)
  }
}

/** Parses a 7-field 云开发 cron expression; throws CronSyntaxError with the rule it breaks. */
export function parseTimerCron(expression: string): TimerSchedule {
  if (typeof expression !== 'string') throw new CronSyntaxError(String(expression), 'config must be a string')
  const fields = expression.trim().split(/\s+/)
  if (fields.length !== 7) {
    throw new CronSyntaxError(expression, `has ${fields.length} field(s); 云开发 needs exactly 7 (秒 分钟 小时 日 月 星期 年)`)
  }
  fields.forEach((f, i) => checkField(f, FIELDS[i], expression))
  // sloppyRanges: croner's name for the `start/step` form the guide documents (`1/10`)
  const cron = new Cron(fields.join(' '), { mode: '7-part', timezone: TIMER_TIME_ZONE, sloppyRanges: true, paused: true })
  return {
    expression,
    next: (after) => cron.nextRun(after),
  }
}

/** The event `Time` of a firing: UTC, whole seconds, as in the SCF timer event (`2019-02-21T11:49:00Z`). */
export const timerEventTime = (at: Date | number): string => new Date(Math.floor(new Date(at).getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z')
