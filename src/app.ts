import { type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initCloud } from '@/api/transport'
import { prefetch } from '@/api'
import { installNoticeGate } from '@/privacy/notice'
import { refreshSettings } from '@/hooks/useSettings'
import { firstReads } from '@/first-reads'
import type { FnName } from '@domain/contract'
import './app.scss'
import '@/h5/shell'

/** The entry page's first reads start with the app: they wait neither for the page's code nor the settings. */
function prefetchFirstReads(path: string, query: Record<string, string | undefined>): void {
  for (const r of firstReads(path, query)) prefetch(r.fn as FnName, r.action as never, r.input as never)
}

// h5: as soon as this code runs, before React and the router mount the page (the route is the hash);
// index.html started them already (config/route-preload.ts) and they are taken here. The notice
// gate goes first: a personal read (积分, 微事我言, 积分商城) passes it like every other call — sent
// beside user.consentStatus for the server to refuse unless the notice is accepted.
const h5EarlyStart = process.env.TARO_ENV === 'h5' && typeof location !== 'undefined'
if (h5EarlyStart) {
  installNoticeGate()
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
    // before any call: nothing that stores personal data is sent until the notice is accepted
    // (h5 installed it above, with its early reads: installing again would drop the calls waiting on it)
    if (!h5EarlyStart) {
      installNoticeGate()
      prefetchFirstReads(options?.path ?? '', (options?.query ?? {}) as Record<string, string>)
    }
    // the deployment's settings, early: a tap that asks for subscribe messages must find them loaded
    refreshSettings().catch(() => undefined)
  })
  return children
}

export default App
