import { acceptsCurrentNotice, type ConsentDoc, type ConsentRecord, type ConsentView } from '../../../../domain/user/consent'
import { AppError } from '../../../../domain/errors'
import { PRIVACY_NOTICE } from '../../../../domain/privacy'
import { defineAction } from '../../../../server/router'
import { findById } from '../../../../server/db'
import { runTx, txGet, withoutId } from '../../../../server/tx'
import { CONSENTS } from '../../../../server/collections'

const toView = (r: ConsentRecord): ConsentView => ({
  version: r.version,
  location: r.location,
  phone: r.phone,
  photos: r.photos,
  at: new Date(r.at).toISOString(),
})

/** The notice and where the caller stands with it. DB: 1 read; nothing is created for a new caller. */
export const consentStatus = defineAction('user', 'consentStatus', {
  access: 'any',
  async handler(_input, ctx) {
    const doc = await findById<ConsentDoc>(ctx.db, CONSENTS, ctx.openid)
    return {
      notice: PRIVACY_NOTICE,
      current: doc ? toView(doc.current) : null,
      needsConsent: !acceptsCurrentNotice(doc),
    }
  },
})

/**
 * Records an agreement. Only to the notice the server holds now: an app showing an older text gets
 * CONFLICT and shows the new one. Each agreement is kept (the history is what a regulator asks
 * for); one transaction on the one document, so two taps never lose a record.
 */
export const consent = defineAction('user', 'consent', {
  access: 'any',
  async handler(input, ctx) {
    if (input.version !== PRIVACY_NOTICE.version) throw new AppError('CONFLICT', '隐私说明已更新，请阅读新的说明后再确认', { field: 'version' })
    const record: ConsentRecord = { version: input.version, location: input.location, phone: input.phone, photos: input.photos, at: ctx.now() }
    await runTx(ctx.db, async (t) => {
      const doc = await txGet<ConsentDoc>(t, CONSENTS, ctx.openid)
      const next: ConsentDoc = { _id: ctx.openid, current: record, history: [...(doc?.history ?? []), record], updatedAt: record.at }
      await t.collection(CONSENTS).doc(ctx.openid).set({ data: withoutId(next) as unknown as Record<string, unknown> })
    })
    return toView(record)
  },
})
