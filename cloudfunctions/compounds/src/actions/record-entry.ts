import type { GateEntryDoc } from '../../../../domain/compounds/model'
import { AppError } from '../../../../domain/errors'
import { dayKey } from '../../../../domain/time'
import { isDuplicateWrite } from '../../../../server/db-errors'
import { defineAction } from '../../../../server/router'
import { requireCommunityStaff, STAFF_ACCESS } from '../../../../server/scope'
import { GATE_ENTRIES } from '../../../../server/collections'
import { loadCompound } from '../store'

/**
 * A guard lets a rider in: the gate's count for today goes up by one, atomically (`inc` on the one
 * document of the gate and day; the first entry of the day creates it, and a lost race to create it
 * increments the winner's). No rider, time or location is kept: a count per gate per day only.
 */
export const recordEntry = defineAction('compounds', 'recordEntry', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const now = ctx.now()
    const doc = await loadCompound(ctx, input.compoundId)
    requireCommunityStaff(ctx, doc.communityId)
    if (!doc.gates.some((g) => g.id === input.gateId)) throw new AppError('NOT_FOUND', '这个小区没有这个门', { field: 'gateId' })
    const day = dayKey(now)
    const id = `${doc._id}|${input.gateId}|${day}`
    const ref = ctx.db.collection(GATE_ENTRIES).doc(id)
    const inc = async () => ((await ref.update({ data: { count: ctx.db.command.inc(1), updatedAt: now } })) as { stats?: { updated?: number } }).stats?.updated ?? 0
    if (!(await inc())) {
      const row: Omit<GateEntryDoc, '_id'> = { compoundId: doc._id, gateId: input.gateId, communityId: doc.communityId, day, count: 1, updatedAt: now }
      try {
        await ctx.db.collection(GATE_ENTRIES).add({ data: { _id: id, ...row } })
      } catch (err) {
        if (!isDuplicateWrite(err)) throw err
        await inc()
      }
    }
    const after = (await ref.get()) as unknown as { data: GateEntryDoc }
    return { compoundId: doc._id, gateId: input.gateId, day, count: after.data.count }
  },
})
