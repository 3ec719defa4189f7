import { emptyInput } from '../schemas/common'
import type { MeView } from '../entities/user'
import { action } from './action'

export const userContract = {
  /** The caller's profile and roles; creates the users document on the first call. */
  me: action<MeView>()(emptyInput),
}
