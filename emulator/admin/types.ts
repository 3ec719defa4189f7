import type { Invocation } from '../core/invocations'

/** One request of the SDK's admin protocol, already parsed. */
export interface AdminCall {
  action: string
  /** JSON body for every action but wx.openApi; for wx.openApi the multipart fields (see rawBody). */
  body: Record<string, unknown>
  /** env name from `?env=` or the body's envName */
  env: string
  /** the invocation that made the call (via wxCloudApiToken), when it came from a function */
  invocation?: Invocation
  /** raw request bytes and content type, for multipart actions (wx.openApi) */
  rawBody: Buffer
  contentType: string
}

/** What a service answers: the JSON object sent back (e.g. `{ data: {...} }`, or `{ transactionId }`),
 * or a raw reply for the few binary answers (wx.openApi answers protobuf). */
export type AdminReply = Record<string, unknown> | { raw: Buffer; contentType: string }

export type ServiceHandler = (call: AdminCall) => Promise<AdminReply>

/** Services by action prefix: `database` handles `database.*`, `storage` handles `storage.*`, … */
export type AdminServices = Partial<Record<'database' | 'functions' | 'storage' | 'wx', ServiceHandler>>
