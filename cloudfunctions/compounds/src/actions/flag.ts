import { FLAG_INTERVAL_MS, RECENT_FLAGS_KEPT, type CompoundFlagDoc, type RecentFlag } from '../../../../domain/compounds/model'
import { compoundView, targetLabel } from '../../../../domain/compounds/rules'
import { AppError } from '../../../../domain/errors'
import { isDuplicateWrite } from '../../../../server/db-errors'
import { defineAction } from '../../../../server/router'
import { COMPOUNDS, COMPOUND_FLAGS } from '../../../../server/collections'
import { loadCompound, recentFlagsOf } from '../store'

const tooOften = () => new AppError('RATE_LIMITED', '你刚反馈过这里，30 分钟后可再次反馈')

/**
 * 「这个门关了」「楼号不对」「车停不了」「柜子满了/坏了」「坡道积水/施工」. Like a station's live report: the flag lands in the community's
 * queue (`compoundFlags`, by community and status) and the compound keeps the last few as its live
 * summary, so the next search still reads one compound. A unique key per rider, target and
 * 30-minute window makes double taps count once. DB: user (router) + compound = 2 reads; 2 writes.
 */
export const flag = defineAction('compounds', 'flag', {
  access: 'rider',
  async handler(input, ctx) {
    const now = ctx.now()
    const doc = await loadCompound(ctx, input.compoundId)
    const label = targetLabel(doc, input.target, input.targetId)
    if (!label) throw new AppError('NOT_FOUND', '这个小区没有你反馈的门、楼、泊位、快递柜或路段，请刷新后再试', { field: 'targetId' })

    const row: CompoundFlagDoc = {
      compoundId: doc._id,
      compoundName: doc.name,
      communityId: doc.communityId,
      target: input.target,
      targetId: input.targetId,
      targetLabel: label,
      kind: input.kind,
      note: input.note ?? null,
      status: 'open',
      userId: ctx.openid,
      at: now,
      handledAt: null,
      handledBy: null,
      rateKey: `${ctx.openid}|${doc._id}|${input.target}:${input.targetId}|${Math.floor(now.getTime() / FLAG_INTERVAL_MS)}`,
    }
    try {
      await ctx.db.collection(COMPOUND_FLAGS).add({ data: row })
    } catch (err) {
      if (isDuplicateWrite(err)) throw tooOften()
      throw err
    }
    const item: RecentFlag = { target: input.target, targetId: input.targetId, kind: input.kind, at: now }
    await ctx.db
      .collection(COMPOUNDS)
      .doc(doc._id)
      .update({ data: { recentFlags: ctx.db.command.push({ each: [item], slice: -RECENT_FLAGS_KEPT }) } })
    const next = { ...doc, recentFlags: [...recentFlagsOf(doc), item].slice(-RECENT_FLAGS_KEPT) }
    return compoundView(next, doc.communityName, now)
  },
})
