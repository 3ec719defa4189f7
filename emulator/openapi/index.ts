import { createHash, randomBytes } from 'node:crypto'
import path from 'node:path'
import type { AdminCall, AdminReply } from '../admin/types'
import { CloudbaseError } from '../core/errors'
import type { Invocation } from '../core/invocations'
import { JsonlStore, type MediaCheckRecord, type OutboxMessage } from './outbox'
import { decodeCommApiData, encodeCommOpenApiResp } from './proto'
import { checkSubscribeSend } from './subscribe-rules'
import { checkText, WordListSource } from './wordlist'

export type { OutboxMessage, MediaCheckRecord } from './outbox'
export { checkText, WordListSource, DEFAULT_WORDLIST_FILE, WECHAT_TEST_TEXTS } from './wordlist'
export { MediaCheckPush, devVerdict, readMessagePushRoutes, MEDIA_CHECK_EVENT } from './media-push'
export type { MediaSuggest, MediaVerdictRecord, MediaCheckMode } from './media-push'
export type { WordList, WordEntry, CheckOutcome } from './wordlist'

export interface OpenApiServiceOptions {
  /** where the outbox, the media-check log and the word-list override live (e.g. <dataDir>/openapi) */
  dir: string
  /** watermark appid of getPhoneNumber answers */
  appId?: string
  now?: () => number
  /** told of every mediaCheckAsync request (the emulator pushes its verdict; see media-push.ts) */
  onMediaCheck?: (rec: MediaCheckRecord) => void
  /** the mini-program's pages as app.json lists them: a subscribe message's `page` must be one */
  pages?: readonly string[]
}

/** A WeChat answer: errcode 0 plus fields, or an errcode the SDK throws as a CloudSDKError. */
export type WxAnswer = { errcode: number; errmsg: string; [k: string]: unknown }
type ApiImpl = (params: Record<string, unknown>, invocation: Invocation | undefined) => WxAnswer

/** errcode the SDK knows as WX_FUNCTIONS_SERVER_OPENAPI_NOT_FOUND */
export const OPENAPI_NOT_FOUND = -604100
/** msgSecCheck 2.0: "文本字数的上限为 2500 字" */
const MAX_TEXT_V2 = 2500
/** msgSecCheck 1.0: "长度不超过 500KB" */
const MAX_BYTES_V1 = 500 * 1024

/**
 * Development implementations of the WeChat open APIs the project uses, behind `wx.openApi` with
 * the SDK's protobuf envelope. Data: `<dir>/outbox.jsonl` (subscribe messages),
 * `<dir>/media-checks.jsonl`, and an optional `<dir>/wordlist.json` overriding the default list.
 */
export class OpenApiService {
  readonly outbox: JsonlStore<OutboxMessage>
  readonly mediaChecks: JsonlStore<MediaCheckRecord>
  readonly wordList: WordListSource
  private readonly now: () => number
  private readonly apis: Record<string, ApiImpl>
  /** users who refused (or cancelled) subscribe messages: subscribeMessage.send answers 43101 */
  private readonly refusing = new Set<string>()
  /** getPhoneNumber codes already exchanged (each works once) */
  private readonly usedPhoneCodes = new Set<string>()

  constructor(private readonly opts: OpenApiServiceOptions) {
    this.now = opts.now ?? Date.now
    this.outbox = new JsonlStore(path.join(opts.dir, 'outbox.jsonl'))
    this.mediaChecks = new JsonlStore(path.join(opts.dir, 'media-checks.jsonl'))
    this.wordList = new WordListSource(path.join(opts.dir, 'wordlist.json'))
    this.apis = {
      'security.msgSecCheck': (p) => this.msgSecCheck(p),
      'security.mediaCheckAsync': (p, inv) => this.mediaCheckAsync(p, inv),
      'subscribeMessage.send': (p, inv) => this.subscribeSend(p, inv),
      'phonenumber.getPhoneNumber': (p) => this.getPhoneNumber(p),
    }
  }

  /**
   * Whether `openid` accepts subscribe messages (default yes). A user who refused, or cancelled the
   * subscription, makes subscribeMessage.send answer errcode 43101, as WeChat does.
   */
  setSubscribed(openid: string, subscribed: boolean): void {
    if (subscribed) this.refusing.delete(openid)
    else this.refusing.add(openid)
  }

  /** Names of the emulated APIs. */
  get apiNames(): string[] {
    return Object.keys(this.apis)
  }

