/**
 * The production weapp build (`dist/`) running in miniprogram-simulate: WeChat's own template
 * compiler (`wcc`, `compiler: 'official'`) compiles dist's .wxml, the Taro runtime and the app run
 * as built, and a small adapter plays the parts of WeChat that simulate leaves out:
 * - `App(options)` is kept and launched (onLaunch, onShow); `getApp`, `getCurrentPages` answer;
 * - `Page(options)` becomes a `Component` whose `attached` runs the page lifecycle as WeChat does
 *   when a page opens (onLoad with the query → onShow → onReady), `detached` runs onHide/onUnload;
 * - the `wx` APIs the app uses are ./wechat.ts (cloud calls answered by the local emulator).
 * One mini-program per test file (jest gives each file its own module registry and jsdom).
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { CLOUD_URL_ENV } from './cloud-users'
import { pagesOf, WeChat, type AppJson } from './wechat'

// The parts of miniprogram-simulate, its component tree (j-component) and exparser used here, typed
// locally: their own typings pull in miniprogram-api-typings, whose globals (e.g. `require`)
// clash with Node's for the rest of the project.
/* eslint-disable @typescript-eslint/no-require-imports -- untyped CommonJS here, and the built dist/ files run as WeChat loads them */
const simulate = require('miniprogram-simulate') as Simulate
const simulateUtils = require('miniprogram-simulate/src/utils') as { runJs: (file: string) => void }
const exparser = require('miniprogram-exparser') as Exparser

interface Simulate {
  load(componentPath: string, options: { compiler: 'official'; rootPath: string }): string
  render(id: string): RootComponent
}

interface RootComponent {
  readonly dom: Element
  readonly instance: unknown
  attach(parent: Element): void
  detach(): void
}

interface Exparser {
  Event: { create(name: string, detail: unknown, options: Record<string, unknown>): unknown; dispatchEvent(target: unknown, event: unknown): void }
  addGlobalErrorListener(listener: (err: Error, info: { message: string }) => void): void
}

export const DIST = path.resolve(__dirname, '../../dist')

type Fn = (this: PageInstance, ...args: unknown[]) => unknown
export type PageOptions = Record<string, unknown> & { data?: unknown }
export interface PageInstance {
  route: string
  __route__: string
  options: Record<string, string>
  [method: string]: unknown
}

/** A DOM element of the render; `__wxElement` is its node in exparser (the component framework). */
type RenderedElement = Element & { __wxElement?: unknown }

const ERROR_VIEW = '[class*="status-view__icon--error"]'
// a function's first call starts its instance (~0.3 s, much more on a busy machine)
const WAIT_MS = 20_000

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()

export interface OpenOptions {
  /** the page query, as WeChat passes it to onLoad */
  query?: Record<string, string>
  /** the openid of the WeChat user (a demo persona or a brand-new user) */
  as: string
}

export class OpenedPage {
  constructor(
    readonly route: string,
    readonly root: RootComponent,
    /** the options the built page passed to `Page()` */
    readonly options: PageOptions,
    private readonly mp: MiniProgram,
  ) {}

  get instance(): PageInstance {
    return this.root.instance as unknown as PageInstance
  }

  get dom(): Element {
    return this.root.dom
  }

  /** the page's visible text, whitespace squashed */
  text(): string {
    return squash(this.dom.textContent)
  }

  hasErrorView(): boolean {
    return this.dom.querySelector(ERROR_VIEW) !== null
  }

  /** the error view's text, if the page shows one */
  errorViewText(): string | null {
    const icon = this.dom.querySelector(ERROR_VIEW)
    return icon ? squash(icon.parentElement?.textContent) : null
  }

  /** elements of a tag (`wx-button`, `wx-map`…) */
  all(tag: string): RenderedElement[] {
    return Array.from(this.dom.querySelectorAll(tag))
  }

