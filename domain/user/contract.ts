import * as z from 'zod/mini'
import { communityId, emptyInput } from '../schemas'
import type { MeView } from './model'
import type { AppSettings } from './settings'
import type { AccessLogLine, ConsentStatus, ConsentView, DeletionStatus, MyDataExport, ProcessingRecords } from './consent'
import { riderId } from '../identity/contract'
import { action } from '../action'

export const consentInput = z.strictObject({
  /** the notice version the person read; an older one is refused (they must read the new text) */
  version: z.string().check(z.minLength(1), z.maxLength(40)),
  location: z.boolean(),
  phone: z.boolean(),
  photos: z.boolean(),
})

export const userContract = {
  /** The caller's profile and roles; creates the users document on the caller's first call. */
  me: action<MeView>()(emptyInput),
  /** The deployment's communities, map centre and presets, and subscribe-message template ids (any user). */
  settings: action<AppSettings>()(emptyInput),
  /** The privacy notice and the caller's consent to it (any user; creates nothing). */
  consentStatus: action<ConsentStatus>()(emptyInput),
  /** Records the caller's agreement to the current notice, location / phone / photos stated separately. */
  consent: action<ConsentView>()(consentInput),
  /** Everything held about the caller, collection by collection (导出我的数据). */
  exportMine: action<MyDataExport>()(emptyInput),
  /** Whether the caller has asked to 注销 their account, and when it happens. */
  deletionStatus: action<DeletionStatus>()(emptyInput),
  /** Asks for 注销: deleted by the daily job after the cooling-off period, cancellable until then. */
  requestDeletion: action<DeletionStatus>()(z.strictObject({ confirm: z.literal(true, { error: '请确认注销' }) })),
  /** Withdraws a waiting 注销 request. */
  cancelDeletion: action<DeletionStatus>()(emptyInput),
  /** 谁查看了我的信息: when and in which role staff viewed or decided on the caller's data. */
  accessLog: action<AccessLogLine[]>()(emptyInput),
  /** A worker of the rider's community (or an admin) files a 注销 request on the rider's behalf (audited). */
  requestDeletionFor: action<DeletionStatus>()(z.strictObject({ riderId, confirm: z.literal(true, { error: '请确认注销' }) })),
  /** Admins: the record of processing activities per collection, retention periods and the 注销 records (no names, no openids). */
  processingRecords: action<ProcessingRecords>()(z.strictObject({ communityId: z.optional(communityId) })),
}