  /** The admin service for `wx.*`. */
  handle = async (call: AdminCall): Promise<AdminReply> => {
    if (call.action !== 'wx.openApi') {
      throw new CloudbaseError('INVALID_PARAM', `action ${call.action} is not supported by the local emulator`)
    }
    const apiName = String(call.body.apiName ?? '')
    const requestData = call.body.requestData
    const buf = Buffer.isBuffer(requestData) ? requestData : Buffer.from(String(requestData ?? ''), 'utf8')
    let params: Record<string, unknown>
    try {
      params = {}
      for (const pair of decodeCommApiData(buf).pairs) {
        params[pair.key] = pair.contentType ? { contentType: pair.contentType, value: pair.value, filename: pair.filename } : JSON.parse(pair.value.toString('utf8'))
      }
    } catch (err) {
      throw new CloudbaseError('INVALID_PARAM', `wx.openApi requestData is not a CommApiData message: ${(err as Error).message}`)
    }
    const answer = this.call(apiName, params, call.invocation)
    return {
      raw: encodeCommOpenApiResp({ respData: Buffer.from(JSON.stringify(answer), 'utf8'), contentType: 'application/json', httpCode: 200 }),
      contentType: 'application/octet-stream',
    }
  }

  /** Calls an emulated API directly with snake_case params (what the SDK sends). */
  call(apiName: string, params: Record<string, unknown>, invocation?: Invocation): WxAnswer {
    const impl = Object.prototype.hasOwnProperty.call(this.apis, apiName) ? this.apis[apiName] : undefined
    if (!impl) {
      return { errcode: OPENAPI_NOT_FOUND, errmsg: `openapi ${apiName || '(none)'} is not emulated locally; emulated: ${this.apiNames.join(', ')}` }
    }
    return impl(params, invocation)
  }

  /**
   * security.msgSecCheck. 2.0 (`version: 2`,
   * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html):
   * 40003 openid 无效, 40129 场景值错误, 44002 参数为空, 47001 参数格式不对; the verdict is in
   * `result`. 1.0 (no version, security.msgSecCheck-v1 page): only errcode 0 or 87014 risky content.
   */
  private msgSecCheck(p: Record<string, unknown>): WxAnswer {
    const content = p.content
    if (content === undefined || content === null || content === '') return { errcode: 44002, errmsg: 'empty post data' }
    if (typeof content !== 'string') return { errcode: 47001, errmsg: 'data format error: content must be a string' }
    const extra = ['title', 'nickname', 'signature'].map((k) => (typeof p[k] === 'string' ? (p[k] as string) : '')).join('\n')
    if (Number(p.version) !== 2) {
      if (Buffer.byteLength(content) > MAX_BYTES_V1) return { errcode: 47001, errmsg: 'data format error: content over 500KB' }
      const outcome = checkText(content, this.wordList.get())
      return outcome.suggest === 'risky' ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' }
    }
    if (Array.from(content).length > MAX_TEXT_V2) return { errcode: 47001, errmsg: `data format error: content over ${MAX_TEXT_V2} characters` }
    if (typeof p.openid !== 'string' || p.openid === '') return { errcode: 40003, errmsg: 'invalid openid' }
    const scene = Number(p.scene)
    if (![1, 2, 3, 4].includes(scene)) return { errcode: 40129, errmsg: 'invalid scene: 1 资料, 2 评论, 3 论坛, 4 社交日志' }
    const outcome = checkText(`${content}\n${extra}`, this.wordList.get())
    const detail: Record<string, unknown>[] = [
      { strategy: 'content_model', errcode: 0, suggest: outcome.suggest, label: outcome.label, prob: outcome.suggest === 'pass' ? 0 : 90 },
    ]
    if (outcome.keyword) detail.push({ strategy: 'keyword', errcode: 0, suggest: outcome.suggest, label: outcome.label, level: 20, keyword: outcome.keyword })
    return { errcode: 0, errmsg: 'ok', result: { suggest: outcome.suggest, label: outcome.label }, detail, trace_id: traceId() }
  }

