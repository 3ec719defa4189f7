/** Community statistics of 微事我言 (pure, so unit tests cover them without a database). */
import {
  OPEN_STATUSES,
  SUGGESTION_CATEGORIES,
  SUGGESTION_STATUSES,
  type SuggestionCategory,
  type SuggestionStats,
  type SuggestionStatus,
} from './model'

export function median(xs: number[]): number | null {
  if (!xs.length) return null
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export interface StatsInput {
  category: SuggestionCategory
  status: SuggestionStatus
  createdAt: Date
  dueAt: Date
  firstResponseAt: Date | null
  resolvedAt: Date | null
  rating: number | null
}

const HOUR = 3_600_000
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10)

export function computeStats(docs: StatsInput[], communityIds: string[], now: Date): SuggestionStats {
  const byStatus = Object.fromEntries(SUGGESTION_STATUSES.map((s) => [s, 0])) as Record<SuggestionStatus, number>
  const byCategory = Object.fromEntries(SUGGESTION_CATEGORIES.map((c) => [c, 0])) as Record<SuggestionCategory, number>
  const firsts: number[] = []
  const resolutions: number[] = []
  const ratings: number[] = []
  let overdue = 0
  for (const d of docs) {
    byStatus[d.status]++
    byCategory[d.category]++
    if (OPEN_STATUSES.includes(d.status) && now.getTime() >= d.dueAt.getTime()) overdue++
    if (d.firstResponseAt) firsts.push((d.firstResponseAt.getTime() - d.createdAt.getTime()) / HOUR)
    if (d.resolvedAt && (d.status === 'resolved' || d.status === 'closed')) resolutions.push((d.resolvedAt.getTime() - d.createdAt.getTime()) / HOUR)
    if (typeof d.rating === 'number') ratings.push(d.rating)
  }
  return {
    communityIds,
    total: docs.length,
    byStatus,
    byCategory,
    overdue,
    medianFirstResponseHours: round1(median(firsts)),
    medianResolutionHours: round1(median(resolutions)),
    satisfaction: {
      count: ratings.length,
      average: ratings.length ? round1(ratings.reduce((a, b) => a + b, 0) / ratings.length) : null,
      satisfiedShare: ratings.length ? Math.round((ratings.filter((r) => r >= 4).length / ratings.length) * 100) / 100 : null,
    },
  }
}
