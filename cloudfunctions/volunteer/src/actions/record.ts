import { createHash } from 'node:crypto'
import type { SignupDoc } from '../../../../domain/entities/volunteer'
import { minutesToHours } from '../../../../domain/volunteer/rules'
import type { ActionContext } from '../../../../server/context'
import { defineAction } from '../../../../server/router'
import { toDate } from '../store'
import { dayKey } from '../../../../domain/time'
import { SIGNUPS } from '../../../../server/collections'

/** The caller's sign-ups, newest first (one read; a rider's lifetime of activities fits in 1,000). */
async function mySignups(ctx: ActionContext): Promise<SignupDoc[]> {
  const res = (await ctx.db.collection(SIGNUPS).where({ userId: ctx.openid }).orderBy('startAt', 'desc').limit(1000).get()) as unknown as { data: SignupDoc[] }
  return res.data
}

/** My service record: total hours (counted activities only), activities, late cancellations, no-shows, points. */
export const myRecord = defineAction('volunteer', 'myRecord', {
  access: 'rider',
  async handler(_input, ctx) {
    const all = await mySignups(ctx)
    const counted = all.filter((s) => s.counted)
    return {
      nickname: ctx.user?.nickname ?? '',
      totalHours: minutesToHours(counted.reduce((n, s) => n + (s.serviceMinutes ?? 0), 0)),
      activities: counted.length,
      lateCancels: all.filter((s) => s.lateCancel).length,
      noShows: all.filter((s) => s.status === 'noShow').length,
      points: all.reduce((n, s) => n + (s.pointsAwarded ?? 0), 0),
      items: all.map((s) => ({
        activityId: s.activityId,
        type: s.type,
        title: s.title,
        startAt: toDate(s.startAt).toISOString(),
        status: s.status,
        hours: minutesToHours(s.serviceMinutes ?? 0),
        counted: !!s.counted,
        pointsAwarded: s.pointsAwarded ?? null,
      })),
    }
  },
})

/** Data of the 志愿服务证明: name, total hours and the counted activities. */
export const certificate = defineAction('volunteer', 'certificate', {
  access: 'rider',
  async handler(_input, ctx) {
    const counted = (await mySignups(ctx)).filter((s) => s.counted)
    const issuedOn = dayKey(ctx.now())
    const serial = createHash('sha256').update(`${ctx.openid}|${issuedOn}|${counted.length}`).digest('hex').slice(0, 10).toUpperCase()
    return {
      name: ctx.user?.nickname ?? '',
      totalHours: minutesToHours(counted.reduce((n, s) => n + (s.serviceMinutes ?? 0), 0)),
      activities: counted.map((s) => ({ title: s.title, type: s.type, day: dayKey(toDate(s.startAt)), hours: minutesToHours(s.serviceMinutes ?? 0) })),
      issuer: '小哥驿站 · 社区志愿服务',
      issuedOn,
      serial: `XGZY-${issuedOn.replace(/-/g, '')}-${serial}`,
    }
  },
})
