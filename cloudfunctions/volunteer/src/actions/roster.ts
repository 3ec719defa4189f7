import { AppError } from '../../../../domain/errors'
import { CHECKIN_OPENS_BEFORE_MS, CHECKOUT_CLOSES_AFTER_MS, checkinQrPayload, minutesToHours, rosterCsv } from '../../../../domain/volunteer/rules'
import { currentCode } from '../checkin-code'
import { safeFileName } from '../../../../domain/csv'
import { defineAction } from '../../../../server/router'
import { STAFF_ACCESS } from '../../../../server/scope'
import { loadManagedActivity, rosterRowId, signupsOf, toDetail, toRosterRow } from '../store'
import { dayKey, formatWithWeekday } from '../../../../domain/time'
import { SIGNUPS } from '../../../../server/collections'

/** Everyone on the activity: signed up, waitlisted (arrival order), checked in/out, hours. */
export const roster = defineAction('volunteer', 'roster', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const act = await loadManagedActivity(ctx, input.id)
    const all = await signupsOf(ctx.db, act._id)
    const rows = all.map(toRosterRow)
    const by = (st: string) => all.filter((s) => s.status === st).length
    return {
      activity: toDetail(act, ctx.now(), null),
      rows,
      totals: {
        signedUp: by('signedUp') + by('noShow'),
        waitlisted: by('waitlisted'),
        checkedIn: all.filter((s) => s.checkedInAt).length,
        checkedOut: all.filter((s) => s.checkedOutAt).length,
        noShow: by('noShow'),
        cancelled: by('cancelled'),
        hours: minutesToHours(all.reduce((n, s) => n + (s.serviceMinutes ?? 0), 0)),
      },
    }
  },
})

/** The roster as CSV text (UTF-8 with BOM; formula-like cells defused). */
export const exportRoster = defineAction('volunteer', 'exportRoster', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const act = await loadManagedActivity(ctx, input.id)
    const rows = (await signupsOf(ctx.db, act._id)).map(toRosterRow)
    const safeTitle = safeFileName(act.title)
    return { filename: `${dayKey(act.startAt)}_${safeTitle}_名单.csv`, csv: rosterCsv(rows) }
  },
})

/** Marks signed-up riders who never checked in as no-shows, once the activity has started. */
export const markNoShows = defineAction('volunteer', 'markNoShows', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const now = ctx.now()
    const act = await loadManagedActivity(ctx, input.id)
    if (now.getTime() < act.startAt.getTime()) throw new AppError('CONFLICT', '活动开始后才能标记缺席')
    const _ = ctx.db.command
    // the roster names sign-ups by opaque ids (rosterRowId): find them among the activity's
    const wanted = new Set(input.signupIds)
    const ids = (await signupsOf(ctx.db, act._id)).filter((s) => wanted.has(rosterRowId(s))).map((s) => s._id)
    if (!ids.length) return { marked: 0 }
    const res = (await ctx.db
      .collection(SIGNUPS)
      .where({ activityId: act._id, _id: _.in(ids), status: 'signedUp', checkedInAt: null })
      .update({ data: { status: 'noShow', updatedAt: now } })) as unknown as { stats: { updated: number } }
    return { marked: res.stats?.updated ?? 0 }
  },
})

/** The current rotating check-in code (from 30 minutes before the start until 2 hours after the end). */
export const checkinCode = defineAction('volunteer', 'checkinCode', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const now = ctx.now()
    const act = await loadManagedActivity(ctx, input.id)
    if (act.status !== 'open') throw new AppError('CONFLICT', '活动已取消')
    const opens = new Date(act.startAt.getTime() - CHECKIN_OPENS_BEFORE_MS)
    if (now.getTime() < opens.getTime()) throw new AppError('CONFLICT', `签到码将于 ${formatWithWeekday(opens)} 开放`)
    if (now.getTime() > act.endAt.getTime() + CHECKOUT_CLOSES_AFTER_MS) throw new AppError('CONFLICT', '活动已结束，签到码已关闭')
    const c = currentCode(act._id, now)
    return { activityId: act._id, code: c.code, qr: checkinQrPayload(act._id, c.code), validUntil: c.validUntil.toISOString(), refreshAt: c.refreshAt.toISOString() }
  },
})
