import type { Role, UserDoc } from '../domain/user/model'
import type { Database } from './cloud'

/** What a handler gets besides its parsed input. Handlers never see the raw event. */
export interface ActionContext {
  /** the caller, from getWXContext().OPENID */
  openid: string
  /**
   * the caller's users document, loaded by the router when the action requires a role (and created
   * on a new caller's first call to an action open to riders); null for `any` actions
   */
  user: UserDoc | null
  requestId: string
  db: Database
  now: () => Date
}

/**
 * Who may call an action. `any`: any WeChat user (no users document needed, none read); a role, or a
 * list of roles of which the caller needs at least one (e.g. `['worker', 'admin']`). A caller without
 * a users document is a new rider: the router creates it when the roles include `rider`.
 */
export type Access = 'any' | Role | readonly Role[]
