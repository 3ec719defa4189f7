import Taro from '@tarojs/taro'
import type { SubscriptionKind } from '@domain/user/settings'
import { currentSettings } from '@/hooks/useSettings'

/** WeChat shows at most 3 templates in one request (newer clients 5; 3 works on every client). */
const MAX_PER_REQUEST = 3

/**
 * Asks the rider to accept the subscribe messages of `kinds` (weapp only; a no-op on h5 and for
 * messages this deployment has no template for). WeChat shows the request only while handling a
 * tap, so call this first thing in the tap handler, before any `await`: the template ids come from
 * the already loaded settings, never from a fetch here. A refusal ('reject'), a template banned by
 * WeChat ('ban' / 'filter') or a failed request are all fine: the action goes on without the
 * message. Resolves with the ids the rider accepted.
 * Docs: https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html
 */
export function requestSubscriptions(kinds: readonly SubscriptionKind[]): Promise<string[]> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve([])
  const ids = subscriptionIds(kinds)
  if (!ids.length) return Promise.resolve([])
  return Taro.requestSubscribeMessage({ tmplIds: ids } as Parameters<typeof Taro.requestSubscribeMessage>[0]).then(
    (res) => ids.filter((id) => (res as unknown as Record<string, string>)[id] === 'accept'),
    () => [],
  )
}

/** The configured template ids of `kinds`, at most one request's worth. */
export function subscriptionIds(kinds: readonly SubscriptionKind[]): string[] {
  const known = currentSettings()?.subscriptions ?? {}
  const ids = kinds.map((k) => known[k]).filter((id): id is string => !!id)
  return [...new Set(ids)].slice(0, MAX_PER_REQUEST)
}
