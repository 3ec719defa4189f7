/** Place documents → what the actions answer; pure, so unit tests cover them without a database. */
import {
  CHECKIN_POINTS,
  NEGATIVE_REPORTS,
  REPORT_KIND_LABELS,
  REPORT_SINK_MS,
  type PlaceDetail,
  type PlaceDoc,
  type PlaceHead,
  type PlaceListItem,
  type RecentReport,
  type RecentReportView,
  type ReportKind,
} from '../../../domain/places/model'
import { hoursState, type WeekInterval } from '../../../domain/places/opening-hours'
import { shanghaiParts } from '../../../domain/time'
import { coordsOf } from '../../../server/geo'

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v as string))

/** The end of a temporary closure still in force at `now`; null when there is none or it has lapsed. */
const closedUntilAt = (p: { closedUntil?: unknown }, now: Date): Date | null => {
  const until = toDate(p.closedUntil)
  return until && until.getTime() > now.getTime() ? until : null
}

/** A temporary closure as the detail and the staff list show it: nothing once it has lapsed. */
export function closureView(p: { closedUntil?: unknown; closedReason?: string | null }, now: Date): { closedUntil: string | null; closedReason: string | null } {
  const until = closedUntilAt(p, now)
  return { closedUntil: until ? until.toISOString() : null, closedReason: until ? (p.closedReason ?? null) : null }
}

/** Open now (hours and temporary closure) and the label of the list and detail. */
export function openState(p: { openWeekly: WeekInterval[]; closedUntil?: unknown }, now: Date): { openNow: boolean; hoursLabel: string } {
  const closedUntil = closedUntilAt(p, now)
  if (closedUntil) {
    // closedUntil is the midnight after the last closed day: show that last day
    const last = shanghaiParts(new Date(closedUntil.getTime() - 1))
    return { openNow: false, hoursLabel: `暂停营业至 ${last.month}月${last.day}日` }
  }
  const s = hoursState(p.openWeekly, now)
  return { openNow: s.open, hoursLabel: s.label }
}

/** The latest negative report, if recent enough to flag the place (and sink it in the list). */
export function alertOf(p: { recentReports?: { lastNegativeAt?: unknown; lastNegativeKind?: ReportKind | null } }, now: Date): ReportKind | null {
  const at = toDate(p.recentReports?.lastNegativeAt)
  const kind = p.recentReports?.lastNegativeKind ?? null
  if (!at || !kind || !NEGATIVE_REPORTS.includes(kind)) return null
  return now.getTime() - at.getTime() <= REPORT_SINK_MS ? kind : null
}

export type ListFields = Pick<
  PlaceDoc,
  '_id' | 'name' | 'kind' | 'level' | 'address' | 'location' | 'amenities' | 'openWeekly' | 'discount' | 'closedUntil' | 'recentReports'
>

/** The projection of the nearby query: exactly the fields a list row needs. */
export const LIST_PROJECTION = {
  name: true,
  kind: true,
  level: true,
  address: true,
  location: true,
  amenities: true,
  openWeekly: true,
  discount: true,
  closedUntil: true,
  recentReports: true,
} as const

/** What names and locates a place, first in both the list row and the detail. */
const placeHead = (p: Pick<PlaceDoc, '_id' | 'name' | 'kind' | 'level' | 'address' | 'location'>): PlaceHead => ({
  id: p._id,
  name: p.name,
  kind: p.kind,
  level: p.level ?? null,
  address: p.address,
  location: coordsOf(p.location),
})

export function toListItem(p: ListFields, distance: number, now: Date): PlaceListItem {
  const { openNow, hoursLabel } = openState(p, now)
  return {
    ...placeHead(p),
    distance: Math.round(distance),
    amenities: p.amenities ?? [],
    openNow,
    hoursLabel,
    discount: p.discount ?? null,
    alert: alertOf(p, now),
  }
}

export const recentReportViews = (items: RecentReport[] | undefined): RecentReportView[] =>
  [...(items ?? [])]
    .map((r) => ({ kind: r.kind, label: REPORT_KIND_LABELS[r.kind], at: toDate(r.at)!.toISOString() }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))

export function toDetail(p: PlaceDoc, now: Date): PlaceDetail {
  const { openNow, hoursLabel } = openState(p, now)
  return {
    ...placeHead(p),
    communityId: p.communityId,
    amenities: p.amenities ?? [],
    hours: p.hours,
    openNow,
    hoursLabel,
    contact: p.contact ?? {},
    photos: p.photos ?? [],
    photoUrls: [],
    discount: p.discount ?? null,
    description: p.description ?? null,
    status: p.status,
    ...closureView(p, now),
    recentReports: recentReportViews(p.recentReports?.items),
    alert: alertOf(p, now),
    pendingPoints: CHECKIN_POINTS[p.kind],
  }
}

/** Places with a recent negative report go to the end of their page (stable otherwise: by distance). */
export function sinkReported<T extends { alert: ReportKind | null }>(items: T[]): T[] {
  return [...items.filter((i) => !i.alert), ...items.filter((i) => !!i.alert)]
}
