import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import {
  appJsonRules,
  collectPageFacts,
  cronProblems,
  locationApiCalls,
  openApiCalls,
  openApiRules,
  pageRules,
  privateInfoRules,
  sizeRules,
  triggerRules,
  type AppJson,
  type PageFacts,
} from './check-weapp-config'

const MB = 1024 * 1024
const rules = (findings: { rule: string }[]) => findings.map((f) => f.rule)

const tab = (pagePath: string) => ({ pagePath, text: '页', iconPath: 'a.png', selectedIconPath: 'a-on.png' })
const goodApp = (): AppJson => ({
  pages: ['pages/a/index', 'pages/b/index'],
  subPackages: [{ root: 'packages/x', pages: ['p/index'] }],
  window: { navigationBarTextStyle: 'black', backgroundTextStyle: 'dark' },
  tabBar: { color: '#7a7e87', selectedColor: '#ff7a00', backgroundColor: '#ffffff', borderStyle: 'black', list: [tab('pages/a/index'), tab('pages/b/index')] },
  permission: { 'scope.userLocation': { desc: '用于查找附近的骑手驿站，并确认签到时已到达' } },
  requiredPrivateInfos: ['getLocation'],
  lazyCodeLoading: 'requiredComponents',
  __usePrivacyCheck__: true,
})
const dist = (sizes: Record<string, number> = {}) => ({ exists: (p: string) => !p.includes('missing'), size: (p: string) => sizes[p] ?? 600 })

describe('app.json (app.html)', () => {
  it('a well-formed app.json passes', () => {
    expect(appJsonRules(goodApp(), dist())).toEqual([])
  })

  it('permission desc: at most 30 characters (counted as characters, not bytes)', () => {
    const app = goodApp()
    app.permission = { 'scope.userLocation': { desc: '字'.repeat(30) } }
    expect(appJsonRules(app, dist())).toEqual([])
    app.permission = { 'scope.userLocation': { desc: '用于在服务地图上为你查找附近的骑手驿站、饮水点和停车点，以及在驿站签到时确认你已到达' } }
    expect(appJsonRules(app, dist())).toEqual([expect.objectContaining({ rule: 'permission desc', message: expect.stringContaining('42 characters') })])
  })

  it('tabBar: 2–5 tabs, main-package pages, local icons under 40 KB, hex colours', () => {
    const app = goodApp()
    app.tabBar!.list = [tab('pages/a/index')]
    expect(rules(appJsonRules(app, dist()))).toEqual(['tabBar'])
    app.tabBar!.list = [tab('pages/a/index'), tab('packages/x/p/index'), { ...tab('pages/b/index'), iconPath: 'https://x/i.png', selectedIconPath: 'big.png' }]
    app.tabBar!.color = 'grey'
    const found = appJsonRules(app, dist({ 'big.png': 41 * 1024 })).map((f) => f.message)
    expect(found).toEqual([
      expect.stringContaining('tabBar.color must be a hex colour'),
      expect.stringContaining('packages/x/p/index must be a main-package page'),
      expect.stringContaining('must be a local file'),
      expect.stringContaining('big.png is 41.0 KB'),
    ])
  })

  it('unknown fields, pages without their files, bad window values and lazyCodeLoading', () => {
    const app = { ...goodApp(), usePrivacyCheck: true, lazyCodeLoading: 'all', window: { navigationBarTextStyle: '#000' } }
    app.pages = [...app.pages, 'pages/missing/index']
    const messages = appJsonRules(app, dist()).map((f) => `${f.rule}: ${f.message}`)
    expect(messages).toEqual(
      expect.arrayContaining([
        'app.json field: "usePrivacyCheck" is not an app.json field',
        expect.stringMatching(/^pages: page pages\/missing\/index has no .*\.js/),
        'window: window.navigationBarTextStyle is black or white',
        'lazyCodeLoading: lazyCodeLoading takes only "requiredComponents"',
      ]),
    )
  })
})

