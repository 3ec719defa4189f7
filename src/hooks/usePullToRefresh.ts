import Taro, { usePullDownRefresh } from '@tarojs/taro'

/**
 * Pull-to-refresh for a page (its config sets `enablePullDownRefresh`): runs `refresh` and always
 * puts the spinner away afterwards.
 */
export function usePullToRefresh(refresh: () => Promise<unknown>): void {
  usePullDownRefresh(async () => {
    try {
      await refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })
}
