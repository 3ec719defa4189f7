import * as z from 'zod/mini'
import { action } from '../action'
import { communityId } from '../schemas'
import { PERIODS, type FiguresView, type TodoView } from './model'

const period = z.union(PERIODS.map((p) => z.literal(p)) as unknown as [z.ZodMiniLiteral<7>, z.ZodMiniLiteral<30>, z.ZodMiniLiteral<90>], { error: '统计周期只能是 7、30 或 90 天' })

export const workbenchContract = {
  /**
   * What needs doing now in the caller's communities (a worker) or the district (an admin), or in
   * one community of theirs: every figure a `count()` on an indexed field.
   */
  todo: action<TodoView>()(z.strictObject({ communityId: z.optional(communityId).check(z.describe('社区')) })),
  /**
   * Figures of the last `days` days (up to yesterday) from the daily roll-ups: one community of the
   * caller's, or all of them (an admin: the whole district, with a row per community).
   */
  figures: action<FiguresView>()(z.strictObject({ days: period.check(z.describe('统计周期')), communityId: z.optional(communityId).check(z.describe('社区')) })),
}
