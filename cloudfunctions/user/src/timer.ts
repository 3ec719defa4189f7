/**
 * The user function's one timer trigger, `privacyDaily` (config.json, 03:00 daily; a function takes
 * one timer trigger, so this one dispatches every privacy job). A timer event carries no OPENID and
 * only the trigger can send one, so its `Time` is the clock (tests move the emulator's clock).
 */
import type { Database } from '../../../server/cloud'
import { getCloud } from '../../../server/cloud'
import type { TimerEvent } from '../../../server/router'
import { processDeletions, type DeletionRunResult } from './deletion'
import { applyRetention, type RetentionResult } from './retention'

export interface PrivacyDailyResult {
  at: string
  deletions: DeletionRunResult
  retention: RetentionResult
}

/** Every daily privacy job, as a plain function of the database and the clock. */
export async function privacyDaily(db: Database, now: Date): Promise<PrivacyDailyResult> {
  const deletions = await processDeletions(db, now)
  return { at: now.toISOString(), deletions, retention: await applyRetention(db, now) }
}

export async function runTimer(event: TimerEvent): Promise<unknown> {
  const parsed = event.Time ? new Date(event.Time) : new Date()
  const now = Number.isNaN(parsed.getTime()) ? new Date() : parsed
  if (event.TriggerName === 'privacyDaily') return { ok: true, data: await privacyDaily(getCloud().database(), now) }
  return { ok: false, error: { code: 'VALIDATION', message: `未知的定时任务「${event.TriggerName}」` } }
}
