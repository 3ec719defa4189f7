import type { ConsentScope, PrivacyNotice } from '../privacy'

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
