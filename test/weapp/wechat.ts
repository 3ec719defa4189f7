/**
 * The WeChat side of a page render: the `wx` APIs that miniprogram-simulate does not provide (or
 * provides as empty mocks) and that the app uses, modelled on WeChat's documented behaviour and
 * recorded so that tests can assert what the app asked WeChat for.
 *
 * - `wx.cloud.callFunction` / `wx.cloud.uploadFile` go to the local emulator's gateway as the
 *   current user (`wechat.user`), so the functions get the identity from the invocation and the
 *   event carries `userInfo` as in a mini-program call.
 * - Privacy: with `__usePrivacyCheck__`, a privacy API called before the user agreed raises the
 *   `onNeedPrivacyAuthorization` listener and waits; `resolve({ event: 'agree', buttonId })` only
 *   counts after a tap on that `open-type="agreePrivacyAuthorization"` button, `disagree` fails
 *   the API with "privacy permission is not authorized"
 *   (developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html).
 * - `getLocation`/`chooseLocation` fail unless app.json's `requiredPrivateInfos` declares them.
 * - `requestSubscribeMessage` is only granted inside a tap ("2.8.2 版本开始，用户发生点击行为…后，
 *   才可以调起订阅消息界面", wx.requestSubscribeMessage).
 * - Navigation only reaches pages listed in app.json; `navigateTo` cannot open a tab page and
 *   `switchTab` only opens one (wx.navigateTo / wx.switchTab).
 * Anything the platform would refuse is also added to `problems`, which fails the test.
 */
import { GatewayClient } from './gateway-client'

type Callbacks = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void }
type Options = Record<string, unknown> & Callbacks

export interface WxCall {
  api: string
  options: Record<string, unknown>
  /** called while a tap was being dispatched */
  duringTap: boolean
}

export interface CloudCall {
  name: string
  data: unknown
  /** the function's answer (`res.result`), or the failure */
  result?: unknown
  failure?: string
}

export interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string }[] }
  requiredPrivateInfos?: string[]
}

/** every page of app.json: the main package's, then each subpackage's */
export const pagesOf = (app: AppJson): string[] => [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]

export type PrivacyListener = (resolve: (o: { event: string; buttonId?: string }) => void, info: { referrer: string }) => void

/** a 1×1 PNG: what the photo pickers hand back */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

const LOCATION_APIS = ['getLocation', 'chooseLocation']

/** the guide's name as set in the mini-program console (getPrivacySetting answers it) */
export const CONTRACT_NAME = '《小哥驿站小程序隐私保护指引》'

export class WeChat {
  /** the openid of the WeChat user using the mini-program now */
  user = ''
  /** where the phone is (GCJ-02): by default in front of 刘记面馆, 新和平社区 */
  location = { longitude: 120.17231, latitude: 30.29175, accuracy: 20 }
  /** what the phone-number dialog gives when the user allows it (the emulator accepts `test-<11 digits>`) */
  phoneCode = 'test-13812345678'
  /** results the next `scanCode` calls return, in order (none left: the user cancels) */
  readonly scans: string[] = []
  /** answers of the next `showModal` calls (none left: confirm) */
  readonly modalAnswers: boolean[] = []
  /** what the app asked WeChat for, in order (cloud calls are in `cloudCalls`) */
  readonly calls: WxCall[] = []
  readonly cloudCalls: CloudCall[] = []
  /** requests WeChat would refuse (bad navigation, agree without the button…) */
  readonly problems: string[] = []
  /** cloud calls and uploads not answered yet */
  inFlight = 0

  private privacyListener: PrivacyListener | null = null
  /** users who agreed to the privacy guide (WeChat keeps the consent per user and mini-program) */
  private readonly agreed = new Set<string>()
  private readonly agreeTaps = new Set<string>()
  private tapDepth = 0
  private readonly storage = new Map<string, unknown>()
  private readonly tempFiles = new Map<string, Buffer>()
  private tempSeq = 0
  private readonly gateway: GatewayClient

