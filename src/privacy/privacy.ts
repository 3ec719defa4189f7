import Taro from '@tarojs/taro'

type Resolve = Taro.onNeedPrivacyAuthorization.ResolveOption
export type PrivacyRequest = {
  /** tell WeChat which button the user tapped (agree) or that they refused */
  resolve: (option: Resolve) => void
  referrer: string
}
type Handler = (request: PrivacyRequest) => void

/**
 * WeChat raises one app-wide `onNeedPrivacyAuthorization` event when a privacy-sensitive API (e.g.
 * getLocation) is first called. The pop-up must appear on the page the user is looking at, so each
 * page's PrivacyPopup subscribes and the most recently shown one handles the event.
 * weapp only: on h5 this module registers nothing.
 */
const handlers: Handler[] = []
let registered = false

function ensureRegistered() {
  if (registered || process.env.TARO_ENV !== 'weapp') return
  if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return // base library < 2.32.3
  registered = true
  Taro.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    const top = handlers[handlers.length - 1]
    // No pop-up on screen: refuse, so the API fails cleanly instead of hanging.
    if (!top) resolve({ event: 'disagree' })
    else top({ resolve, referrer: eventInfo?.referrer ?? '' })
  })
}

export function subscribePrivacy(handler: Handler): () => void {
  handlers.push(handler)
  ensureRegistered()
  return () => {
    const i = handlers.lastIndexOf(handler)
    if (i >= 0) handlers.splice(i, 1)
  }
}

/** Moves a page's handler on top when that page is shown again (tab switch, navigateBack). */
export function bringToTop(handler: Handler): void {
  const i = handlers.lastIndexOf(handler)
  if (i < 0 || i === handlers.length - 1) return
  handlers.splice(i, 1)
  handlers.push(handler)
}

export const AGREE_BUTTON_ID = 'privacy-agree-btn'
