/**
 * Timer trigger `remindTomorrow` (config.json, daily 18:00): a subscribe message to every rider
 * signed up for an activity that starts tomorrow (Asia/Shanghai). Each activity is claimed first
 * (`remindedAt` set by a conditional update), so a re-run or an overlapping run never reminds twice.
 *
 * A timer event is `{ Type: 'Timer', TriggerName, Time }` and carries no OPENID; only the trigger
 * (or an operator with the environment's keys) can send one, so its `Time` is trusted as the clock:
 * that is how tests run the reminder for a chosen day.
 */
import type { ActivityDoc, ReminderRunResult } from '../../../domain/entities/volunteer'
import { getCloud, type Database } from '../../../server/cloud'
import { normaliseActivity, notify, signupsOf } from './store'
import { dayKey, nextDay, shanghaiAt } from '../../../domain/time'
import { ACTIVITIES } from '../../../server/collections'
import type { TimerEvent } from '../../../server/router'

export async function remindTomorrow(db: Database, now: Date): Promise<ReminderRunResult> {
  const _ = db.command
  const day = nextDay(dayKey(now))
  const from = shanghaiAt(day, '00:00')
  const to = shanghaiAt(nextDay(day), '00:00')
  const res = (await db
    .collection(ACTIVITIES)
    .where({ status: 'open', remindedAt: null, startAt: _.and(_.gte(from), _.lt(to)) })
    .limit(1000)
    .get()) as unknown as { data: ActivityDoc[] }
  let activities = 0
  let sent = 0
  let failed = 0
  for (const raw of res.data) {
    const a = normaliseActivity(raw)
    const claim = (await db.collection(ACTIVITIES).where({ _id: a._id, remindedAt: null }).update({ data: { remindedAt: now } })) as unknown as { stats: { updated: number } }
    if (!claim.stats?.updated) continue
    activities++
    for (const s of await signupsOf(db, a._id)) {
      if (s.status !== 'signedUp') continue
      if (await notify(s.userId, 'reminder', a, '明天就是活动日，请准时到场签到')) sent++
      else failed++
    }
  }
  return { at: now.toISOString(), activities, sent, failed }
}

export async function runTimer(event: TimerEvent): Promise<unknown> {
  const db = getCloud().database()
  const parsed = event.Time ? new Date(event.Time) : new Date()
  const now = Number.isNaN(parsed.getTime()) ? new Date() : parsed
  if (event.TriggerName === 'remindTomorrow') return { ok: true, data: await remindTomorrow(db, now) }
  return { ok: false, error: { code: 'VALIDATION', message: `未知的定时任务「${event.TriggerName}」` } }
}
