import type { ErrorBody } from './errors'

/** What every cloud-function action answers. */
export type Envelope<T> = { ok: true; data: T; requestId?: string } | { ok: false; error: ErrorBody }

/** What the app sends to a function: `callFunction({ name, data: request })`. */
export interface CallRequest {
  action: string
  input?: unknown
  requestId?: string
  /**
   * Sent before the app knows that the caller has accepted the privacy notice (the first call of a
   * launch leaves beside `user.consentStatus`, not after its answer): the router refuses it with
   * NOTICE_REQUIRED, before it reads or creates anything else, unless the caller's consent record
   * names the current notice.
   */
  ifConsented?: true
}
