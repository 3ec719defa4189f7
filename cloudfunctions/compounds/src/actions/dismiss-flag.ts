import type { CompoundDoc, CompoundFlagDoc } from '../../../../domain/compounds/model'
import { withoutFlagsOn } from '../../../../domain/compounds/rules'
import { AppError } from '../../../../domain/errors'
import { writeAudit } from '../../../../server/audit'
import { findById } from '../../../../server/db'
import { defineAction } from '../../../../server/router'
import { requireCommunityStaff, STAFF_ACCESS } from '../../../../server/scope'
import { runTx, txGet } from '../../../../server/tx'
import { COMPOUNDS, COMPOUND_FLAGS } from '../../../../server/collections'
import { flagView, recentFlagsOf } from '../store'

/** 「不需修改」: the flag closes and stops steering riders, the compound stays as it is (audited). */
export const dismissFlag = defineAction('compounds', 'dismissFlag', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const found = await findById<CompoundFlagDoc & { _id: string }>(ctx.db, COMPOUND_FLAGS, input.id)
    if (!found) throw new AppError('NOT_FOUND', '找不到这条反馈')
    requireCommunityStaff(ctx, found.communityId)
    const now = ctx.now()
    const after = await runTx(ctx.db, async (t) => {
      const f = await txGet<CompoundFlagDoc & { _id: string }>(t, COMPOUND_FLAGS, input.id)
      if (!f) throw new AppError('NOT_FOUND', '找不到这条反馈')
      if (f.status !== 'open') throw new AppError('CONFLICT', '这条反馈已经处理过了')
      const c = await txGet<CompoundDoc>(t, COMPOUNDS, f.compoundId)
      if (c) await t.collection(COMPOUNDS).doc(c._id).update({ data: { recentFlags: ctx.db.command.set(withoutFlagsOn(recentFlagsOf(c), [f])) } })
      await t.collection(COMPOUND_FLAGS).doc(f._id).update({ data: { status: 'dismissed', handledAt: now, handledBy: ctx.openid } })
      // the audit entry with the change (written after the commit, a crash between them lost it)
      await writeAudit(ctx, [{ action: 'compounds.dismissFlag', subject: null, communityId: f.communityId, fields: [], detail: `${f.compoundName}：${f.targetLabel}「${f.kind}」不需修改` }], t)
      return { ...f, status: 'dismissed' as const, handledAt: now, handledBy: ctx.openid }
    })
    return flagView(after)
  },
})