  /** the innermost `tag` element whose text contains `text` */
  find(tag: string, text: string): RenderedElement {
    const hits = this.all(tag).filter((e) => squash(e.textContent).includes(text))
    const innermost = hits.filter((e) => !hits.some((o) => o !== e && e.contains(o)))
    if (!innermost.length) throw new Error(`${this.route}: no <${tag}> with text 「${text}」 in: ${this.text().slice(0, 600)}`)
    return innermost[0]
  }

  /** the value the compiled template bound to a component's attribute (what WeChat's <input>, <map>… receive) */
  attr(el: RenderedElement, name: string): unknown {
    const node = el.__wxElement as { _vt?: { attrs: { name: string; value: unknown }[] } } | undefined
    return node?._vt?.attrs.find((a) => a.name === name)?.value
  }

  /** the <input> or <textarea> with this `name` */
  field(name: string): RenderedElement {
    const el = this.all('wx-input, wx-textarea').find((e) => this.attr(e, 'name') === name)
    if (!el) throw new Error(`${this.route}: no input named ${name}`)
    return el
  }

  /** the element a template gave `id` (an `id` prop in the app's code) */
  byId(id: string): RenderedElement {
    const el = this.all('*').find((e) => this.attr(e, 'id') === id)
    if (!el) throw new Error(`${this.route}: no element #${id}`)
    return el
  }

  /** Dispatches a component event on an element as WeChat would (bubbling, composed). */
  trigger(el: RenderedElement, name: string, detail: Record<string, unknown> = {}): void {
    if (!el.__wxElement) throw new Error(`${this.route}: <${el.tagName.toLowerCase()}> is not a rendered component node`)
    const event = exparser.Event.create(name, detail, { bubbles: true, capturePhase: true, composed: true, extraFields: { touches: [], changedTouches: [] } })
    exparser.Event.dispatchEvent(el.__wxElement, event)
  }

  /**
   * A user's tap, and what WeChat does for a button's open-type: agreePrivacyAuthorization fires
   * its agree event; getPhoneNumber asks for privacy consent, then fires getphonenumber with the
   * code the user allowed (`wechat.phoneCode`); share asks the page's onShareAppMessage
   * (recorded as a `share` call).
   */
  async tap(el: RenderedElement): Promise<void> {
    const wechat = this.mp.wechat
    const openType = this.attr(el, 'openType')
    const id = String(this.attr(el, 'id') ?? '')
    wechat.tap(() => {
      this.trigger(el, 'tap', { x: 0, y: 0 })
      if (openType === 'agreePrivacyAuthorization') this.trigger(el, 'agreeprivacyauthorization', {})
    }, openType === 'agreePrivacyAuthorization' ? id : undefined)
    if (openType === 'share') wechat.calls.push({ api: 'share', options: { from: 'button', result: this.share('button', el) }, duringTap: true })
    if (openType === 'getPhoneNumber') {
      await wechat.privacy('button.getPhoneNumber')
      this.trigger(el, 'getphonenumber', { errMsg: 'getPhoneNumber:ok', code: wechat.phoneCode })
    }
    await sleep(0)
  }

  /** types into an <input>/<textarea> */
  input(el: RenderedElement, value: string): void {
    this.trigger(el, 'input', { value, cursor: value.length, keyCode: 0 })
  }

  /** Waits until every string shows, then until the cloud calls are answered. */
  async waitForText(...texts: string[]): Promise<void> {
    const until = Date.now() + WAIT_MS
    while (texts.some((t) => !this.text().includes(t))) {
      if (Date.now() > until || this.hasErrorView()) {
        const missing = texts.filter((t) => !this.text().includes(t))
        const refused = this.mp.wechat.problems.length ? ` (refused by WeChat: ${this.mp.wechat.problems.join('; ')})` : ''
        const errorView = this.hasErrorView() ? ` (error view: ${this.errorViewText()})` : ''
        throw new Error(`${this.route}: 「${missing.join('」「')}」 not shown${errorView}${refused}; page text: ${this.text().slice(0, 800)}`)
      }
      await sleep(20)
    }
    await this.mp.settle()
  }

