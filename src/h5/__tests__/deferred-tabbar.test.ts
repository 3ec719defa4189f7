/**
 * src/h5/deferred-tabbar.ts with a stand-in for Taro's Stencil tab bar that behaves as it does where
 * it matters: its constructor resets `conf`, it reads `conf` and binds its events a task after it is
 * connected, and it hides on `__taroHideTabBar`.
 */
type Handler = (args: unknown) => void
const mockListeners = new Map<string, Set<Handler>>()
const mockEventCenter = {
  on: (event: string, handler: Handler) => void mockListeners.set(event, (mockListeners.get(event) ?? new Set()).add(handler)),
  off: (event: string, handler: Handler) => void mockListeners.get(event)?.delete(handler),
  trigger: (event: string, args: unknown) => [...(mockListeners.get(event) ?? [])].forEach((h) => h(args)),
}
const mockLoaded: { imported: boolean; conf?: unknown; hidden: boolean; hideCalls: number } = { imported: false, hidden: false, hideCalls: 0 }

// read when called: the import below is hoisted above these consts
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { get eventCenter() { return mockEventCenter } } }))
jest.mock('@tarojs/components/dist/components/taro-tabbar.js', () => ({
  // the module is asked for (its chunk downloaded) when this is read
  get defineCustomElement() {
    mockLoaded.imported = true
    return mockDefine
  },
}))
const mockDefine = () =>
    globalThis.customElements.define(
      'taro-tabbar',
      class extends globalThis.HTMLElement {
        conf: unknown = undefined
        connectedCallback() {
          setTimeout(() => {
            mockLoaded.conf = this.conf
            this.appendChild(globalThis.document.createElement('div'))
            mockEventCenter.on('__taroHideTabBar', (args) => {
              mockLoaded.hidden = true
              mockLoaded.hideCalls++
              ;(args as { successHandler: (r: unknown) => void }).successHandler({ errMsg: 'hideTabBar:ok' })
            })
          }, 0)
        }
      },
    )

import { defineCustomElementTaroTabbar } from '../deferred-tabbar'

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

test('opened at a page that is not a tab: defined at the first navigation to a tab, with the conf the router set, and a hide asked before then applied', async () => {
  window.location.hash = '#/packages/mall/index/index'
  // what Taro's router does: the definition, then an element with its conf
  defineCustomElementTaroTabbar()
  const element = document.createElement('taro-tabbar') as HTMLElement & { conf?: unknown }
  const conf = { mode: 'hash', homePage: 'pages/map/index', list: [{ pagePath: '/pages/map/index' }, { pagePath: '/pages/me/index' }] }
  element.conf = conf
  document.body.appendChild(element)
  // the privacy notice hides it before it has loaded
  const hidden = jest.fn()
  mockEventCenter.trigger('__taroHideTabBar', { animation: false, successHandler: hidden })

  // idle after load (no requestIdleCallback in jsdom: 200 ms), but not on a tab; the router announces
  // the page it opened with, and a navigation to another page that is not a tab
  await wait(500)
  mockEventCenter.trigger('__taroRouterChange', { toLocation: { path: '/packages/mall/index/index' } })
  mockEventCenter.trigger('__taroRouterChange', { toLocation: { path: '/packages/mall/item/index?id=i-1' } })
  await wait(100)
  expect(customElements.get('taro-tabbar')).toBeUndefined()
  // nor downloaded: it is hidden there
  expect(mockLoaded.imported).toBe(false)

  window.location.hash = '#/pages/me/index'
  mockEventCenter.trigger('__taroRouterChange', { toLocation: { path: '/pages/me/index' } })

  for (let i = 0; i < 50 && !hidden.mock.calls.length; i++) await wait(20)
  expect(customElements.get('taro-tabbar')).toBeDefined()
  expect(mockLoaded.conf).toBe(conf)
  expect(element.children).toHaveLength(1)
  expect(mockLoaded).toMatchObject({ hidden: true, hideCalls: 1 })
  expect(hidden).toHaveBeenCalledWith({ errMsg: 'hideTabBar:ok' })
  // its own listener from now on, not ours
  expect(mockListeners.get('__taroHideTabBar')?.size).toBe(1)
})