describe('requiredPrivateInfos vs the location APIs the source calls', () => {
  const src = (text: string, path = 'src/x.ts') => ({ path, text })
  it('finds Taro./wx. calls of the eight declared APIs, not lookalikes', () => {
    const calls = locationApiCalls([src('await Taro.getLocation({ type: "gcj02" }); Taro.openLocation({})'), src('wx.chooseLocation ({})', 'src/y.ts'), src('getLocationGcj02()')])
    expect([...calls]).toEqual([
      ['getLocation', ['src/x.ts']],
      ['chooseLocation', ['src/y.ts']],
    ])
  })
  it('every call declared, nothing declared that is not called, never fuzzy with precise', () => {
    const calls = new Map([['getLocation', ['src/a.ts']], ['chooseLocation', ['src/b.ts']]])
    expect(privateInfoRules({ ...goodApp(), requiredPrivateInfos: ['getLocation', 'chooseLocation'] }, calls)).toEqual([])
    expect(privateInfoRules({ ...goodApp(), requiredPrivateInfos: ['getLocation'] }, calls).map((f) => f.message)).toEqual([expect.stringContaining('chooseLocation is called (src/b.ts) but not declared')])
    const both = privateInfoRules({ ...goodApp(), requiredPrivateInfos: ['getLocation', 'chooseLocation', 'getFuzzyLocation', 'getPhoneNumber'] }, new Map([...calls, ['getFuzzyLocation', ['src/c.ts']]]))
    expect(both.map((f) => f.message)).toEqual([expect.stringContaining('"getPhoneNumber" is not an API'), 'getFuzzyLocation cannot be declared together with getLocation'])
    expect(privateInfoRules({ ...goodApp(), requiredPrivateInfos: ['getLocation', 'choosePoi'] }, new Map([['getLocation', ['a']]])).map((f) => f.message)).toEqual([
      expect.stringContaining('choosePoi is declared but never called'),
    ])
  })
})

describe('page configs', () => {
  const page = (p: Partial<PageFacts>): PageFacts => ({ page: 'pages/map/index', json: {}, configSource: '', pullDownIn: [], shareIn: [], ...p })
  it('a page handling pull-down needs enablePullDownRefresh in its built config', () => {
    expect(pageRules([page({ pullDownIn: ['src/pages/map/index.tsx'], json: { enablePullDownRefresh: true } })])).toEqual([])
    expect(pageRules([page({ pullDownIn: ['src/pages/map/index.tsx'] })])).toEqual([
      expect.objectContaining({ rule: 'enablePullDownRefresh', where: 'dist/pages/map/index.json', message: expect.stringContaining('src/pages/map/index.tsx') }),
    ])
  })
  it('a page sharing needs enableShareAppMessage in its source config (Taro drops it from the .json)', () => {
    expect(pageRules([page({ shareIn: ['src/a.tsx'], configSource: "definePageConfig({ enableShareAppMessage: true })" })])).toEqual([])
    expect(rules(pageRules([page({ shareIn: ['src/a.tsx'], configSource: "definePageConfig({ navigationBarTitleText: 'x' })" })]))).toEqual(['enableShareAppMessage'])
  })

  describe('finding the pages that handle pull-down in the source', () => {
    let root: string
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true })
      writeFileSync(join(root, path), text)
    }
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'xg-weapp-config-'))
      write('src/hooks/usePullToRefresh.ts', "import { usePullDownRefresh } from '@tarojs/taro'\nexport function usePullToRefresh(f) { usePullDownRefresh(f) }\n")
      write('src/pages/a/index.tsx', "import { List } from './List'\nexport default function A() { return List() }\n")
      write('src/pages/a/List.tsx', "import { usePullToRefresh } from '@/hooks/usePullToRefresh'\nexport function List() { usePullToRefresh(async () => 1) }\n")
      write('src/pages/b/index.tsx', "import { usePullToRefresh } from '../../hooks/usePullToRefresh'\nexport default function B() { return null }\n")
      write('dist/pages/a/index.json', '{}')
      write('dist/pages/b/index.json', '{}')
    })
    afterAll(() => rmSync(root, { recursive: true, force: true }))

    it('through the modules a page imports, not the hook definition or a mere import', () => {
      const facts = collectPageFacts({ pages: ['pages/a/index', 'pages/b/index'] }, join(root, 'dist'), root)
      expect(facts.map((f) => [f.page, f.pullDownIn])).toEqual([
        ['pages/a/index', ['src/pages/a/List.tsx']],
        ['pages/b/index', []],
      ])
    })
  })
})

