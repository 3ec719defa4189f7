import type { AppSettings, MapPlace } from '../../../../domain/user/settings'
import { allCommunities, toCommunityView } from '../../../../server/communities'
import { configuredTemplateIds } from '../../../../server/subscribe-messages'
import { defineAction } from '../../../../server/router'

/**
 * What the app needs of this deployment, in one answer it caches: the district's communities (the
 * pickers, the public board, names), where the map opens and its quick picks (the communities'
 * centres), and the template ids to ask riders to subscribe to. Nothing district-specific is
 * compiled into the app. DB: 1 read (communities); the templates are function settings.
 */
export const settings = defineAction('user', 'settings', {
  access: 'any',
  async handler(_input, ctx): Promise<AppSettings> {
    const communities = (await allCommunities(ctx.db)).map(toCommunityView)
    const presets: MapPlace[] = communities.flatMap((c) => (c.centre ? [{ ...c.centre, label: c.name }] : []))
    // presets[0] is server/communities.ts' districtHome, where places.nearby looks without a position
    return { communities, map: { centre: presets[0] ?? null, presets }, subscriptions: configuredTemplateIds() }
  },
})
