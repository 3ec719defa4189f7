import type { MerchantDoc } from '../../../../domain/merchant/model'
import { ROLES } from '../../../../domain/user/model'
import { AppError } from '../../../../domain/errors'
import { checkText } from '../../../../server/content-check'
import { findById } from '../../../../server/db'
import { defineAction } from '../../../../server/router'
import { runTx, txGet, withoutId } from '../../../../server/tx'
import { requireOwnImage, uploadDirOf } from '../../../../server/uploads'
import { toMerchantView } from '../store'
import { COMMUNITIES, MERCHANTS } from '../../../../server/collections'


/** Where the caller uploads their licence photo. No database access. */
export const uploadDir = defineAction('merchant', 'uploadDir', {
  access: ROLES,
  async handler(_input, ctx) {
    return { dir: uploadDirOf('merchant-licences', ctx.openid) }
  },
})

/**
 * A shop applies to be an 爱心商家 (or re-applies after a rejection). The text passes msgSecCheck:
 * `risky` → refused; `review` → accepted but flagged for the reviewing worker. The licence photo must
 * be an image the caller uploaded into their licence folder (server/uploads.ts; private, staff get temp URLs).
 */
export const apply = defineAction('merchant', 'apply', {
  access: ROLES,
  async handler(input, ctx) {
    await requireOwnImage(input.licencePhoto, 'merchant-licences', ctx.openid, 'licencePhoto', '请上传营业执照照片')
    const existing = await findById<MerchantDoc>(ctx.db, MERCHANTS, ctx.openid)
    if (existing?.status === 'approved') throw new AppError('CONFLICT', '你的店铺已是爱心商家，无需重复申请')
    const community = await findById<{ _id: string }>(ctx.db, COMMUNITIES, input.communityId)
    if (!community) throw new AppError('NOT_FOUND', '找不到这个社区', { field: 'communityId' })
    const text = [input.shopName, input.address, input.discountText ?? ''].join('\n')
    const suggest = await checkText(text, ctx.openid, 1)
    if (suggest === 'risky') throw new AppError('CONTENT_REJECTED', '店铺信息未通过内容安全检查，请修改后再提交')
    const now = ctx.now()
    const doc: MerchantDoc = {
      _id: ctx.openid,
      shopName: input.shopName,
      address: input.address,
      location: { type: 'Point', coordinates: [input.location.longitude, input.location.latitude] },
      communityId: input.communityId,
      category: input.category,
      offers: input.offers,
      discountText: input.discountText,
      hours: input.hours,
      licencePhoto: input.licencePhoto,
      phone: input.phone,
      status: 'pending',
      contentFlagged: suggest === 'review',
      rejectReason: null,
      placeId: null,
      submittedAt: now,
      reviewedAt: null,
      reviewedBy: null,
    }
    // A transaction, not a plain set: a worker's approval may be running (merchant.review locks the
    // application); a plain write would wait for it and then put the approved shop back to pending.
    await runTx(ctx.db, async (t) => {
      const current = await txGet<MerchantDoc>(t, MERCHANTS, ctx.openid)
      if (current?.status === 'approved') throw new AppError('CONFLICT', '你的店铺已是爱心商家，无需重复申请')
      // a new application must not lift a worker's suspension
      if (current?.status === 'suspended') throw new AppError('CONFLICT', '你的店铺已被社区暂停服务，请联系社区工作人员恢复，无需重新申请')
      await t.collection(MERCHANTS).doc(ctx.openid).set({ data: withoutId(doc) as unknown as Record<string, unknown> })
    })
    return toMerchantView(doc)
  },
})

export const mine = defineAction('merchant', 'mine', {
  access: 'any',
  async handler(_input, ctx) {
    const m = await findById<MerchantDoc>(ctx.db, MERCHANTS, ctx.openid)
    return m ? toMerchantView(m) : null
  },
})
