import type { Role, UserDoc } from '../domain/entities/user'
import type { Database } from './cloud'

/** What a handler gets besides its parsed input. Handlers never see the raw event. */
export interface ActionContext {
  /** the caller, from getWXContext().OPENID */
  openid: string
  /** the caller's users document, loaded by the router when the action requires a role */
  user: UserDoc | null
  requestId: string
  db: Database
  now: () => Date
}

/**
 * Who may call an action. `any`: any WeChat user (no users document needed); a role, or a list of
 * roles of which the caller needs at least one (e.g. `['worker', 'admin']`).
 */
export type Access = 'any' | Role | readonly Role[]
