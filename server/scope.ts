import { AppError } from '../domain/errors'
import type { UserDoc } from '../domain/user/model'
import type { ActionContext } from './context'

/** Access for actions of community staff: workers (inside their communities) and admins (everywhere). */
export const STAFF_ACCESS = ['worker', 'admin'] as const

export const isAdmin = (user: UserDoc | null): boolean => !!user?.roles.includes('admin')

/** The communities the caller may manage: `'all'` for admins, their own for workers, none otherwise. */
export function staffCommunityIds(user: UserDoc | null): 'all' | string[] {
  if (!user) return []
  if (isAdmin(user)) return 'all'
  return user.roles.includes('worker') ? user.workerCommunityIds : []
}

/** Whether `user` is an admin or a worker of `communityId`. */
export const isStaffOf = (user: UserDoc | null, communityId: string): boolean => {
  const scope = staffCommunityIds(user)
  return scope === 'all' || scope.includes(communityId)
}

/**
 * Throws FORBIDDEN unless the caller is an admin or a worker of `communityId`. Use after the
 * router's role check (access `STAFF_ACCESS`), with the community of the document acted upon.
 */
export function requireCommunityStaff(ctx: Pick<ActionContext, 'user'>, communityId: string): void {
  if (!isStaffOf(ctx.user, communityId)) throw new AppError('FORBIDDEN', '只能管理你所在社区的内容')
}

/**
 * The where-clause of a staff list: the community asked for (the caller must be its staff) or all
 * of the caller's, on `field`. `null` when the caller has no community (the list is empty).
 */
export function staffListFilter(ctx: Pick<ActionContext, 'user' | 'db'>, requested: string | undefined, field = 'communityId'): Record<string, unknown> | null {
  if (requested) {
    requireCommunityStaff(ctx, requested)
    return { [field]: requested }
  }
  const scope = staffCommunityIds(ctx.user)
  if (scope === 'all') return {}
  return scope.length ? { [field]: ctx.db.command.in(scope) } : null
}
