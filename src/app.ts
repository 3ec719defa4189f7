import { type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initCloud } from '@/api/transport'
import { prefetch } from '@/api'
import { currentSettings, refreshSettings } from '@/hooks/useSettings'
import { nearbyInput, NO_FILTERS } from '@/pages/map/logic'
import type { AppSettings } from '@domain/user/settings'
import './app.scss'

const ENTRY = 'pages/map/index'

/** The page the app was opened at: the launch path on weapp, the hash route on h5. */
function launchedAtEntry(path: string | undefined): boolean {
  const route = process.env.TARO_ENV === 'h5' && typeof location !== 'undefined' ? location.hash.replace(/^#\/?/, '') : (path ?? '')
  return route === '' || route.replace(/^\//, '').split('?')[0] === ENTRY
}

/** The 服务地图 list around the district centre, as the page asks it before the rider picks a place or filter. */
function prefetchNearby(settings: AppSettings | undefined): void {
  const centre = settings?.map.centre
  if (centre) prefetch('places', 'nearby', nearbyInput(centre, NO_FILTERS))
}

/** h5: the back / home buttons of Taro's navigation bar are bare divs; name them for screen readers. */
function labelNavigationBar(): void {
  const labels: [string, string][] = [
    ['taro-navigation-bar-back', '返回'],
    ['taro-navigation-bar-home', '回到首页'],
  ]
  for (const [cls, label] of labels) {
    const el = document.querySelector(`#taro-navigation-bar .${cls}`)
    el?.setAttribute('role', 'button')
    el?.setAttribute('aria-label', label)
  }
}

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    if (process.env.TARO_ENV === 'h5') setTimeout(labelNavigationBar, 0)
    // weapp: Taro.cloud.init once; h5: nothing (the emulator's gateway needs no setup).
    initCloud()
    // The entry tab's first data starts with the app, not after its page code has loaded: from the
    // settings kept on the device at once, else as soon as they arrive.
    const atEntry = launchedAtEntry(options?.path)
    if (atEntry) prefetchNearby(currentSettings())
    // the deployment's settings, early: a tap that asks for subscribe messages must find them loaded
    refreshSettings()
      .then((s) => atEntry && prefetchNearby(s))
      .catch(() => undefined)
  })
  return children
}

export default App
