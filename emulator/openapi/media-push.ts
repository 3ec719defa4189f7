import fs from 'node:fs'
import path from 'node:path'
import type { Identity, InvokeResult } from '../functions'
import type { MediaCheckRecord } from './outbox'
import { JsonlStore } from './outbox'

export type MediaSuggest = 'pass' | 'review' | 'risky'

/** A verdict the emulator pushed for one mediaCheckAsync request. */
export interface MediaVerdictRecord {
  traceId: string
  suggest: MediaSuggest
  /** the function the event went to ('' when no function is configured for it) */
  functionName: string
  deliveredAt: number
  /** what the function answered, or why delivery failed */
  result?: unknown
  error?: string
}

export type MediaCheckMode = 'auto' | 'manual'

export interface MediaPushOptions {
  dir: string
  appId: string
  /** event name → function name, like the console's 消息推送 settings */
  routes: Record<string, string>
  /** `auto`: a verdict by the dev rule after `delayMs`; `manual`: only through `resolve` (tests, inspector) */
  mode: MediaCheckMode
  delayMs: number
  invoke: (name: string, event: unknown, identity: Identity) => Promise<InvokeResult>
  now?: () => number
}

export const MEDIA_CHECK_EVENT = 'wxa_media_check'

/**
 * The dev rule for pictures (no image model runs locally): a file whose path contains `risky`
 * is risky, one containing `review` needs a person, anything else passes.
 */
export function devVerdict(mediaUrl: string): MediaSuggest {
  const p = decodeURIComponent(mediaUrl.split('?')[0] ?? '').toLowerCase()
  if (p.includes('risky')) return 'risky'
  if (p.includes('review')) return 'review'
  return 'pass'
}

/** The message-push routes of a functions folder: `<functionsRoot>/message-push.json`. */
export function readMessagePushRoutes(functionsRoot: string): Record<string, string> {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(functionsRoot, 'message-push.json'), 'utf8')) as Record<string, unknown>
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('$')))
  } catch {
    return {}
  }
}

/**
 * Delivers mediaCheckAsync verdicts the way WeChat does: a `wxa_media_check` event, with the trace
 * id, to the function configured for it, with no mini-program caller.
 */
export class MediaCheckPush {
  readonly verdicts: JsonlStore<MediaVerdictRecord>
  private readonly now: () => number
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly inFlight = new Set<Promise<unknown>>()

  constructor(private readonly opts: MediaPushOptions) {
    this.verdicts = new JsonlStore(path.join(opts.dir, 'media-verdicts.jsonl'))
    this.now = opts.now ?? Date.now
  }

  /** Called for every new check: in `auto` mode schedules its verdict. */
  requested(rec: MediaCheckRecord): void {
    if (this.opts.mode !== 'auto') return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      void this.resolve(rec.traceId, devVerdict(rec.mediaUrl)).catch(() => undefined)
    }, this.opts.delayMs)
    timer.unref()
    this.timers.add(timer)
  }

  /** Pushes a verdict for `traceId` now and answers what was recorded. */
  async resolve(traceId: string, suggest: MediaSuggest): Promise<MediaVerdictRecord> {
    const functionName = this.opts.routes[MEDIA_CHECK_EVENT] ?? ''
    const rec: MediaVerdictRecord = { traceId, suggest, functionName, deliveredAt: this.now() }
    if (!functionName) return this.verdicts.add({ ...rec, error: `no function is configured for ${MEDIA_CHECK_EVENT} (cloudfunctions/message-push.json)` })
    const label = suggest === 'pass' ? 100 : suggest === 'risky' ? 20002 : 21000
    const event = {
      ToUserName: 'gh_local_dev',
      FromUserName: 'local-wxa-push',
      CreateTime: Math.floor(this.now() / 1000),
      MsgType: 'event',
      Event: MEDIA_CHECK_EVENT,
      appid: this.opts.appId,
      trace_id: traceId,
      version: 2,
      result: { suggest, label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }],
    }
    const p = this.opts.invoke(functionName, event, { openid: '', source: 'wx_push' })
    this.inFlight.add(p)
    try {
      const { result } = await p
      return this.verdicts.add({ ...rec, result })
    } catch (err) {
      return this.verdicts.add({ ...rec, error: String((err as Error)?.message ?? err) })
    } finally {
      this.inFlight.delete(p)
    }
  }

  /** Waits until every scheduled and running delivery is done (tests). */
  async settle(): Promise<void> {
    while (this.timers.size || this.inFlight.size) {
      await Promise.allSettled([...this.inFlight])
      if (this.timers.size) await new Promise((r) => setTimeout(r, 20))
    }
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }
}
