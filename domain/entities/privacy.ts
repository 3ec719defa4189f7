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
