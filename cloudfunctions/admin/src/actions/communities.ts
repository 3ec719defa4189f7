import { randomBytes } from 'node:crypto'
import type { CommunityDoc } from '../../../../domain/entities/identity'
import { AppError } from '../../../../domain/errors'
import { isDuplicateWrite } from '../../../../server/db-errors'
import { defineAction } from '../../../../server/router'
import { toCommunityView } from '../../../../server/communities'
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
      if (isDuplicateWrite(err)) throw new AppError('CONFLICT', `已有名为「${input.name}」的社区`, { field: 'name' })
      throw err
    }
    return toCommunityView(doc)
  },
})
