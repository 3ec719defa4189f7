import { NOTICE_VERSION, type ConsentScope, type PrivacyNotice } from '../privacy'
import type { ProcessingActivity } from '../personal-data'

export type ConsentChoices = Record<ConsentScope, boolean>

/** One agreement to the privacy notice. */
export interface ConsentRecord extends ConsentChoices {
  version: string
  at: Date
}

/** The `consents` document, `_id` = openid: the current choice and every earlier one. */
export interface ConsentDoc {
  _id: string
  current: ConsentRecord
  history: ConsentRecord[]
  updatedAt: Date
}

/** Whether a `consents` document (or none) records agreement to the notice in force. */
export const acceptsCurrentNotice = (doc: Pick<ConsentDoc, 'current'> | null): boolean => !!doc && doc.current.version === NOTICE_VERSION

export interface ConsentView extends ConsentChoices {
  version: string
  at: string
}

/** `user.consentStatus` */
export interface ConsentStatus {
  notice: PrivacyNotice
  current: ConsentView | null
  /** never agreed, or agreed to an older version: the app shows the notice before use */
  needsConsent: boolean
}

/** One collection of `user.exportMine`: the documents that reference the caller, as JSON values. */
export interface ExportSection {
  collection: string
  title: string
  count: number
  /** more than one query page matched: the export shows the first page (never seen in practice) */
  truncated: boolean
  items: unknown[]
}

/** `user.exportMine`: everything held about the caller (PIPL art. 45). */
export interface MyDataExport {
  exportedAt: string
  noticeVersion: string
  /** the verification as staff see it (masked), with a short-lived link to the badge photo */
  verification: {
    status: string
    realNameMasked: string | null
    phoneMasked: string | null
    badgePhotoUrl: string | null
  } | null
  /** merchants: a short-lived link to the licence photo */
  licencePhotoUrl: string | null
  sections: ExportSection[]
}

/**
 * The `deletions` document. While a request waits or runs, `_id` = the person's openid (one request
 * per person); once done it is replaced by a processing record under a random `_id` that names
 * nobody: when, which community, who asked (the person or staff on their behalf).
 */
export interface DeletionDoc {
  _id: string
  status: 'pending' | 'running' | 'done'
  requestedAt: Date
  /** the end of the cooling-off period: the daily job deletes from then on */
  dueAt: Date
  requestedBy: 'self' | 'staff'
  /** the person's community (riders) at the request, for the district's processing records */
  communityId: string | null
  /** fixed when the job starts, so a run that stops half-way continues with the same one */
  pseudonym: string | null
  /** the rider id (kept until done: it finds their pass checks after the users document is gone) */
  riderId: string | null
  recordId: string | null
  startedAt: Date | null
  doneAt: Date | null
}

/** `user.deletionStatus` */
export interface DeletionStatus {
  status: 'none' | 'pending' | 'running'
  requestedAt: string | null
  dueAt: string | null
  coolingOffDays: number
}

/** One line of 谁查看了我的信息: when, and which role (never which person). */
export interface AccessLogLine {
  at: string
  roles: string[]
  action: string
  what: string
}

/** One 注销 request or its processing record, naming nobody. */
export interface ProcessingRecord {
  id: string
  status: DeletionDoc['status']
  requestedBy: DeletionDoc['requestedBy']
  communityId: string | null
  requestedAt: string
  dueAt: string
  doneAt: string | null
}

/**
 * `user.processingRecords` (admins): the record of processing activities — per collection what it
 * holds about people, how long, and what 注销 does (from domain/personal-data.ts) — the retention
 * periods the daily job applies, and the district's 注销 requests and records.
 */
export interface ProcessingRecords {
  generatedAt: string
  noticeVersion: string
  collections: ProcessingActivity[]
  periods: PrivacyNotice['periods']
  deletions: ProcessingRecord[]
}