describe('cloud functions (triggers.html, openapi.html)', () => {
  it('cron: seven fields within their ranges, with , - * / and names', () => {
    for (const ok of ['0 10 0 * * * *', '*/5 * * * * * *', '0 15 10 * * MON-FRI *', '0 0 10,14,16 * * * *', '0 */30 9-17 * * * *', '0 0 2 1 JAN-DEC * 2030', '0 1/10 * * * * *']) expect([ok, cronProblems(ok)]).toEqual([ok, []])
    expect(cronProblems('0 10 0 * * *')).toEqual([expect.stringContaining('has 6 fields')])
    expect(cronProblems('60 60 24 0 13 7 1969')).toHaveLength(7)
    expect(cronProblems('0 10 0 * * * x')).toEqual([expect.stringContaining('year "x"')])
    expect(cronProblems('0 */0 0 * * * *')).toEqual([expect.stringContaining('minute "*/0"')])
  })
  it('one timer trigger per function, named as WeChat allows', () => {
    expect(triggerRules('volunteer', { triggers: [{ name: 'remindTomorrow', type: 'timer', config: '0 0 18 * * * *' }] })).toEqual([])
    const two = triggerRules('points', {
      triggers: [
        { name: 'expirePoints', type: 'timer', config: '0 10 0 * * * *' },
        { name: '2nd', type: 'http', config: '0 40 3 * * *' },
      ],
    })
    expect(two.map((f) => f.message)).toEqual([
      expect.stringContaining('2 triggers; a cloud function takes one'),
      expect.stringContaining('only "timer"'),
      expect.stringContaining('trigger name "2nd"'),
      expect.stringContaining('has 6 fields'),
    ])
  })
  it('open-API permissions match the open APIs the bundle calls', () => {
    const bundle = 'await getCloud().openapi.security.msgSecCheck({}); cloud.openapi?.subscribeMessage?.send(x); const openapi = 1'
    expect(openApiCalls(bundle)).toEqual(['security.msgSecCheck', 'subscribeMessage.send'])
    expect(openApiRules('suggestions', { permissions: { openapi: ['security.msgSecCheck', 'subscribeMessage.send'] } }, openApiCalls(bundle))).toEqual([])
    expect(openApiRules('suggestions', { permissions: { openapi: ['security.msgSecCheck', 'phonenumber.getPhoneNumber'] } }, openApiCalls(bundle)).map((f) => f.message)).toEqual([
      expect.stringContaining('calls subscribeMessage.send but permissions.openapi does not declare it'),
      expect.stringContaining('declares phonenumber.getPhoneNumber, which the bundle never calls'),
    ])
  })
})

describe('package sizes (package-size.ts limits)', () => {
  it('2 MB a package, 20 MB in all', () => {
    expect(sizeRules({ main: 1.9 * MB, subpackages: [{ root: 'packages/a', bytes: 2 * MB }], bigImages: [] })).toEqual([])
    expect(sizeRules({ main: 2.1 * MB, subpackages: [], bigImages: [] }).map((f) => f.message)).toEqual([expect.stringContaining('main package')])
    const many = Array.from({ length: 11 }, (_, i) => ({ root: `packages/p${i}`, bytes: 1.9 * MB }))
    expect(sizeRules({ main: 1 * MB, subpackages: many, bigImages: [] }).map((f) => f.message)).toEqual([expect.stringContaining('> 20 MB')])
  })
})
