/**
 * The weapp build's configuration against WeChat's documented rules: dist/app.json, each page's
 * config, the location APIs the source calls, each cloud function's config.json against its bundle,
 * and the package sizes (scripts/package-size.ts). Every rule names the page that documents it.
 * Exits non-zero on any finding.
 *
 *   NODE_ENV=production npx taro build --type weapp && npx tsx scripts/build-functions.ts \
 *     && npx tsx scripts/check-weapp-config.ts
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { functionNames } from './build-functions'
import { posixRelative, walk } from './lib/files'
import { LIMITS, measure, overHardLimit, type PackageSizes } from './package-size'

const ROOT = resolve(__dirname, '..')

/** Where each rule is written down. */
export const DOCS = {
  app: 'https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html',
  permission: 'https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#permission',
  privateInfos: 'https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#requiredPrivateInfos (地理位置接口新增与相关流程调整: https://developers.weixin.qq.com/community/develop/doc/000a02f2c5026891650e7f40351c01)',
  tabBar: 'https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#tabBar',
  window: 'https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#window',
  lazyCodeLoading: 'https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#lazyCodeLoading',
  subpackages: 'https://developers.weixin.qq.com/miniprogram/dev/framework/subpackages/basic.html',
  pullDown: 'https://developers.weixin.qq.com/miniprogram/dev/reference/api/Page.html#onPullDownRefresh (page config enablePullDownRefresh: https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/page.html)',
  share: 'https://docs.taro.zone/docs/hooks#useshareappmessage (Taro: the page config must set enableShareAppMessage: true)',
  triggers: 'https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.html',
  openapi: 'https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/openapi/openapi.html',
  sizes: 'https://developers.weixin.qq.com/miniprogram/dev/framework/subpackages.html',
} as const

export interface Finding {
  rule: string
  /** the file (or function) the finding is about */
  where: string
  message: string
  doc: string
}

// ─── app.json ────────────────────────────────────────────────────────────────

export interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[]; independent?: boolean }[]
  subpackages?: AppJson['subPackages']
  window?: Record<string, unknown>
  tabBar?: { color?: string; selectedColor?: string; backgroundColor?: string; borderStyle?: string; list: { pagePath: string; text?: string; iconPath?: string; selectedIconPath?: string }[] }
  permission?: Record<string, { desc?: string }>
  requiredPrivateInfos?: string[]
  lazyCodeLoading?: string
  [key: string]: unknown
}

/** The fields app.json documents (DevTools flags others; a misspelt field silently loses its setting). */
export const APP_FIELDS = new Set([
  'entryPagePath', 'pages', 'window', 'tabBar', 'networkTimeout', 'debug', 'functionalPages', 'subPackages', 'subpackages', 'workers',
  'requiredBackgroundModes', 'requiredPrivateInfos', 'plugins', 'preloadRule', 'resizable', 'navigateToMiniProgramAppIdList', 'usingComponents',
  'permission', 'sitemapLocation', 'style', 'useExtendedLib', 'entranceDeclare', 'darkmode', 'themeLocation', 'lazyCodeLoading', 'singlePage',
  'supportedMaterials', 'serviceProviderTicket', 'embeddedAppIdList', 'halfPage', 'debugOptions', 'enablePassiveEvent', 'resolveAlias',
  'renderer', 'rendererOptions', 'componentFramework', 'miniApp', 'static', 'convertRpxToVw', 'appBar', 'useDynamicPlugins',
  // 用户隐私保护指引: https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
  '__usePrivacyCheck__',
])

const PERMISSION_DESC_MAX = 30
const HEX_COLOR = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/

