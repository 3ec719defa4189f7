import { readFileSync } from 'node:fs'
import path from 'node:path'
import { DIST, type MiniProgram, type OpenedPage } from './mini-program'

/**
 * What every render must end with: no load or runtime error, no console.error, nothing WeChat
 * would refuse, and no error view on the page. `at` names the step in a failure.
 */
export function expectHealthy(mp: MiniProgram, page: OpenedPage, at: string = page.route): void {
  expect({ at, errors: mp.errors, refusedByWeChat: mp.wechat.problems, errorView: page.errorViewText() }).toEqual({ at, errors: [], refusedByWeChat: [], errorView: null })
}

/** the page's json in dist (window options such as enablePullDownRefresh) */
export function pageJson(route: string): { enablePullDownRefresh?: boolean; navigationBarTitleText?: string } {
  return JSON.parse(readFileSync(path.join(DIST, `${route}.json`), 'utf8')) as { enablePullDownRefresh?: boolean }
}
