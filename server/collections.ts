/**
 * Every database collection, named once. `database/<name>.json` declares each one (indexes, rules)
 * and `collections.test.ts` keeps the two lists equal, so a collection cannot be used without being
 * declared, nor declared and forgotten.
 */
export const USERS = 'users'
export const COMMUNITIES = 'communities'
export const INVITES = 'invites'
export const AUDIT_LOG = 'auditLog'
export const PASS_CHECKS = 'passChecks'
export const PLACES = 'places'
export const CHECKINS = 'checkins'
export const PLACE_REPORTS = 'placeReports'
export const SUGGESTIONS = 'suggestions'
export const ACTIVITIES = 'activities'
export const SIGNUPS = 'signups'
export const BALANCES = 'balances'
export const LEDGER = 'ledger'
export const MALL_ITEMS = 'mallItems'
export const VOUCHERS = 'vouchers'
export const MERCHANTS = 'merchants'
export const MEDIA_CHECKS = 'mediaChecks'
export const CONSENTS = 'consents'
export const DELETIONS = 'deletions'
export const STATS_DAILY = 'statsDaily'
export const COMPOUNDS = 'compounds'
export const COMPOUND_FLAGS = 'compoundFlags'
export const GATE_ENTRIES = 'gateEntries'
export const MESSAGE_OUTBOX = 'messageOutbox'

export const COLLECTIONS = [
  USERS,
  COMMUNITIES,
  INVITES,
  AUDIT_LOG,
  PASS_CHECKS,
  PLACES,
  CHECKINS,
  PLACE_REPORTS,
  SUGGESTIONS,
  ACTIVITIES,
  SIGNUPS,
  BALANCES,
  LEDGER,
  MALL_ITEMS,
  VOUCHERS,
  MERCHANTS,
  MEDIA_CHECKS,
  CONSENTS,
  DELETIONS,
  STATS_DAILY,
  COMPOUNDS,
  COMPOUND_FLAGS,
  GATE_ENTRIES,
  MESSAGE_OUTBOX,
] as const

export type CollectionName = (typeof COLLECTIONS)[number]
