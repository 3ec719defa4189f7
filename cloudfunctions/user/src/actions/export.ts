import type { MerchantDoc } from '../../../../domain/entities/merchant'
import type { MyDataExport } from '../../../../domain/entities/privacy'
import type { UserDoc } from '../../../../domain/entities/user'
import { PRIVACY_NOTICE, maskName } from '../../../../domain/privacy'
import { defineAction } from '../../../../server/router'
import { tempUrls } from '../../../../server/files'
import { findAll, subjectOf, toSections } from '../personal-data'

/** Links in an export live long enough to open the file once, not to be passed around. */
const EXPORT_URL_SECONDS = 600

/**
 * Everything held about the caller, collection by collection as the personal-data table finds it
 * (PIPL art. 45). Creates nothing for a caller never seen. DB: about 30 indexed queries in parallel.
 */
export const exportMine = defineAction('user', 'exportMine', {
  access: 'any',
  async handler(_input, ctx): Promise<MyDataExport> {
    const found = await findAll(ctx.db, subjectOf(ctx.openid, null)).then(async (first) => {
      // the rider id is on the users document: with it, the pass checks about them are found too
      const user = first.get('users')?.[0]?.docs[0] as UserDoc | undefined
      return user?.verification?.riderId ? findAll(ctx.db, subjectOf(ctx.openid, user)) : first
    })
    const user = (found.get('users')?.[0]?.docs[0] as UserDoc | undefined) ?? null
    const merchant = (found.get('merchants')?.[0]?.docs[0] as MerchantDoc | undefined) ?? null
    const v = user?.verification
    const files = [v?.badgePhoto, merchant?.licencePhoto].filter((f): f is string => !!f)
    const urls = files.length ? await tempUrls(files, EXPORT_URL_SECONDS) : new Map<string, string>()
    return {
      exportedAt: ctx.now().toISOString(),
      noticeVersion: PRIVACY_NOTICE.version,
      verification: v
        ? {
            status: v.status,
            realNameMasked: v.realName ? maskName(v.realName) : null,
            phoneMasked: v.phoneMasked ?? null,
            badgePhotoUrl: v.badgePhoto ? urls.get(v.badgePhoto) || null : null,
          }
        : null,
      licencePhotoUrl: merchant?.licencePhoto ? urls.get(merchant.licencePhoto) || null : null,
      sections: toSections(found),
    }
  },
})