  /** Pulls down as WeChat does (page config `enablePullDownRefresh`), waits for stopPullDownRefresh. */
  async pullDown(): Promise<void> {
    const before = this.mp.wechat.called('stopPullDownRefresh').length
    ;(this.instance.onPullDownRefresh as Fn).call(this.instance)
    const until = Date.now() + WAIT_MS
    while (this.mp.wechat.called('stopPullDownRefresh').length === before) {
      if (Date.now() > until) throw new Error(`${this.route}: onPullDownRefresh never called stopPullDownRefresh`)
      await sleep(20)
    }
    await this.mp.settle()
  }

  /** what the page answers WeChat's share (menu or an open-type="share" button) */
  share(from: 'menu' | 'button' = 'menu', target?: RenderedElement): unknown {
    const handler = this.options.onShareAppMessage as Fn | undefined
    if (!handler) throw new Error(`${this.route}: the page does not register onShareAppMessage (no share menu in WeChat)`)
    return handler.call(this.instance, { from, target: target ? { id: this.attr(target, 'id'), dataset: {} } : undefined })
  }

  /** closes the page (onHide, onUnload) */
  close(): void {
    this.root.detach()
    this.mp.closed(this)
  }
}

export class MiniProgram {
  readonly appJson: AppJson
  readonly wechat: WeChat
  /** load and runtime errors (lifecycles, event handlers, React) and console.error output */
  readonly errors: string[] = []
  private app: Record<string, unknown> | null = null
  private readonly stack: OpenedPage[] = []
  private readonly loaded = new Map<string, string>()
  private readonly pageOptions = new Map<string, PageOptions>()
  private opening: { route: string; query: Record<string, string> } | null = null
  private launched = false

  constructor() {
    const url = process.env[CLOUD_URL_ENV]
    if (!url) throw new Error(`${CLOUD_URL_ENV} is not set: the weapp jest project's globalSetup starts the emulator`)
    if (!existsSync(path.join(DIST, 'app.json'))) throw new Error('dist/app.json missing: run `npm run build:weapp` first')
    this.appJson = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as AppJson
    this.wechat = new WeChat(url, this.appJson)
    this.captureErrors()
    this.installGlobals()
    require(path.join(DIST, 'app.js'))
    if (!this.app) throw new Error('dist/app.js did not call App()')
  }

  /**
   * Launches the app (onLaunch, onShow) as the user who first opens it: in WeChat the mini-program
   * never runs without a user, and onLaunch already calls functions (the settings).
   */
  private launchOnce(path: string): void {
    if (this.launched) return
    this.launched = true
    const launch = { path, query: {}, scene: 1001, referrerInfo: {} }
    this.guard('App.onLaunch', () => (this.app!.onLaunch as Fn | undefined)?.call(this.app as never, launch))
    this.guard('App.onShow', () => (this.app!.onShow as Fn | undefined)?.call(this.app as never, launch))
  }

  /** every page of app.json: main package first, then each subpackage's */
  allPages(): string[] {
    return pagesOf(this.appJson)
  }

  private captureErrors(): void {
    const original = console.error.bind(console)
    console.error = (...args: unknown[]) => {
      this.errors.push(`console.error: ${args.map((a) => (a instanceof Error ? a.stack : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`)
      original(...args)
    }
    exparser.addGlobalErrorListener((err, info) => void this.errors.push(`${info.message}: ${err.stack ?? String(err)}`))
    // an unhandled rejection (e.g. a refused `void Taro.navigateTo(…)`) already fails the running test in jest
  }

  private guard(what: string, run: () => unknown): void {
    try {
      run()
    } catch (err) {
      this.errors.push(`${what} threw: ${err instanceof Error ? err.stack : String(err)}`)
    }
  }

