import { emptyInput } from '../schemas/common'
import type { MeView } from '../entities/user'
import type { AppSettings } from '../entities/settings'
import { action } from './action'

export const userContract = {
  /** The caller's profile and roles; creates the users document on the caller's first call. */
  me: action<MeView>()(emptyInput),
  /** The deployment's communities, map centre and presets, and subscribe-message template ids (any user). */
  settings: action<AppSettings>()(emptyInput),
}
