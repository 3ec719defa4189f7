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
export { checkText, WordListSource, DEFAULT_WORDLIST_FILE } from './wordlist'
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
const MAX_TEXT = 2500

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

  private msgSecCheck(p: Record<string, unknown>): WxAnswer {
    const content = p.content
    if (typeof content !== 'string') return { errcode: 47001, errmsg: 'data format error: content must be a string' }
    if (content.length > MAX_TEXT) return { errcode: 47001, errmsg: `data format error: content over ${MAX_TEXT} characters` }
    const extra = ['title', 'nickname', 'signature'].map((k) => (typeof p[k] === 'string' ? (p[k] as string) : '')).join('\n')
    const outcome = checkText(`${content}\n${extra}`, this.wordList.get())
    if (Number(p.version) !== 2) {
      // version 1: only an errcode
      return outcome.suggest === 'risky' ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' }
    }
    const scene = Number(p.scene)
    if (![1, 2, 3, 4].includes(scene)) return { errcode: 40003, errmsg: 'invalid scene: must be 1, 2, 3 or 4' }
    if (typeof p.openid !== 'string' || p.openid === '') return { errcode: 40003, errmsg: 'invalid openid' }
    const detail: Record<string, unknown>[] = [
      { strategy: 'content_model', errcode: 0, suggest: outcome.suggest, label: outcome.label, prob: outcome.suggest === 'pass' ? 0 : 90 },
    ]
    if (outcome.keyword) detail.push({ strategy: 'keyword', errcode: 0, suggest: outcome.suggest, label: outcome.label, level: 20, keyword: outcome.keyword })
    return { errcode: 0, errmsg: 'ok', result: { suggest: outcome.suggest, label: outcome.label }, detail, trace_id: traceId() }
  }

  private mediaCheckAsync(p: Record<string, unknown>, inv: Invocation | undefined): WxAnswer {
    if (typeof p.media_url !== 'string' || !p.media_url) return { errcode: 47001, errmsg: 'data format error: media_url required' }
    const mediaType = Number(p.media_type)
    if (mediaType !== 1 && mediaType !== 2) return { errcode: 47001, errmsg: 'data format error: media_type must be 1 (audio) or 2 (image)' }
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

  private subscribeSend(p: Record<string, unknown>, inv: Invocation | undefined): WxAnswer {
    if (typeof p.touser !== 'string' || p.touser === '') return { errcode: 40003, errmsg: 'invalid openid: touser required' }
    if (typeof p.template_id !== 'string' || p.template_id === '') return { errcode: 40037, errmsg: 'invalid template_id' }
    if (!p.data || typeof p.data !== 'object') return { errcode: 47003, errmsg: 'argument invalid! data is required' }
    const problem = checkSubscribeSend(p.data as Record<string, unknown>, p.page, this.opts.pages)
    if (problem) return { ...problem }
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
   * `test-<11 digits>` returns that number; any other well-formed code returns a deterministic test
   * number (17x + 8 digits of the code's hash); empty, malformed or `invalid…` codes get 40029.
   */
  private getPhoneNumber(p: Record<string, unknown>): WxAnswer {
    const code = p.code
    if (typeof code !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(code) || code.startsWith('invalid')) {
      return { errcode: 40029, errmsg: 'invalid code' }
    }
    const m = /^test-(1\d{10})$/.exec(code)
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