  private installGlobals(): void {
    const g = globalThis as unknown as Record<string, unknown>
    Object.assign(g.wx as object, this.wechat.apis())
    g.App = (options: Record<string, unknown>) => {
      this.app = options
    }
    g.getApp = () => this.app
    g.getCurrentPages = () => this.stack.map((p) => p.instance)

    // simulate runs each component's file once per load(); jest (like webpack inside dist) caches a
    // module, so a second page's load would not call Component() again: replay the first call.
    const register = g.Component as (definition: unknown) => void
    const replays = new Map<string, () => void>()
    let running = ''
    g.Component = (definition: unknown) => {
      replays.set(running, () => register(definition))
      register(definition)
    }
    g.Page = (options: PageOptions) => {
      const route = path.relative(DIST, running)
      this.pageOptions.set(route, options)
      const definition = this.pageComponent(route, options)
      replays.set(running, () => register(definition))
      register(definition)
    }
    simulateUtils.runJs = (file: string) => {
      const replay = replays.get(file)
      if (replay) return replay()
      running = file
      try {
        require(file)
      } finally {
        running = ''
      }
    }
  }

  /** The Page → Component adapter: the page lifecycle runs when the component is attached. */
  private pageComponent(route: string, options: PageOptions): Record<string, unknown> {
    const methods: Record<string, Fn> = {}
    for (const [key, value] of Object.entries(options)) if (typeof value === 'function') methods[key] = value as Fn
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the component methods below get the page as `this`
    const mp = this
    const call = (page: PageInstance, name: string, ...args: unknown[]) => mp.guard(`${route} ${name}`, () => (page[name] as Fn | undefined)?.apply(page, args))
    return {
      data: options.data ?? {},
      methods,
      lifetimes: {
        attached(this: PageInstance) {
          const query = mp.opening?.route === route ? mp.opening.query : {}
          this.route = this.__route__ = route
          this.options = query
          call(this, 'onLoad', { ...query })
          call(this, 'onShow')
        },
        ready(this: PageInstance) {
          call(this, 'onReady')
        },
        detached(this: PageInstance) {
          call(this, 'onHide')
          call(this, 'onUnload')
        },
      },
    }
  }

  /** Opens a page of dist as `as`, with `query`, and waits for its first render. */
  async open(route: string, { query = {}, as }: OpenOptions): Promise<OpenedPage> {
    if (!this.allPages().includes(route)) throw new Error(`${route} is not a page of dist/app.json`)
    this.wechat.user = as
    this.launchOnce(route)
    let id = this.loaded.get(route)
    if (!id) {
      id = simulate.load(path.join(DIST, route), { compiler: 'official', rootPath: DIST })
      this.loaded.set(route, id)
    }
    const options = this.pageOptions.get(route)
    if (!options) throw new Error(`${route}: its js did not call Page()`)
    // the page below is hidden, as when WeChat opens a new page
    const below = this.stack[this.stack.length - 1]
    if (below) this.guard(`${below.route} onHide`, () => (below.instance.onHide as Fn | undefined)?.call(below.instance))
    this.opening = { route, query }
    const root = simulate.render(id)
    const page = new OpenedPage(route, root, options, this)
    this.stack.push(page)
    root.attach(document.createElement('page-frame'))
    this.opening = null
    await sleep(0)
    return page
  }

  /** a page was closed: the one below shows again, as after navigateBack */
  closed(page: OpenedPage): void {
    const i = this.stack.indexOf(page)
    if (i < 0) return
    this.stack.splice(i, 1)
    const top = this.stack[this.stack.length - 1]
    if (i === this.stack.length && top) this.guard(`${top.route} onShow`, () => (top.instance.onShow as Fn | undefined)?.call(top.instance))
  }

  /** Waits until no cloud call or upload is pending and React has rendered their answers. */
  async settle(): Promise<void> {
    const until = Date.now() + WAIT_MS
    let quiet = 0
    while (quiet < 3) {
      await sleep(20)
      quiet = this.wechat.inFlight === 0 ? quiet + 1 : 0
      if (Date.now() > until) throw new Error(`cloud calls still pending after ${WAIT_MS} ms`)
    }
  }

  /** Closes every open page and forgets what was recorded: the next test starts clean. */
  reset(): void {
    for (const page of [...this.stack].reverse()) page.close()
    this.errors.length = 0
    this.wechat.forget()
  }
}