export function appJsonRules(app: AppJson, dist: { exists(path: string): boolean; size(path: string): number }): Finding[] {
  const out: Finding[] = []
  const where = 'dist/app.json'
  for (const key of Object.keys(app)) if (!APP_FIELDS.has(key)) out.push({ rule: 'app.json field', where, message: `"${key}" is not an app.json field`, doc: DOCS.app })

  for (const [scope, { desc = '' } = {}] of Object.entries(app.permission ?? {})) {
    const n = [...desc].length
    if (!n || n > PERMISSION_DESC_MAX) out.push({ rule: 'permission desc', where, message: `permission["${scope}"].desc is ${n} characters; WeChat takes 1–${PERMISSION_DESC_MAX} ("${desc}")`, doc: DOCS.permission })
  }

  const packages = app.subPackages ?? app.subpackages ?? []
  const roots = packages.map((p) => p.root.replace(/\/+$/, ''))
  const allPages = [...app.pages, ...packages.flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/+$/, '')}/${page}`))]
  const seen = new Set<string>()
  for (const page of allPages) {
    if (seen.has(page)) out.push({ rule: 'pages', where, message: `page ${page} is listed twice`, doc: DOCS.app })
    seen.add(page)
    for (const ext of ['js', 'json', 'wxml']) if (!dist.exists(`${page}.${ext}`)) out.push({ rule: 'pages', where, message: `page ${page} has no ${page}.${ext} in the build`, doc: DOCS.app })
  }
  for (const page of app.pages) {
    const root = roots.find((r) => page.startsWith(`${r}/`))
    if (root) out.push({ rule: 'subpackages', where, message: `main-package page ${page} lies inside subpackage root ${root}`, doc: DOCS.subpackages })
  }
  for (const a of roots) for (const b of roots) if (a !== b && b.startsWith(`${a}/`)) out.push({ rule: 'subpackages', where, message: `subpackage root ${b} is inside ${a}`, doc: DOCS.subpackages })

  const tabBar = app.tabBar
  if (tabBar) {
    const n = tabBar.list?.length ?? 0
    if (n < 2 || n > 5) out.push({ rule: 'tabBar', where, message: `tabBar.list has ${n} items; WeChat takes 2–5`, doc: DOCS.tabBar })
    for (const [key, value] of Object.entries({ color: tabBar.color, selectedColor: tabBar.selectedColor, backgroundColor: tabBar.backgroundColor }))
      if (value === undefined || !HEX_COLOR.test(value)) out.push({ rule: 'tabBar', where, message: `tabBar.${key} must be a hex colour (got ${JSON.stringify(value)})`, doc: DOCS.tabBar })
    if (tabBar.borderStyle !== undefined && !['black', 'white'].includes(tabBar.borderStyle)) out.push({ rule: 'tabBar', where, message: `tabBar.borderStyle is black or white`, doc: DOCS.tabBar })
    for (const item of tabBar.list ?? []) {
      if (!app.pages.includes(item.pagePath)) out.push({ rule: 'tabBar', where, message: `tab page ${item.pagePath} must be a main-package page (app.json pages)`, doc: DOCS.tabBar })
      if (!item.text) out.push({ rule: 'tabBar', where, message: `tab ${item.pagePath} has no text`, doc: DOCS.tabBar })
      for (const icon of [item.iconPath, item.selectedIconPath]) {
        if (!icon) continue
        if (/^https?:/.test(icon)) out.push({ rule: 'tabBar', where, message: `tab icon ${icon} must be a local file (network images are not supported)`, doc: DOCS.tabBar })
        else if (!dist.exists(icon)) out.push({ rule: 'tabBar', where, message: `tab icon ${icon} is not in the build`, doc: DOCS.tabBar })
        else if (dist.size(icon) > 40 * 1024) out.push({ rule: 'tabBar', where, message: `tab icon ${icon} is ${(dist.size(icon) / 1024).toFixed(1)} KB; the limit is 40 KB`, doc: DOCS.tabBar })
      }
    }
  }

  const w = app.window ?? {}
  if (w.navigationBarTextStyle !== undefined && !['black', 'white'].includes(w.navigationBarTextStyle as string)) out.push({ rule: 'window', where, message: 'window.navigationBarTextStyle is black or white', doc: DOCS.window })
  if (w.backgroundTextStyle !== undefined && !['dark', 'light'].includes(w.backgroundTextStyle as string)) out.push({ rule: 'window', where, message: 'window.backgroundTextStyle is dark or light', doc: DOCS.window })
  if (app.lazyCodeLoading !== undefined && app.lazyCodeLoading !== 'requiredComponents') out.push({ rule: 'lazyCodeLoading', where, message: `lazyCodeLoading takes only "requiredComponents"`, doc: DOCS.lazyCodeLoading })
  return out
}

// ─── location APIs (requiredPrivateInfos) ────────────────────────────────────

/** The APIs requiredPrivateInfos declares; a call to an undeclared one fails ("need to be declared in the requiredPrivateInfos field"). */
export const PRIVATE_INFO_APIS = ['getFuzzyLocation', 'getLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground', 'chooseLocation', 'choosePoi', 'chooseAddress'] as const
/** getFuzzyLocation cannot be declared together with these (DevTools: "互斥"). */
const PRECISE = ['getLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground']

/** `Taro.getLocation(` / `wx.chooseLocation(` … in the app's weapp source, api → files. */
export function locationApiCalls(files: { path: string; text: string }[]): Map<string, string[]> {
  const calls = new Map<string, string[]>()
  const re = new RegExp(`\\b(?:Taro|wx)\\.(${PRIVATE_INFO_APIS.join('|')})\\s*\\(`, 'g')
  for (const { path, text } of files) {
    for (const m of text.matchAll(re)) calls.set(m[1], [...new Set([...(calls.get(m[1]) ?? []), path])])
  }
  return calls
}

export function privateInfoRules(app: AppJson, calls: Map<string, string[]>): Finding[] {
  const out: Finding[] = []
  const where = 'dist/app.json'
  const declared = app.requiredPrivateInfos ?? []
  for (const api of declared) if (!(PRIVATE_INFO_APIS as readonly string[]).includes(api)) out.push({ rule: 'requiredPrivateInfos', where, message: `"${api}" is not an API requiredPrivateInfos takes`, doc: DOCS.privateInfos })
  for (const [api, files] of calls) if (!declared.includes(api)) out.push({ rule: 'requiredPrivateInfos', where, message: `${api} is called (${files.join(', ')}) but not declared in requiredPrivateInfos: the call fails`, doc: DOCS.privateInfos })
  for (const api of declared) if ((PRIVATE_INFO_APIS as readonly string[]).includes(api) && !calls.has(api)) out.push({ rule: 'requiredPrivateInfos', where, message: `${api} is declared but never called: declare only what the app uses (review asks for each)`, doc: DOCS.privateInfos })
  if (declared.includes('getFuzzyLocation')) for (const api of PRECISE) if (declared.includes(api)) out.push({ rule: 'requiredPrivateInfos', where, message: `getFuzzyLocation cannot be declared together with ${api}`, doc: DOCS.privateInfos })
  return out
}

// ─── pages: pull-down refresh, share ─────────────────────────────────────────

export interface PageFacts {
  page: string
  /** the built page config (dist/<page>.json) */
  json: Record<string, unknown>
  /** the page's source config (src/<page>.config.ts), as text */
  configSource: string
  /** source files (the page and what it imports from src/) that call the pull-down hook */
  pullDownIn: string[]
  /** …that call useShareAppMessage */
  shareIn: string[]
}

export function pageRules(pages: PageFacts[]): Finding[] {
  const out: Finding[] = []
  for (const p of pages) {
    if (p.pullDownIn.length && p.json.enablePullDownRefresh !== true)
      out.push({ rule: 'enablePullDownRefresh', where: `dist/${p.page}.json`, message: `${p.pullDownIn.join(', ')} handle pull-down, but the page config lacks enablePullDownRefresh: true, so it never fires in WeChat`, doc: DOCS.pullDown })
    if (p.shareIn.length && !/enableShareAppMessage\s*:\s*true/.test(p.configSource))
      out.push({ rule: 'enableShareAppMessage', where: `src/${p.page}.config.ts`, message: `${p.shareIn.join(', ')} call useShareAppMessage, but the page config lacks enableShareAppMessage: true`, doc: DOCS.share })
  }
  return out
}

// ─── cloud functions: triggers and open-API permissions ──────────────────────

export interface FunctionConfig {
  permissions?: { openapi?: string[] }
  triggers?: { name?: string; type?: string; config?: string }[]
  [key: string]: unknown
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']
/** The seven fields of a CloudBase timer (秒 分钟 小时 日 月 星期 年), each with its range and names. */
const CRON_FIELDS: { name: string; min: number; max: number; names?: string[] }[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'weekday', min: 0, max: 6, names: WEEKDAYS },
  { name: 'year', min: 1970, max: 2099 },
]

/** Problems with a 7-field cron expression (wildcards `,` `-` `*` `/`), empty when valid. */
export function cronProblems(expr: string): string[] {
  const parts = expr.trim().split(/\s+/)
  if (parts.length !== 7) return [`"${expr}" has ${parts.length} fields; a timer takes 7 (second minute hour day month weekday year)`]
  const problems: string[] = []
  parts.forEach((part, i) => {
    const f = CRON_FIELDS[i]
    const value = (s: string): number | undefined => {
      if (/^\d+$/.test(s)) return Number(s)
      const named = f.names?.indexOf(s.toUpperCase()) ?? -1
      return named >= 0 ? named + (f.name === 'month' ? 1 : 0) : undefined
    }
    for (const item of part.split(',')) {
      const m = /^(\*|[^/-]+(?:-[^/-]+)?)(?:\/(\d+))?$/.exec(item)
      if (!m || (m[2] !== undefined && Number(m[2]) < 1)) {
        problems.push(`${f.name} "${item}" is not a value, range, list, * or step`)
        continue
      }
      if (m[1] === '*') continue
      for (const v of m[1].split('-').map(value)) if (v === undefined || v < f.min || v > f.max) problems.push(`${f.name} "${item}" is outside ${f.min}–${f.max}`)
    }
  })
  return problems
}

export function triggerRules(fn: string, config: FunctionConfig): Finding[] {
  const out: Finding[] = []
  const where = `cloudfunctions/${fn}/config.json`
  const triggers = config.triggers ?? []
  if (triggers.length > 1) out.push({ rule: 'triggers', where, message: `${triggers.length} triggers; a cloud function takes one (run several jobs from one timer)`, doc: DOCS.triggers })
  for (const t of triggers) {
    if (t.type !== 'timer') out.push({ rule: 'triggers', where, message: `trigger type "${t.type}": only "timer" exists`, doc: DOCS.triggers })
    if (!t.name || !/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(t.name)) out.push({ rule: 'triggers', where, message: `trigger name "${t.name ?? ''}": a letter, then letters, digits, - or _, at most 60`, doc: DOCS.triggers })
    for (const p of cronProblems(t.config ?? '')) out.push({ rule: 'triggers', where, message: `trigger "${t.name}": ${p}`, doc: DOCS.triggers })
  }
  return out
}

/** `openapi.security.msgSecCheck` … in a function bundle (wx-server-sdk's `cloud.openapi.<category>.<method>`). */
export function openApiCalls(bundle: string): string[] {
  return [...new Set([...bundle.matchAll(/\bopenapi\??\.([A-Za-z]+)\??\.([A-Za-z]+)\b/g)].map((m) => `${m[1]}.${m[2]}`))].sort()
}

export function openApiRules(fn: string, config: FunctionConfig, calls: string[]): Finding[] {
  const out: Finding[] = []
  const where = `cloudfunctions/${fn}/config.json`
  const declared = config.permissions?.openapi ?? []
  for (const api of calls) if (!declared.includes(api)) out.push({ rule: 'openapi permissions', where, message: `the bundle calls ${api} but permissions.openapi does not declare it: the call fails (-604101)`, doc: DOCS.openapi })
  for (const api of declared) if (!calls.includes(api)) out.push({ rule: 'openapi permissions', where, message: `permissions.openapi declares ${api}, which the bundle never calls`, doc: DOCS.openapi })
  return out
}

// ─── package sizes ───────────────────────────────────────────────────────────

/** All packages together (WeChat: 20 MB; each package 2 MB — LIMITS of package-size.ts). */
export const TOTAL_LIMIT = 20 * 1024 * 1024

export function sizeRules(sizes: PackageSizes): Finding[] {
  const total = sizes.main + sizes.subpackages.reduce((n, s) => n + s.bytes, 0)
  const over = overHardLimit(sizes)
  if (total > TOTAL_LIMIT) over.push(`all packages ${(total / 1024 / 1024).toFixed(2)} MB > 20 MB`)
  return over.map((message) => ({ rule: 'package size', where: 'dist/', message, doc: DOCS.sizes }))
}

// ─── collecting the facts from the repository ────────────────────────────────

/** The weapp variant of the app's source: .ts/.tsx under src/, without tests, h5-only files and the h5 dev sign-in. */
function weappSources(srcDir: string): string[] {
  return walk(srcDir).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$|__tests__|\.h5\.tsx?$/.test(f))
}

/** Resolves an import of a src/ module (relative or `@/`), preferring the weapp variant as Taro does. */
function resolveImport(from: string, spec: string, srcDir: string): string | undefined {
  const base = spec.startsWith('@/') ? join(srcDir, spec.slice(2)) : spec.startsWith('.') ? resolve(dirname(from), spec) : undefined
  if (!base) return undefined
  for (const candidate of ['.weapp.ts', '.weapp.tsx', '.ts', '.tsx', '/index.weapp.ts', '/index.ts', '/index.tsx'].map((s) => base + s))
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  return undefined
}

/** The page's source file and every src/ module it imports, transitively. */
function moduleGraph(entry: string, srcDir: string): string[] {
  const seen = new Set<string>()
  const queue = [entry]
  while (queue.length) {
    const file = queue.pop()!
    if (seen.has(file) || !existsSync(file)) continue
    seen.add(file)
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g)) {
      const dep = resolveImport(file, m[1], srcDir)
      if (dep) queue.push(dep)
    }
  }
  return [...seen]
}

/** Files calling one of `hooks`, except a file defining one of them (a wrapper such as usePullToRefresh). */
const callersOf = (files: string[], hooks: string[], projectRoot: string): string[] =>
  files
    .filter((f) => {
      const text = readFileSync(f, 'utf8')
      return hooks.some((h) => new RegExp(`\\b${h}\\s*\\(`).test(text)) && !hooks.some((h) => new RegExp(`function\\s+${h}\\b`).test(text))
    })
    .map((f) => posixRelative(projectRoot, f))

export function collectPageFacts(app: AppJson, distDir: string, projectRoot: string): PageFacts[] {
  const srcDir = join(projectRoot, 'src')
  const packages = app.subPackages ?? app.subpackages ?? []
  const pages = [...app.pages, ...packages.flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/+$/, '')}/${page}`))]
  return pages.map((page) => {
    const entry = resolveImport(join(srcDir, 'app.ts'), `@/${page}`, srcDir) ?? join(srcDir, `${page}.tsx`)
    const graph = moduleGraph(entry, srcDir)
    const jsonPath = join(distDir, `${page}.json`)
    const configPath = join(srcDir, `${page}.config.ts`)
    return {
      page,
      json: existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, unknown>) : {},
      configSource: existsSync(configPath) ? readFileSync(configPath, 'utf8') : '',
      pullDownIn: callersOf(graph, ['usePullToRefresh', 'usePullDownRefresh'], projectRoot),
      shareIn: callersOf(graph, ['useShareAppMessage'], projectRoot),
    }
  })
}

