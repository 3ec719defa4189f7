/**
 * h5: Taro's tab bar, defined once the first screen is up instead of while app.js runs.
 *
 * Taro's router (handleAppMountWithTabbar) appends a `<taro-tabbar>` and defines it at once: a
 * Stencil custom element, whose runtime and component were ~16 KB gzip of app.js and its vendor
 * chunk, evaluated inside app.js's task, and whose first render was a main-thread task of its own —
 * all before the page's first paint (Lighthouse traces of 服务地图, bench/lighthouse-tasks.ts).
 * config/index.ts gives the router this module instead of `@tarojs/components/dist/components`:
 * the element stays in the DOM unknown (src/h5/shell.scss keeps its height, so nothing moves when
 * it renders) and is defined when the page is idle after load. Stencil then takes the `conf` the
 * router set on the element before (its lazy properties), and the tab bar selects the current page
 * when it loads.
 *
 * Taro.hideTabBar / showTabBar are events the tab bar listens to once loaded (the privacy notice
 * hides it): the last one asked before then is replayed when it has loaded.
 */
import Taro from '@tarojs/taro'

const VISIBILITY = ['__taroHideTabBar', '__taroShowTabBar'] as const
type Visibility = (typeof VISIBILITY)[number]

let started = false

/** The name Taro's router imports; defines `<taro-tabbar>` later (see above). */
export function defineCustomElementTaroTabbar(): void {
  if (started || typeof window === 'undefined') return
  started = true
  let asked: { event: Visibility; args: unknown } | null = null
  const remember = VISIBILITY.map((event) => [event, (args: unknown) => void (asked = { event, args })] as const)
  for (const [event, handler] of remember) Taro.eventCenter.on(event, handler)

  whenIdleAfterLoad(async () => {
    const element = document.querySelector<HTMLElement & { conf?: TabBarConf }>('taro-tabbar')
    const conf = element?.conf
    if (conf && !onTab(conf)) await navigationToTab(conf)
    const { defineCustomElement } = await import(/* webpackChunkName: "tabbar" */ '@tarojs/components/dist/components/taro-tabbar.js')
    // the tab bar binds its events in componentDidLoad, right after its first render
    const rendered = element ? firstRender(element) : Promise.resolve()
    defineCustomElement()
    // upgraded synchronously; it reads `conf` when it first loads, a task later
    if (element) element.conf = conf
    await rendered
    for (const [event, handler] of remember) Taro.eventCenter.off(event, handler)
    if (asked) Taro.eventCenter.trigger(asked.event, asked.args)
  })
}

/** what the router sets on the element (app.config.ts's tabBar) that is read here */
interface TabBarConf {
  list?: { pagePath: string }[]
  homePage?: string
  mode?: string
}

/** `page` (the one on screen without it) is one of the tabs (hash router; any other mode counts as one) */
function onTab(conf: TabBarConf, page?: string): boolean {
  if (conf.mode !== 'hash') return true
  const path = (page ?? location.hash.replace(/^#/, '')).replace(/^\//, '').split('?')[0] || (conf.homePage ?? '').replace(/^\//, '')
  return (conf.list ?? []).some((tab) => tab.pagePath.replace(/^\//, '') === path)
}

/** the router's first change to a tab (it also announces the page it opened with, once it has mounted) */
function navigationToTab(conf: TabBarConf): Promise<void> {
  return new Promise((resolve) => {
    const handler = (change?: { toLocation?: { path?: string } }) => {
      if (!onTab(conf, change?.toLocation?.path)) return
      Taro.eventCenter.off('__taroRouterChange', handler)
      resolve()
    }
    Taro.eventCenter.on('__taroRouterChange', handler)
  })
}

function whenIdleAfterLoad(run: () => Promise<void>): void {
  const go = () => void run().catch((err: unknown) => console.error('[tabbar]', err))
  const idle = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(go, { timeout: 1000 }) : setTimeout(go, 200))
  if (document.readyState === 'complete') idle()
  else window.addEventListener('load', idle, { once: true })
}

/** Resolves after the element's first children are in (its load hooks have run by then). */
function firstRender(element: Element): Promise<void> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect()
      resolve()
    })
    observer.observe(element, { childList: true })
  })
}
