import { type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initCloud } from '@/api/transport'
import { prefetch } from '@/api'
import { installNoticeGate } from '@/privacy/notice'
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

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    // weapp: Taro.cloud.init once; h5: nothing (the emulator's gateway needs no setup).
    initCloud()
    // before any call: nothing that stores personal data is sent until the notice is accepted
    installNoticeGate()
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