export function checkWeappConfig(distDir = join(ROOT, 'dist'), projectRoot = ROOT, functionsRoot = join(ROOT, 'cloudfunctions')): Finding[] {
  const appPath = join(distDir, 'app.json')
  if (!existsSync(appPath)) throw new Error(`${appPath} not found: build the weapp first (NODE_ENV=production npx taro build --type weapp)`)
  const app = JSON.parse(readFileSync(appPath, 'utf8')) as AppJson
  const dist = { exists: (p: string) => existsSync(join(distDir, p)), size: (p: string) => statSync(join(distDir, p)).size }
  const sources = weappSources(join(projectRoot, 'src')).map((f) => ({ path: posixRelative(projectRoot, f), text: readFileSync(f, 'utf8') }))
  const findings = [
    ...appJsonRules(app, dist),
    ...privateInfoRules(app, locationApiCalls(sources)),
    ...pageRules(collectPageFacts(app, distDir, projectRoot)),
    ...sizeRules(measure(distDir)),
  ]
  for (const fn of existsSync(functionsRoot) ? functionNames(functionsRoot) : []) {
    const configPath = join(functionsRoot, fn, 'config.json')
    const config = existsSync(configPath) ? (JSON.parse(readFileSync(configPath, 'utf8')) as FunctionConfig) : {}
    const bundlePath = join(functionsRoot, fn, 'index.js')
    if (!existsSync(bundlePath)) throw new Error(`${bundlePath} not found: build the functions first (npx tsx scripts/build-functions.ts)`)
    findings.push(...triggerRules(fn, config), ...openApiRules(fn, config, openApiCalls(readFileSync(bundlePath, 'utf8'))))
  }
  return findings
}

function main(): void {
  let findings: Finding[]
  try {
    findings = checkWeappConfig()
  } catch (err) {
    console.error(`✗ ${(err as Error).message}`)
    process.exit(2)
  }
  for (const f of findings) console.error(`✗ [${f.rule}] ${f.where}: ${f.message}\n    see ${f.doc}`)
  if (findings.length) process.exit(1)
  const mb = (bytes: number) => `${bytes / 1024 / 1024} MB`
  console.log(`✓ app.json, page configs, location declarations, ${functionNames().length} function configs and package sizes (main ≤ ${mb(LIMITS.main.hard)}, each subpackage ≤ ${mb(LIMITS.sub.hard)}, all ≤ ${mb(TOTAL_LIMIT)}) follow WeChat's rules`)
}

if (require.main === module) main()
