/**
 * `/__/api/timers…`: the timer triggers and their clock for tests, demos and the inspector.
 *
 *   GET  /__/api/timers                         { ok, now, clock, timeZone, triggers, firings }
 *   POST /__/api/timers/advance {by}            by: ms, or "90s" "15m" "2h" "1d" "1d12h" → { ok, now, fired }
 *   POST /__/api/timers/clock {time}            ISO time (with offset) or ms → { ok, now } (nothing fires)
 *   POST /__/api/timers/<fn>/<trigger>/fire     → { ok, firing }
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readJson, sendError, sendJson } from '../gateway/http'
import { TIMER_TIME_ZONE } from './cron'
import { TimerNotFound, type TimerService } from './index'

export const TIMERS_API = '/__/api/timers'

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** `1d12h`, `90s`, `250ms` or a number of ms → ms; NaN when malformed. */
export function parseDuration(by: unknown): number {
  if (typeof by === 'number') return by
  if (typeof by !== 'string' || !/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(by.trim())) return Number.NaN
  let ms = 0
  for (const [, n, , unit] of by.trim().matchAll(/(\d+(\.\d+)?)(ms|s|m|h|d)/g)) ms += Number(n) * UNIT_MS[unit]
  return ms
}

/** Serves the timers API; false for other paths. */
export async function handleTimersApi(timers: TimerService, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  if (pathname !== TIMERS_API && !pathname.startsWith(`${TIMERS_API}/`)) return false
  const parts = pathname.slice(TIMERS_API.length).split('/').filter(Boolean).map((s) => decodeURIComponent(s))
  let body: Record<string, unknown> = {}
  if (req.method === 'POST') {
    try {
      body = ((await readJson(req, 4096)) ?? {}) as Record<string, unknown>
    } catch {
      sendError(res, 400, 'VALIDATION', 'body must be JSON')
      return true
    }
  } else req.resume()
  try {
    if (req.method === 'GET' && parts.length === 0) {
      sendJson(res, 200, { ok: true, now: timers.now().toISOString(), clock: timers.clock.mode, timeZone: TIMER_TIME_ZONE, triggers: timers.list(), firings: timers.firings() })
    } else if (req.method === 'POST' && parts.length === 1 && parts[0] === 'advance') {
      const ms = parseDuration(body.by)
      if (!Number.isFinite(ms) || ms < 0) sendError(res, 400, 'VALIDATION', 'by: a duration such as 90s, 15m, 2h, 1d or a number of ms')
      else {
        const fired = await timers.advance(ms)
        sendJson(res, 200, { ok: true, now: timers.now().toISOString(), fired })
      }
    } else if (req.method === 'POST' && parts.length === 1 && parts[0] === 'clock') {
      const time = typeof body.time === 'number' || typeof body.time === 'string' ? new Date(body.time) : new Date(Number.NaN)
      if (Number.isNaN(time.getTime())) sendError(res, 400, 'VALIDATION', 'time: an ISO time such as 2031-01-01T00:09:00+08:00, or ms')
      else sendJson(res, 200, { ok: true, now: (await timers.set(time)).toISOString() })
    } else if (req.method === 'POST' && parts.length === 3 && parts[2] === 'fire') {
      sendJson(res, 200, { ok: true, firing: await timers.fire(parts[0], parts[1]) })
    } else {
      sendError(res, 404, 'NOT_FOUND', `no route ${req.method} ${pathname}`)
    }
  } catch (err) {
    if (err instanceof TimerNotFound) sendError(res, 404, 'NOT_FOUND', err.message)
    else if (err instanceof RangeError) sendError(res, 400, 'VALIDATION', err.message)
    else throw err
  }
  return true
}
