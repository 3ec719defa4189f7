import type { CompoundDoc } from '../../../../domain/compounds/model'
import type { CommunityDoc } from '../../../../domain/identity/model'
import { compoundView, derivedFields } from '../../../../domain/compounds/rules'
import { AppError } from '../../../../domain/errors'
import { writeAudit } from '../../../../server/audit'
import { findById } from '../../../../server/db'
import { defineAction } from '../../../../server/router'
import { runTx } from '../../../../server/tx'
import { requireCommunityStaff, STAFF_ACCESS } from '../../../../server/scope'
import { COMMUNITIES, COMPOUNDS } from '../../../../server/collections'

/** A worker adds a compound of their community (audited). */
export const create = defineAction('compounds', 'create', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    requireCommunityStaff(ctx, input.communityId)
    const community = await findById<CommunityDoc>(ctx.db, COMMUNITIES, input.communityId)
    if (!community) throw new AppError('NOT_FOUND', '找不到这个社区', { field: 'communityId' })
    const now = ctx.now()
    const fields = { ...input, communityName: community.name }
    const doc: Omit<CompoundDoc, '_id'> = {
      ...fields,
      ...derivedFields(fields),
      recentFlags: [],
      status: 'active',
      createdAt: now,
      updatedAt: now,
      updatedBy: ctx.openid,
    }
    // the compound and its audit entry in one transaction: a crash cannot keep one without the other
    const res = await runTx(ctx.db, async (t) => {
      const added = (await t.collection(COMPOUNDS).add({ data: { ...doc, location: ctx.db.Geo.Point(input.anchor.longitude, input.anchor.latitude) } })) as { _id: string }
      await writeAudit(ctx, [{ action: 'compounds.create', subject: null, communityId: input.communityId, fields: [], detail: `${input.name}（${added._id}）` }], t)
      return added
    })
    return compoundView({ ...doc, _id: res._id }, community.name, now)
  },
})
