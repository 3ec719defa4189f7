import { type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initCloud } from '@/api/transport'
import { prefetch } from '@/api'
import { refreshSettings } from '@/hooks/useSettings'
import { nearbyInput, NO_FILTERS } from '@/pages/map/logic'
import { MALL_HOME, PLACE_DETAIL } from '@/routes'
import './app.scss'
import '@/h5/shell'

const ENTRY = 'pages/map/index'

/**
 * The first reads of the pages the app is opened at (the tabs, the mall, a shared station link),
 * with the inputs those pages ask: started with the app, so they do not wait for the page's code
 * or the settings to load; the page's own call takes the answer (src/api/call.ts `prefetch`).
 */
const FIRST_READS: Record<string, (query: Record<string, string | undefined>) => void> = {
  // around the district's home, which the server knows: no wait for user.settings
  [ENTRY]: () => prefetch('places', 'nearby', nearbyInput(null, NO_FILTERS)),
  'pages/suggestions/index': () => prefetch('suggestions', 'mine', {}),
  'pages/points/index': () => {
    prefetch('points', 'balance', {})
    prefetch('points', 'history', {})
  },
  [MALL_HOME.slice(1)]: () => {
    prefetch('mall', 'items', {})
    prefetch('points', 'balance', {})
  },
  [PLACE_DETAIL.slice(1)]: (q) => q.id && prefetch('places', 'detail', { id: q.id }),
}

function prefetchFirstReads(path: string, query: Record<string, string | undefined>): void {
  FIRST_READS[path.replace(/^\//, '') || ENTRY]?.(query)
}

// h5: as soon as this code runs, before React and the router mount the page (the route is the hash)
if (process.env.TARO_ENV === 'h5' && typeof location !== 'undefined') {
  const [path = '', search = ''] = location.hash.replace(/^#\/?/, '').split('?')
  prefetchFirstReads(path, Object.fromEntries(new URLSearchParams(search)))
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
    if (process.env.TARO_ENV !== 'h5') prefetchFirstReads(options?.path ?? '', (options?.query ?? {}) as Record<string, string>)
    // the deployment's settings, early: a tap that asks for subscribe messages must find them loaded
    refreshSettings().catch(() => undefined)
  })
  return children
}

export default App
