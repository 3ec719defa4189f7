import { AppError } from '../../../domain/errors'
import type { ActionContext } from '../../../server/context'
import { staffCommunityIds } from '../../../server/scope'

/**
 * The communities an answer covers: the one asked for (the caller must be its staff), else all of
 * the caller's; `null` means every community (admins only).
 */
export function scopeOf(ctx: Pick<ActionContext, 'user'>, communityId: string | undefined): string[] | null {
  const scope = staffCommunityIds(ctx.user)
  if (communityId) {
    if (scope !== 'all' && !scope.includes(communityId)) throw new AppError('FORBIDDEN', '只能查看你所在社区的数据')
    return [communityId]
  }
  return scope === 'all' ? null : scope
}

/** The where-clause on `field` for a scope (`null`: no condition). */
export const inScope = (ctx: Pick<ActionContext, 'db'>, scope: string[] | null, field = 'communityId'): Record<string, unknown> =>
  scope === null ? {} : { [field]: scope.length === 1 ? scope[0] : ctx.db.command.in(scope) }
