import type { ErrorBody } from './errors'

/** What every cloud-function action answers. */
export type Envelope<T> = { ok: true; data: T; requestId?: string } | { ok: false; error: ErrorBody }

/** What the app sends to a function: `callFunction({ name, data: request })`. */
export interface CallRequest {
  action: string
  input?: unknown
  requestId?: string
}