  /**
   * security.mediaCheckAsync 2.0 (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/mediaCheckAsync.html):
   * media_url, media_type (1 音频 2 图片), version 2, openid and scene (1-4) are all required; a missing
   * openid or a bad scene gets msgSecCheck 2.0's errcodes (40003, 40129).
   */
  private mediaCheckAsync(p: Record<string, unknown>, inv: Invocation | undefined): WxAnswer {
    if (typeof p.media_url !== 'string' || !p.media_url) return { errcode: 47001, errmsg: 'data format error: media_url required' }
    const mediaType = Number(p.media_type)
    if (mediaType !== 1 && mediaType !== 2) return { errcode: 47001, errmsg: 'data format error: media_type must be 1 (audio) or 2 (image)' }
    if (Number(p.version) === 2) {
      if (typeof p.openid !== 'string' || p.openid === '') return { errcode: 40003, errmsg: 'invalid openid' }
      if (![1, 2, 3, 4].includes(Number(p.scene))) return { errcode: 40129, errmsg: 'invalid scene: 1 资料, 2 评论, 3 论坛, 4 社交日志' }
    }
    const rec = this.mediaChecks.add({
      traceId: traceId(),
      mediaUrl: p.media_url,
      mediaType,
      openid: String(p.openid ?? ''),
      scene: Number(p.scene ?? 0),
      version: Number(p.version ?? 1),
      requestedAt: this.now(),
      invocationId: inv?.id,
      functionName: inv?.functionName,
    })
    this.opts.onMediaCheck?.(rec)
    return { errcode: 0, errmsg: 'ok', trace_id: rec.traceId }
  }

  /**
   * subscribeMessage.send (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html):
   * 40003 touser 为空或者不正确, 40037 模板 id 为空, 43101 用户拒绝接受消息, 47003 模板参数不准确
   * (each value checked against the limits of its key's type, see subscribe-rules.ts).
   */
  private subscribeSend(p: Record<string, unknown>, inv: Invocation | undefined): WxAnswer {
    if (typeof p.touser !== 'string' || p.touser === '') return { errcode: 40003, errmsg: 'invalid openid: touser required' }
    if (typeof p.template_id !== 'string' || p.template_id === '') return { errcode: 40037, errmsg: 'invalid template_id' }
    if (!p.data || typeof p.data !== 'object') return { errcode: 47003, errmsg: 'argument invalid! data is required' }
    const problem = checkSubscribeSend(p.data as Record<string, unknown>, p.page, this.opts.pages)
    if (problem) return { ...problem }
    if (this.refusing.has(p.touser)) return { errcode: 43101, errmsg: 'user refuse to accept the msg' }
    const state = p.miniprogram_state
    if (state !== undefined && !['developer', 'trial', 'formal'].includes(String(state))) return { errcode: 47003, errmsg: 'argument invalid! miniprogram_state' }
    const msg = this.outbox.add({
      id: randomBytes(8).toString('hex'),
      touser: p.touser,
      templateId: p.template_id,
      page: typeof p.page === 'string' ? p.page : undefined,
      data: p.data as OutboxMessage['data'],
      miniprogramState: typeof state === 'string' ? state : undefined,
      lang: typeof p.lang === 'string' ? p.lang : undefined,
      sentAt: this.now(),
      invocationId: inv?.id,
      functionName: inv?.functionName,
      sender: inv?.openid,
    })
    return { errcode: 0, errmsg: 'ok', msgid: msg.id }
  }

  /**
   * phonenumber.getPhoneNumber: "每个 code 只能使用一次，code 的有效期为 5min"
   * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html).
   * `test-<11 digits>` returns that number and may be reused (a fixed code for tests and demos); any
   * other well-formed code returns a deterministic number (17x + 8 digits of its hash) once, then
   * 40029 like a used code; empty, malformed or `invalid…` codes get 40029.
   */
  private getPhoneNumber(p: Record<string, unknown>): WxAnswer {
    const code = p.code
    if (typeof code !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(code) || code.startsWith('invalid')) {
      return { errcode: 40029, errmsg: 'invalid code' }
    }
    const m = /^test-(1\d{10})$/.exec(code)
    if (!m) {
      if (this.usedPhoneCodes.has(code)) return { errcode: 40029, errmsg: 'invalid code: a code can be used once' }
      this.usedPhoneCodes.add(code)
    }
    const pure = m ? m[1] : `170${(parseInt(createHash('sha256').update(code).digest('hex').slice(0, 12), 16) % 1e8).toString().padStart(8, '0')}`
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: pure,
        purePhoneNumber: pure,
        countryCode: '86',
        watermark: { timestamp: Math.floor(this.now() / 1000), appid: this.opts.appId ?? 'wx-local-dev' },
      },
    }
  }
}

const traceId = () => `local-${randomBytes(12).toString('hex')}`
