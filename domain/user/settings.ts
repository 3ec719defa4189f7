import type { LngLat } from '../geo'
import type { CommunityView } from '../identity/model'

/**
 * The subscribe messages the functions send, by what they are about. Which template each one uses
 * (and its field names) is a deployment setting of the functions (server/subscribe-messages.ts);
 * the app learns the template ids from `user.settings` and asks riders for them at the right tap.
 */
export const SUBSCRIPTION_KINDS = ['identityReview', 'suggestionStatus', 'volunteerPromoted', 'volunteerCancelled', 'volunteerReminder', 'pointsExpiry'] as const
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number]

/** A named point the map or a location picker can centre on. */
export interface MapPlace extends LngLat {
  label: string
}

/** `user.settings`: what the app needs to know about this deployment, read once and cached. */
export interface AppSettings {
  /** the district's communities, oldest first */
  communities: CommunityView[]
  map: {
    /** where the map opens without the rider's location: the oldest community's centre (null: none set) */
    centre: MapPlace | null
    /** quick picks: every community with a centre, oldest first */
    presets: MapPlace[]
  }
  /** template id per subscribe message this deployment sends; a message without a template is absent */
  subscriptions: Partial<Record<SubscriptionKind, string>>
}
