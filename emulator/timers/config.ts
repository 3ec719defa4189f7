/**
 * The `triggers` of a function's config.json, checked against the 定时触发器 guide
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.html):
 * `[{ name, type: 'timer', config: <7-field cron> }]`; name ≤ 60 of `a-z A-Z 0-9 - _`, starting with
 * a letter, unique in the function; type only `timer`; "目前仅支持一个触发器，即数组只能填写一个".
 *
 * A trigger WeChat would not create (bad name, type or cron) is refused: listed with its problem,
 * never fired. More than one trigger is only warned about: each is still fired, so a demo keeps
 * working, but the warning says DevTools refuses to upload such a config.
 */
import fs from 'node:fs'
import path from 'node:path'
import { CronSyntaxError, parseTimerCron, type TimerSchedule } from './cron'

export const TRIGGER_NAME_RE = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/

export interface TriggerDeclaration {
  functionName: string
  name: string
  /** the cron expression as declared */
  config: string
  /** undefined when the trigger is refused */
  schedule?: TimerSchedule
  /** why WeChat would refuse it, or what it would warn about */
  problems: string[]
}

export interface FunctionTriggers {
  functionName: string
  triggers: TriggerDeclaration[]
  /** problems of the config as a whole (e.g. more than one trigger) */
  problems: string[]
  /** identifies the config.json version read (mtime + size), '' without one */
  stamp: string
}

export function configStamp(functionsRoot: string, functionName: string): string {
  try {
    const st = fs.statSync(path.join(functionsRoot, functionName, 'config.json'))
    return `${st.mtimeMs}:${st.size}`
  } catch {
    return ''
  }
}

/** Reads and checks `<functionsRoot>/<functionName>/config.json`'s triggers. */
export function readFunctionTriggers(functionsRoot: string, functionName: string): FunctionTriggers {
  const out: FunctionTriggers = { functionName, triggers: [], problems: [], stamp: configStamp(functionsRoot, functionName) }
  if (!out.stamp) return out
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(path.join(functionsRoot, functionName, 'config.json'), 'utf8'))
  } catch (err) {
    out.problems.push(`config.json is not valid JSON (${(err as Error).message}); no trigger is created`)
    return out
  }
  const triggers = (raw as { triggers?: unknown } | null)?.triggers
  if (triggers === undefined) return out
  if (!Array.isArray(triggers)) {
    out.problems.push('`triggers` must be an array; no trigger is created')
    return out
  }
  if (triggers.length > 1) {
    out.problems.push(`${triggers.length} triggers declared: 云开发 supports one per function (数组只能填写一个), so DevTools refuses to upload them; the emulator fires each anyway`)
  }
  const seen = new Set<string>()
  for (const t of triggers as Record<string, unknown>[]) {
    const name = typeof t?.name === 'string' ? t.name : ''
    const config = typeof t?.config === 'string' ? t.config : ''
    const decl: TriggerDeclaration = { functionName, name: name || '(unnamed)', config, problems: [] }
    if (!TRIGGER_NAME_RE.test(name)) decl.problems.push('name must be 1-60 of a-z A-Z 0-9 - _ and start with a letter')
    else if (seen.has(name)) decl.problems.push('another trigger of this function has the same name')
    seen.add(name)
    if (t?.type !== 'timer') decl.problems.push(`type ${JSON.stringify(t?.type)}: only "timer" is supported`)
    let schedule: TimerSchedule | undefined
    try {
      schedule = parseTimerCron(config)
    } catch (err) {
      if (!(err instanceof CronSyntaxError)) throw err
      decl.problems.push(err.message)
    }
    if (!decl.problems.length) decl.schedule = schedule
    out.triggers.push(decl)
  }
  return out
}
