/**
 * 社区工作台: what needs a community worker now (the to-do) and how the community is doing (daily
 * roll-ups and the figures drawn from them).
 */
import type { SuggestionCategory } from '../suggestions/model'

/** One line of the to-do: a count and the queue it opens (filtered to those items). */
export interface TodoVerification {
  /** the rider's opaque id (never the openid) */
  riderId: string | null
  submittedAt: string
  /** whole hours since submission */
  ageHours: number
}

export interface TodoActivity {
  id: string
  title: string
  communityId: string
  startAt: string
  capacity: number
  signedUp: number
}

export interface TodoView {
  at: string
  /** the communities counted: `null` for an admin looking at all of them */
  communityIds: string[] | null
  verifications: { count: number; oldest: TodoVerification[] }
  suggestions: { overdue: number; dueToday: number; unaccepted: number }
  merchants: { applications: number; heldItems: number }
  /** open activities starting within ACTIVITY_SOON_DAYS that still have empty places */
  activities: { count: number; items: TodoActivity[] }
  /** active places with a live-status flag (a negative report within the last REPORT_SINK_MS) */
  places: { flagged: number }
  /** 小区通行指引 (issue 16): riders' flags on compound gates, buildings and parking still open */
  compounds: { flagged: number }
}

/** Open activities starting within this many days count as "starting soon". */
export const ACTIVITY_SOON_DAYS = 7
/** How many of the oldest waiting verifications the to-do names. */
export const TODO_OLDEST = 3

// ---- daily roll-ups ----

/**
 * The `statsDaily` document: one per community and Asia/Shanghai day, `_id` = `<communityId>|<day>`.
 * Every count belongs to the day its event happened (a report received on Monday and resolved on
 * Thursday counts as received on Monday and resolved on Thursday), so a day, once over, never
 * changes: the `workbench` timer recomputes yesterday from the events and the dashboard reads these
 * documents only.
 */
export interface StatsDailyDoc {
  _id: string
  communityId: string
  day: string
  /** riders whose verification was approved that day */
  verified: number
  /** 微事我言 received that day, in all and by category */
  sugReceived: number
  sugByCategory: Partial<Record<SuggestionCategory, number>>
  sugAccepted: number
  /** reports answered for the first time that day, and the minutes they waited in all */
  sugFirstResponses: number
  sugFirstResponseMinutes: number
  /** reports settled (resolved / not responsible / duplicate) that day; of those, by their deadline */
  sugResolved: number
  sugResolvedOnTime: number
  sugResolveMinutes: number
  /** station and place check-ins, in all and by hour of day (24 entries, Beijing time) */
  checkins: number
  checkinsByHour: number[]
  /** negative live-status reports (到了却关门, 充电桩坏了, 已满) */
  flags: number
  /**
   * Of those, the ones *cleared*: a rider checked in at the place after the report and within the
   * 3 hours it keeps the place flagged (someone got in and used it: it works again). The minutes
   * from each report to that first check-in, summed. A flag nobody cleared lapses after 3 h.
   */
  flagsCleared: number
  flagClearMinutes: number
  /** volunteer sign-ups made that day; check-outs that day, those counted (≥ 60 %), minutes credited */
  signups: number
  checkouts: number
  attended: number
  serviceMinutes: number
  /** 微事我言 the reporter confirmed that day with a rating (1–5): how many, the sum, those rated 4 or 5 */
  sugRated: number
  sugRatingSum: number
  sugSatisfied: number
  /**
   * Points of the riders verified in this community (their verification's community), by the day
   * of the ledger entry: earned (check-ins, accepted reports, volunteer hours, courses, positive
   * adjustments), spent on redemptions, given back by cancelled vouchers, expired.
   */
  pointsIssued: number
  pointsRedeemed: number
  pointsRefunded: number
  pointsExpired: number
  /** redemptions of this community's items that day, per item id (title as redeemed; `soldOut`: redemptions that took its last unit) */
  itemRedemptions: Record<string, ItemDay>
  /** vouchers of this community's items used at a counter that day */
  vouchersVerified: number
  /** of those, per merchant (by public id; district items are not a merchant's) */
  merchantVerifications: Record<string, number>
  computedAt: Date
}

export interface ItemDay {
  title: string
  n: number
  soldOut: number
}

/** The counters of a roll-up (what is summed over days and communities). */
export type RollupCounters = Omit<StatsDailyDoc, '_id' | 'communityId' | 'day' | 'computedAt'>

export const PERIODS = [7, 30, 90] as const
/** How many items the mall's top list shows. */
export const TOP_ITEMS = 8
export type Period = (typeof PERIODS)[number]

/** One day of the figures (summed over the communities asked for). */
export interface FigureDay {
  day: string
  verified: number
  sugReceived: number
  sugAccepted: number
  sugResolved: number
  checkins: number
  flags: number
  signups: number
  attended: number
  serviceMinutes: number
  pointsIssued: number
  /** spent on redemptions (vouchers cancelled later give theirs back: totals.pointsRefunded) */
  pointsRedeemed: number
  pointsExpired: number
  vouchersVerified: number
  /** 微事我言 rated that day, and of those rated 4 or 5 */
  sugRated: number
  sugSatisfied: number
}

/** One item of the mall over the period: redemptions and how often its last unit went. */
export interface TopItem {
  itemId: string
  title: string
  redeemed: number
  soldOut: number
}

/** One week (Monday first) of 微事我言, by category. */
export interface SuggestionWeek {
  week: string
  received: number
  accepted: number
  resolved: number
  byCategory: Partial<Record<SuggestionCategory, number>>
}

export interface CommunityTotals {
  communityId: string
  name: string
  verified: number
  sugReceived: number
  sugResolved: number
  checkins: number
  flags: number
  signups: number
  serviceMinutes: number
  pointsIssued: number
  vouchersVerified: number
  merchantsActive: number
}

export interface FiguresView {
  from: string
  to: string
  days: number
  /** `null`: every community of the district (admins only) */
  communityId: string | null
  /** the roll-ups cover days up to and including this one (yesterday once the timer has run) */
  series: FigureDay[]
  weeks: SuggestionWeek[]
  /** 0–23 (Beijing time): check-ins of the period by hour of day */
  checkinsByHour: number[]
  totals: {
    verified: number
    sugReceived: number
    sugAccepted: number
    sugResolved: number
    /** average minutes to the first answer; null without answers */
    avgFirstResponseMinutes: number | null
    avgResolveMinutes: number | null
    /** share of settled reports settled by their deadline, 0–1; null without any */
    onTimeRate: number | null
    checkins: number
    flags: number
    /** flags cleared by a check-in within 3 h; the average minutes to it (null without any) */
    flagsCleared: number
    avgFlagClearMinutes: number | null
    signups: number
    checkouts: number
    /** counted check-outs / check-outs; null without any */
    attendanceRate: number | null
    serviceHours: number
    pointsIssued: number
    pointsRedeemed: number
    pointsRefunded: number
    pointsExpired: number
    vouchersVerified: number
    /** merchants with at least one voucher used at their counter in the period */
    merchantsActive: number
    /** redemptions that took an item's last unit */
    stockOuts: number
    /** reporters' ratings of settled 微事我言 */
    ratings: number
    avgRating: number | null
    /** share rated 4 or 5, 0–1 */
    satisfiedShare: number | null
  }
  /** the mall's most redeemed items of the period (at most TOP_ITEMS) */
  topItems: TopItem[]
  /** per community (an admin's comparison; a worker's own communities) */
  communities: CommunityTotals[]
  /** documents read to answer (O(days × communities), never events) */
  docsRead: number
}
