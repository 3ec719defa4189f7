import { useRef } from 'react'
import { useDidShow } from '@tarojs/taro'

/**
 * Calls `refresh` whenever the page shows again (back from a page that changed the data), but not
 * for the show that comes with mounting: components mounted after their page first showed (a
 * console behind an async check) never see that first show, so "skip the first" would miss one.
 */
export function useRefreshOnShow(refresh: () => unknown, graceMs = 1000) {
  const mountedAt = useRef(Date.now())
  useDidShow(() => {
    if (Date.now() - mountedAt.current > graceMs) void refresh()
  })
}
