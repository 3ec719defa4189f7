import { randomBytes } from 'node:crypto'
import type { CommunityDoc } from '../../../../domain/identity/model'
import { AppError } from '../../../../domain/errors'
import { isDuplicateWrite } from '../../../../server/db-errors'
import { defineAction } from '../../../../server/router'
import { allCommunities, toCommunityView } from '../../../../server/communities'
import { writeAudit } from '../../../../server/audit'
import { runTx, txGet } from '../../../../server/tx'
import { COMMUNITIES } from '../../../../server/collections'

/** A new community of the district (names are unique). */
export const createCommunity = defineAction('admin', 'createCommunity', {
  access: 'admin',
  async handler(input, ctx) {
    const doc: CommunityDoc = {
      _id: `c-${randomBytes(6).toString('hex')}`,
      name: input.name,
      street: input.street,
      district: input.district,
      centre: input.centre ?? null,
      createdAt: ctx.now(),
      createdBy: ctx.openid,
    }
    try {
      await ctx.db.collection(COMMUNITIES).add({ data: doc })
    } catch (err) {
      if (isDuplicateWrite(err)) throw nameTaken(input.name)
      throw err
    }
    return toCommunityView(doc)
  },
})

/**
 * Renames a community or changes its street, district or centre. Pages show names looked up by id,
 * so a rename reaches every view at once; the change and its audit entry are one transaction.
 */
export const updateCommunity = defineAction('admin', 'updateCommunity', {
  access: 'admin',
  async handler(input, ctx) {
    const { communityId, ...fields } = input
    const all = await allCommunities(ctx.db)
    if (!all.some((c) => c._id === communityId)) throw notFound()
    if (all.some((c) => c.name === fields.name && c._id !== communityId)) throw nameTaken(fields.name)
    try {
      const doc = await runTx(ctx.db, async (t) => {
        const before = await txGet<CommunityDoc>(t, COMMUNITIES, communityId)
        if (!before) throw notFound()
        const next: CommunityDoc = { ...before, ...fields, centre: fields.centre ?? before.centre ?? null }
        const changed = EDITABLE.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(next[k] ?? null))
        if (!changed.length) return before
        await t.collection(COMMUNITIES).doc(communityId).update({ data: { name: next.name, street: next.street, district: next.district, centre: next.centre, updatedAt: ctx.now() } })
        const detail = before.name !== next.name ? `${before.name} → ${next.name}` : next.name
        await writeAudit(ctx, [{ action: 'admin.updateCommunity', subject: null, communityId, fields: changed, detail }], t)
        return next
      })
      return toCommunityView(doc)
    } catch (err) {
      if (isDuplicateWrite(err)) throw nameTaken(fields.name)
      throw err
    }
  },
})

const EDITABLE = ['name', 'street', 'district', 'centre'] as const
const notFound = () => new AppError('NOT_FOUND', '找不到这个社区，可能已被删除', { field: 'communityId' })
const nameTaken = (name: string) => new AppError('CONFLICT', `已有名为「${name}」的社区`, { field: 'name' })