  constructor(
    cloudUrl: string,
    private readonly appJson: AppJson,
  ) {
    this.gateway = new GatewayClient(cloudUrl)
  }

  /** forgets the recorded calls and problems (the user, consent and storage stay) */
  forget(): void {
    this.calls.length = 0
    this.cloudCalls.length = 0
    this.problems.length = 0
  }

  /** the api calls named `api` */
  called(api: string): WxCall[] {
    return this.calls.filter((c) => c.api === api)
  }

  /** Runs `dispatch` as a user's tap: APIs that need a gesture are allowed during it. */
  tap<T>(dispatch: () => T, agreeButtonId?: string): T {
    if (agreeButtonId) {
      this.agreeTaps.add(agreeButtonId)
      // a tap on an agreePrivacyAuthorization button is the agreement, whether or not an API is
      // waiting (wx.getPrivacySetting's example: a pop-up shown at onLoad, and after the tap
      // "用户点击了同意,之后所有隐私接口和组件都可以调用了")
      this.agreed.add(this.user)
    }
    this.tapDepth++
    try {
      return dispatch()
    } finally {
      this.tapDepth--
    }
  }

  /** a temp file path holding a small picture, as the photo pickers return */
  private tempPicture(bytes: Buffer = TINY_PNG): string {
    const path = `http://tmp/weapp-render-${++this.tempSeq}.png`
    this.tempFiles.set(path, bytes)
    return path
  }

  private record(api: string, options: Options = {}): void {
    const { success: _s, fail: _f, complete: _c, ...rest } = options
    this.calls.push({ api, options: rest, duringTap: this.tapDepth > 0 })
  }

  /** settles a wx-style call: callbacks when given, else a Promise (as base library ≥ 2.10.2 does) */
  private settle(api: string, options: Options, run: () => Promise<Record<string, unknown>>): Promise<unknown> | undefined {
    const done = run().then(
      (res) => ({ ok: true as const, res: { errMsg: `${api}:ok`, ...res } }),
      (err: unknown) => ({ ok: false as const, res: { errMsg: `${api}:fail ${err instanceof Error ? err.message : String(err)}` } }),
    )
    const hasCallbacks = Boolean(options.success || options.fail || options.complete)
    if (hasCallbacks) {
      void done.then(({ ok, res }) => {
        if (ok) options.success?.(res)
        else options.fail?.(res)
        options.complete?.(res)
      })
      return undefined
    }
    return done.then(({ ok, res }) => (ok ? res : Promise.reject(res)))
  }

  /** an API that records its call and answers `result` (or fails with `failure`) */
  private simple(api: string, result: (o: Options) => Record<string, unknown> | Error = () => ({})) {
    return (options: Options = {}) => {
      this.record(api, options)
      return this.settle(api, options, async () => {
        const r = result(options)
        if (r instanceof Error) throw r
        return r
      })
    }
  }

  get privacyAgreed(): boolean {
    return this.agreed.has(this.user)
  }

  /** the current user agrees beforehand (as if in an earlier session) */
  agreePrivacy(): void {
    this.agreed.add(this.user)
  }

  /** Waits for the user's privacy consent when WeChat would ask for it (public: buttons ask too). */
  async privacy(referrer: string): Promise<void> {
    if (this.privacyAgreed) return
    const listener = this.privacyListener
    if (!listener) throw new Error('privacy permission is not authorized (no onNeedPrivacyAuthorization listener)')
    await new Promise<void>((resolve, reject) => {
      listener(
        (o) => {
          if (o.event === 'exposureAuthorization') return
          if (o.event === 'agree') {
            if (!o.buttonId || !this.agreeTaps.has(o.buttonId)) {
              this.problems.push(`privacy: resolve({ event: 'agree', buttonId: ${JSON.stringify(o.buttonId)} }) without a tap on that agreePrivacyAuthorization button`)
              return reject(new Error('privacy permission is not authorized'))
            }
            this.agreed.add(this.user)
            return resolve()
          }
          reject(new Error('privacy permission is not authorized'))
        },
        { referrer },
      )
    })
  }

