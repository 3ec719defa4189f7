import * as z from 'zod'
import { emptyInput } from '../schemas/common'
import type { MeView } from '../entities/user'
import type { AppSettings } from '../entities/settings'
import type { ConsentStatus, ConsentView, MyDataExport } from '../entities/privacy'
import { action } from './action'

export const consentInput = z.strictObject({
  /** the notice version the person read; an older one is refused (they must read the new text) */
  version: z.string().min(1).max(40),
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
}
