/**
 * The merchant function's one timer trigger, `migratePlaceIds` (config.json, daily 04:30; also run
 * by hand after a deploy, README › Deploy): see migrate-place-ids.ts. It finds nothing to do once
 * every place is moved.
 */
import { getCloud } from '../../../server/cloud'
import type { TimerEvent } from '../../../server/router'
import { migratePlaceIds } from './migrate-place-ids'

export async function runTimer(event: TimerEvent): Promise<unknown> {
  if (event.TriggerName === 'migratePlaceIds') return { ok: true, data: await migratePlaceIds(getCloud().database()) }
  return { ok: false, error: { code: 'VALIDATION', message: `未知的定时任务「${event.TriggerName}」` } }
}
