/**
 * Demo daily roll-ups (`statsDaily`): plausible figures for the workbench's charts before the
 * timer has summed any real day — check-ins peaking at the lunch and dinner rushes, a few reports
 * and sign-ups a day. Seeded: the same days give the same figures. Also the bench's year of data.
 */
import { SUGGESTION_CATEGORIES } from '../../domain/suggestions/model'
import type { StatsDailyDoc } from '../../domain/workbench/model'
import { emptyCounters, rollupId } from '../../domain/workbench/rollup'
import { addDays, dayKey, weekday } from '../../domain/time'
import { rng } from './generate-places'

/** Items of the demo mall's charts: id, title, price. */
const DEMO_ITEMS: [string, string, number][] = [
  ['i-demo-ginger-tea', '刘记面馆 姜茶一杯', 10],
  ['i-demo-charge', '电动车免费充电 2 小时', 20],
  ['i-demo-noodles', '刘记面馆 牛肉面一碗', 60],
]

/** Riders' check-ins by hour of day: the lunch (11–13) and dinner (17–20) rushes. */
const HOUR_WEIGHTS = [1, 0, 0, 0, 0, 1, 2, 3, 3, 4, 6, 10, 12, 8, 5, 4, 5, 9, 11, 10, 7, 5, 3, 2]
const WEIGHT_SUM = HOUR_WEIGHTS.reduce((a, b) => a + b, 0)

/** `days` days of roll-ups for each community, ending yesterday (relative to `now`). */
export function demoStats(communityIds: readonly string[], days: number, now = new Date(), seed = 17): StatsDailyDoc[] {
  const out: StatsDailyDoc[] = []
  const yesterday = addDays(dayKey(now), -1)
  communityIds.forEach((communityId, ci) => {
    const rand = rng(seed + ci * 7919)
    const size = 0.6 + rand() * 0.8
    for (let i = days - 1; i >= 0; i--) {
      const day = addDays(yesterday, -i)
      const weekend = weekday(`${day}T12:00:00+08:00`) >= 5
      const n = (mean: number) => Math.max(0, Math.round(mean * size * (0.6 + rand() * 0.8)))
      const c = emptyCounters()
      c.checkins = n(weekend ? 28 : 40)
      let left = c.checkins
      HOUR_WEIGHTS.forEach((w, h) => {
        const k = h === 23 ? left : Math.min(left, Math.round((c.checkins * w) / WEIGHT_SUM))
        c.checkinsByHour[h] = k
        left -= k
      })
      c.verified = n(0.8)
      c.sugReceived = n(1.5)
      for (let k = 0; k < c.sugReceived; k++) {
        const cat = SUGGESTION_CATEGORIES[Math.floor(rand() * SUGGESTION_CATEGORIES.length)]
        c.sugByCategory[cat] = (c.sugByCategory[cat] ?? 0) + 1
      }
      c.sugAccepted = Math.min(c.sugReceived + 1, n(1.4))
      c.sugFirstResponses = c.sugAccepted
      c.sugFirstResponseMinutes = c.sugFirstResponses * (120 + Math.round(rand() * 600))
      c.sugResolved = n(1.2)
      c.sugResolvedOnTime = Math.round(c.sugResolved * (0.7 + rand() * 0.3))
      c.sugResolveMinutes = c.sugResolved * (1440 + Math.round(rand() * 4000))
      c.flags = n(0.7)
      c.signups = n(weekend ? 4 : 2)
      c.checkouts = n(weekend ? 3 : 1.5)
      c.attended = Math.round(c.checkouts * (0.75 + rand() * 0.25))
      c.serviceMinutes = c.attended * (90 + Math.round(rand() * 90))
      c.sugRated = Math.min(c.sugResolved, n(0.8))
      c.sugSatisfied = Math.round(c.sugRated * (0.6 + rand() * 0.4))
      c.sugRatingSum = c.sugSatisfied * 5 + (c.sugRated - c.sugSatisfied) * 3
      c.pointsIssued = c.checkins * 5 + c.sugAccepted * 10 + c.attended * 20
      const redemptions = n(weekend ? 5 : 3)
      DEMO_ITEMS.slice(0, 1 + (ci % DEMO_ITEMS.length)).forEach(([id, title, price], k) => {
        const r = k === 0 ? redemptions : Math.round(redemptions / (k + 1))
        if (!r) return
        c.itemRedemptions[id] = { title, n: r, soldOut: rand() < 0.05 ? 1 : 0 }
        c.pointsRedeemed += r * price
      })
      c.pointsRefunded = rand() < 0.2 ? DEMO_ITEMS[0][2] : 0
      c.pointsExpired = day.endsWith('-01') ? n(120) : 0
      c.vouchersVerified = Math.max(0, redemptions - 1)
      if (c.vouchersVerified) c.merchantVerifications[`demo-shop-${ci % 3}`] = c.vouchersVerified
      out.push({ _id: rollupId(communityId, day), communityId, day, ...c, computedAt: now })
    }
  })
  return out
}
