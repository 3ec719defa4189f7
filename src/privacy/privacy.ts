import Taro from '@tarojs/taro'

type Resolve = Taro.onNeedPrivacyAuthorization.ResolveOption
export type PrivacyRequest = {
  /** tell WeChat which button the user tapped (agree) or that they refused */
  resolve: (option: Resolve) => void
  referrer: string
  /** answered (here or by the first-open notice's agree button) */
  settled: boolean
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
    if (!top) return resolve({ event: 'disagree' })
    const request: PrivacyRequest = {
      referrer: eventInfo?.referrer ?? '',
      settled: false,
      resolve: (option) => {
        // exposureAuthorization only reports that the pop-up is shown
        if (option.event !== 'exposureAuthorization') {
          request.settled = true
          pending.delete(request)
        }
        resolve(option)
      },
    }
    pending.add(request)
    top(request)
  })
}

/** WeChat's requests not answered yet */
const pending = new Set<PrivacyRequest>()

/**
 * The first-open notice's agree button is an agreePrivacyAuthorization button too: a request
 * WeChat raised while the notice was up is agreed by that same tap.
 */
export function agreePending(buttonId: string): void {
  for (const r of [...pending]) r.resolve({ event: 'agree', buttonId })
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
export const NOTICE_AGREE_BUTTON_ID = 'privacy-notice-agree-btn'
