/**
 * The to-do's counts open their queue filtered to what was counted: the filters a queue page takes
 * from its `filter` parameter, with the same rules the counts use (todo.ts).
 */
import { OPEN_STATUSES, type SuggestionStatus } from '../suggestions/model'
import { NEGATIVE_REPORTS, REPORT_SINK_MS, type ReportKind } from '../places/model'
import { dayKey } from '../time'

export const SUGGESTION_FILTERS = ['overdue', 'dueToday', 'submitted'] as const
export type SuggestionFilter = (typeof SUGGESTION_FILTERS)[number]

export const SUGGESTION_FILTER_LABELS: Record<SuggestionFilter, string> = {
  overdue: '已超期',
  dueToday: '今日到期',
  submitted: '待受理',
}

export const isSuggestionFilter = (v: unknown): v is SuggestionFilter => SUGGESTION_FILTERS.includes(v as SuggestionFilter)

/** Whether a report of the queue belongs to the filter at `now` (overdue: the deadline has passed). */
export function matchesSuggestionFilter(item: { status: SuggestionStatus; dueAt: string }, filter: SuggestionFilter, now: Date): boolean {
  const due = new Date(item.dueAt).getTime()
  const open = OPEN_STATUSES.includes(item.status)
  if (filter === 'submitted') return item.status === 'submitted'
  if (filter === 'overdue') return open && due <= now.getTime()
  return open && due > now.getTime() && dayKey(due) === dayKey(now)
}

/** A place carries a live-status flag: a negative report within the last REPORT_SINK_MS. */
export const isFlagged = (reports: readonly { kind: ReportKind; at: string }[], now: Date): boolean =>
  reports.some((r) => NEGATIVE_REPORTS.includes(r.kind) && now.getTime() - new Date(r.at).getTime() < REPORT_SINK_MS)