  private declared(api: string): void {
    if (LOCATION_APIS.includes(api) && !(this.appJson.requiredPrivateInfos ?? []).includes(api)) {
      this.problems.push(`${api} is not declared in app.json requiredPrivateInfos`)
      throw new Error('the api need to be declared in the requiredPrivateInfos field in app.json/ext.json')
    }
  }

  private pageOf(url: unknown): string {
    return String(url ?? '')
      .split('?')[0]
      .replace(/^\//, '')
  }

  private navigation(api: string) {
    const tabs = (this.appJson.tabBar?.list ?? []).map((t) => t.pagePath)
    return this.simple(api, (o) => {
      if (api === 'navigateBack') return {}
      const page = this.pageOf(o.url)
      let problem = ''
      if (!pagesOf(this.appJson).includes(page)) problem = `page "${page}" is not found`
      else if (api === 'switchTab' && !tabs.includes(page)) problem = `can not switchTab to no-tabBar page "${page}"`
      else if (api !== 'switchTab' && api !== 'reLaunch' && tabs.includes(page)) problem = `can not ${api} a tabbar page "${page}"`
      if (!problem) return {}
      this.problems.push(`${api}({ url: ${JSON.stringify(o.url)} }): ${problem}`)
      return new Error(problem)
    })
  }

  private async callFunction(o: Options): Promise<Record<string, unknown>> {
    const name = String(o.name)
    const record: CloudCall = { name, data: o.data }
    this.cloudCalls.push(record)
    this.inFlight++
    try {
      const answer = await this.gateway.callFunction(this.user, name, o.data)
      if (answer.status !== 200) {
        record.failure = `HTTP ${answer.status} ${JSON.stringify(answer.body)}`
        throw new Error(`-404011 cloud function execution error: ${record.failure}`)
      }
      record.result = answer.body
      return { result: answer.body, requestID: `weapp-render-${this.cloudCalls.length}` }
    } finally {
      this.inFlight--
    }
  }

  private async uploadFile(o: Options, progress: (p: number) => void): Promise<Record<string, unknown>> {
    const bytes = this.tempFiles.get(String(o.filePath))
    if (!bytes) throw new Error(`no such temp file ${String(o.filePath)}`)
    this.inFlight++
    try {
      const answer = await this.gateway.upload(this.user, String(o.cloudPath), bytes, 'image/png')
      const fileID = (answer.body as { fileID?: string } | null)?.fileID
      if (answer.status !== 200 || !fileID) throw new Error(`upload answered HTTP ${answer.status} ${JSON.stringify(answer.body)}`)
      progress(100)
      return { fileID, statusCode: 200 }
    } finally {
      this.inFlight--
    }
  }

  /** the APIs to put on the global `wx` (over miniprogram-simulate's mocks) */
  apis(): Record<string, unknown> {
    return {
      cloud: {
        init: (o: Options = {}) => this.record('cloud.init', o),
        callFunction: (o: Options) => this.settle('cloud.callFunction', o, () => this.callFunction(o)),
        uploadFile: (o: Options) => {
          const listeners: ((r: { progress: number }) => void)[] = []
          const progress = (p: number) => listeners.forEach((l) => l({ progress: p }))
          this.record('cloud.uploadFile', o)
          const p = this.settle('cloud.uploadFile', o, () => this.uploadFile(o, progress))
          // with callbacks WeChat answers an UploadTask
          return p ?? { onProgressUpdate: (cb: (r: { progress: number }) => void) => listeners.push(cb), abort() {} }
        },
      },
      onNeedPrivacyAuthorization: (listener: PrivacyListener) => {
        this.privacyListener = listener
      },
      getPrivacySetting: this.simple('getPrivacySetting', () => ({ needAuthorization: !this.privacyAgreed, privacyContractName: CONTRACT_NAME })),
      openPrivacyContract: this.simple('openPrivacyContract'),
      requirePrivacyAuthorize: (o: Options = {}) => {
        this.record('requirePrivacyAuthorize', o)
        return this.settle('requirePrivacyAuthorize', o, async () => (await this.privacy('requirePrivacyAuthorize'), {}))
      },
      getLocation: (o: Options = {}) => {
        this.record('getLocation', o)
        return this.settle('getLocation', o, async () => {
          this.declared('getLocation')
          await this.privacy('getLocation')
          return { ...this.location, speed: 0, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: this.location.accuracy }
        })
      },
      chooseLocation: (o: Options = {}) => {
        this.record('chooseLocation', o)
        return this.settle('chooseLocation', o, async () => {
          this.declared('chooseLocation')
          await this.privacy('chooseLocation')
          return { name: '刘记面馆', address: '拱墅区文晖路 45 号', longitude: this.location.longitude, latitude: this.location.latitude }
        })
      },
      chooseMedia: (o: Options = {}) => {
        this.record('chooseMedia', o)
        return this.settle('chooseMedia', o, async () => {
          await this.privacy('chooseMedia')
          const tempFilePath = this.tempPicture()
          return { type: 'image', tempFiles: [{ tempFilePath, size: TINY_PNG.length, fileType: 'image', width: 1, height: 1 }] }
        })
      },
      chooseImage: (o: Options = {}) => {
        this.record('chooseImage', o)
        return this.settle('chooseImage', o, async () => {
          await this.privacy('chooseImage')
          const path = this.tempPicture()
          return { tempFilePaths: [path], tempFiles: [{ path, size: TINY_PNG.length }] }
        })
      },
      compressImage: this.simple('compressImage', (o) => {
        const bytes = this.tempFiles.get(String(o.src))
        return bytes ? { tempFilePath: this.tempPicture(bytes) } : new Error(`no such file ${String(o.src)}`)
      }),
      saveImageToPhotosAlbum: (o: Options = {}) => {
        this.record('saveImageToPhotosAlbum', o)
        return this.settle('saveImageToPhotosAlbum', o, async () => (await this.privacy('saveImageToPhotosAlbum'), {}))
      },
      scanCode: this.simple('scanCode', () => {
        const result = this.scans.shift()
        return result === undefined ? new Error('cancel') : { result, scanType: 'QR_CODE', charSet: 'utf-8', rawData: Buffer.from(result).toString('base64') }
      }),
      requestSubscribeMessage: this.simple('requestSubscribeMessage', (o) =>
        this.tapDepth > 0 ? Object.fromEntries(((o.tmplIds as string[] | undefined) ?? []).map((id) => [id, 'accept'])) : new Error('can only be invoked by user TAP gesture.'),
      ),
      showModal: this.simple('showModal', () => {
        const confirm = this.modalAnswers.shift() ?? true
        return { confirm, cancel: !confirm }
      }),
      showToast: this.simple('showToast'),
      showLoading: this.simple('showLoading'),
      hideLoading: this.simple('hideLoading'),
      stopPullDownRefresh: this.simple('stopPullDownRefresh'),
      setNavigationBarTitle: this.simple('setNavigationBarTitle'),
      openLocation: this.simple('openLocation'),
      makePhoneCall: this.simple('makePhoneCall'),
      setClipboardData: this.simple('setClipboardData'),
      previewImage: this.simple('previewImage'),
      pageScrollTo: this.simple('pageScrollTo'),
      navigateTo: this.navigation('navigateTo'),
      redirectTo: this.navigation('redirectTo'),
      switchTab: this.navigation('switchTab'),
      reLaunch: this.navigation('reLaunch'),
      navigateBack: this.navigation('navigateBack'),
      getStorageSync: (key: string) => (this.storage.has(key) ? this.storage.get(key) : ''),
      setStorageSync: (key: string, value: unknown) => void this.storage.set(key, value),
      removeStorageSync: (key: string) => void this.storage.delete(key),
    }
  }
}
