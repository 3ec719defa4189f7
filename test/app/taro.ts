/**
 * A small stand-in for `@tarojs/taro` in the app project's jsdom tests: the APIs the app uses, as
 * jest mocks, plus hooks that record their callbacks so a test can fire them (`taroTest`).
 */
import { useEffect, useRef } from 'react'

type Fn = (...args: unknown[]) => unknown

const registry = {
  pullDownRefresh: [] as Fn[],
  didShow: [] as Fn[],
  launch: [] as Fn[],
}

export const taroTest = {
  /** fires every registered usePullDownRefresh callback; resolves when they settle */
  async pullDown() {
    await Promise.all(registry.pullDownRefresh.map((f) => f()))
  },
  reset() {
    registry.pullDownRefresh.length = 0
    registry.didShow.length = 0
    registry.launch.length = 0
  },
}

/** Like Taro's page hooks: registered once per mounted component, always calling the latest callback. */
function usePageHook(list: Fn[], f: Fn) {
  const latest = useRef(f)
  latest.current = f
  useEffect(() => {
    const h: Fn = (...args) => latest.current(...args)
    list.push(h)
    return () => {
      const i = list.indexOf(h)
      if (i >= 0) list.splice(i, 1)
    }
  }, [list])
}

export const usePullDownRefresh = (f: Fn) => usePageHook(registry.pullDownRefresh, f)
export const useDidShow = (f: Fn) => usePageHook(registry.didShow, f)
export const useDidHide = (_f: Fn) => {}
export const useLaunch = (f: Fn) => {
  registry.launch.push(f)
}
export const useLoad = (_f: Fn) => {}
export const useReady = (_f: Fn) => {}
export const useShareAppMessage = (_f: Fn) => {}
export const useRouter = () => ({ params: {}, path: '' })

// Taro APIs components may import by name.
export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB' }
export const getEnv = () => ENV_TYPE.WEB
export const nextTick = (f: () => void) => setTimeout(f, 0)
export const getCurrentInstance = () => ({ router: { params: {}, path: '' }, page: null })
export const eventCenter = { on: jest.fn(), off: jest.fn(), trigger: jest.fn() }
export const createSelectorQuery = () => {
  const q = {
    select: () => q,
    selectAll: () => q,
    boundingClientRect: () => q,
    scrollOffset: () => q,
    exec: (cb?: (r: unknown[]) => void) => cb?.([]),
  }
  return q
}
export const getSystemInfoSync = () => ({ windowWidth: 390, windowHeight: 844, pixelRatio: 2, platform: 'devtools' })
export const pxTransform = (n: number) => `${n / 2}px`

const Taro = {
  getSystemInfoSync,
  createSelectorQuery,
  pxTransform,
  nextTick,
  eventCenter,
  getCurrentInstance,
  navigateTo: jest.fn(async () => ({ errMsg: 'navigateTo:ok' })),
  redirectTo: jest.fn(async () => ({ errMsg: 'redirectTo:ok' })),
  switchTab: jest.fn(async () => ({ errMsg: 'switchTab:ok' })),
  stopPullDownRefresh: jest.fn(),
  showToast: jest.fn(),
  getStorageSync: jest.fn(() => ''),
  setStorageSync: jest.fn(),
  requestSubscribeMessage: jest.fn(async () => ({ errMsg: 'requestSubscribeMessage:ok' })),
  openPrivacyContract: jest.fn(),
  getPrivacySetting: jest.fn(),
  onNeedPrivacyAuthorization: jest.fn(),
  cloud: { init: jest.fn(), callFunction: jest.fn() },
  getEnv,
  ENV_TYPE,
}

export default Taro
