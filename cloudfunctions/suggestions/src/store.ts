import {
  OPEN_STATUSES,
  SUGGESTION_CATEGORY_LABELS,
  SUGGESTION_STATUS_LABELS,
  type CommunityRef,
  type SuggestionDoc,
  type SuggestionEvent,
  type SuggestionListItem,
  type SuggestionStatus,
  type SuggestionView,
  type TimelineView,
  type Viewer,
} from '../../../domain/suggestions/model'
import type { UserDoc } from '../../../domain/user/model'
import { AppError } from '../../../domain/errors'
import { isOverdue } from '../../../domain/suggestions/deadlines'
import { canReopenAt, reopenDeadline, transition, VERB_LABELS, type Actor, type Verb } from '../../../domain/suggestions/workflow'
import { EARN_RULES } from '../../../domain/points/rules'
import { deliver, notice, queueInTx, type Notice } from '../../../server/outbox'
import { runTx, txGet, type Tx } from '../../../server/tx'
import { checkText } from '../../../server/content-check'
import { tempUrls } from '../../../server/files'
import type { ActionContext } from '../../../server/context'
import { findById } from '../../../server/db'
import { isStaffOf } from '../../../server/scope'
import { COMMUNITIES, SUGGESTIONS, USERS } from '../../../server/collections'
import { coordsOf } from '../../../server/geo'


export const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string))
const toDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : toDate(v))

/** Dates come back from the SDK as Date objects; documents imported as JSON may carry strings. */
export function normalise(d: SuggestionDoc): SuggestionDoc {
  return {
    ...d,
    createdAt: toDate(d.createdAt),
    updatedAt: toDate(d.updatedAt),
    dueAt: toDate(d.dueAt),
    acceptedAt: toDateOrNull(d.acceptedAt),
    firstResponseAt: toDateOrNull(d.firstResponseAt),
    resolvedAt: toDateOrNull(d.resolvedAt),
    closedAt: toDateOrNull(d.closedAt),
    joiners: d.joiners ?? [],
    timeline: (d.timeline ?? []).map((e) => ({ ...e, at: toDate(e.at) })),
  }
}

export async function loadSuggestion(ctx: ActionContext, id: string): Promise<SuggestionDoc> {
  const d = await findById<SuggestionDoc>(ctx.db, SUGGESTIONS, id)
  if (!d) throw new AppError('NOT_FOUND', '找不到这条反映，可能已被删除')
  return normalise(d)
}

export const newSuggestionId = () => `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
export const newEventId = () => `e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

export function requireVerifiedRider(ctx: ActionContext): UserDoc {
  const user = ctx.user
  if (!user || !user.roles.includes('rider')) throw new AppError('FORBIDDEN', '仅骑手可以使用此功能')
  if (user.verification?.status !== 'verified') throw new AppError('FORBIDDEN', '完成骑手认证后才能反映问题，请先到「我的」完成认证')
  return user
}

export function requireReporter(ctx: ActionContext, d: SuggestionDoc): void {
  if (d.reporterId !== ctx.openid) throw new AppError('FORBIDDEN', '只能操作自己提交的反映')
}

// ---- communities (3 documents; cached in the warm instance for a minute) ----

let communityCache: { at: number; list: CommunityRef[] } | null = null

export async function communities(ctx: ActionContext): Promise<CommunityRef[]> {
  const now = Date.now()
  if (communityCache && now - communityCache.at < 60_000) return communityCache.list
  const res = (await ctx.db.collection(COMMUNITIES).field({ name: true }).limit(100).get()) as unknown as { data: { _id: string; name: string }[] }
  const list = res.data.map((c) => ({ id: c._id, name: c.name })).sort((a, b) => a.id.localeCompare(b.id))
  communityCache = { at: now, list }
  return list
}

export async function communityNames(ctx: ActionContext): Promise<Map<string, string>> {
  return new Map((await communities(ctx)).map((c) => [c.id, c.name]))
}

export async function requireCommunity(ctx: ActionContext, id: string, field = 'communityId'): Promise<CommunityRef> {
  const c = (await communities(ctx)).find((x) => x.id === id)
  if (!c) throw new AppError('NOT_FOUND', '找不到这个社区', { field })
  return c
}

// ---- content security ----

/** Checks a text; `risky` throws CONTENT_REJECTED (nothing is written); answers whether it is held. */
export async function passText(content: string, openid: string, what: string): Promise<boolean> {
  const suggest = await checkText(content, openid, 2)
  if (suggest === 'risky') throw new AppError('CONTENT_REJECTED', `${what}未通过内容安全检查，请修改后再提交`)
  return suggest === 'review'
}

// ---- notifications ----

/**
 * The status as a subscribe-message `phrase` value: at most 5 Chinese characters and nothing else
 * (订阅消息参数值内容限制; WeChat refuses anything longer with errcode 47003, a clipped "非本社…"
 * included), so the one longer label gets a 5-character form.
 */
const STATUS_PHRASE: Record<SuggestionStatus, string> = { ...SUGGESTION_STATUS_LABELS, notResponsible: '非社区职责' }

/**
 * The subscribe messages of a change: to the reporter and every "me too" joiner (not to whoever
 * acted). Queued in the change's transaction, sent after it (server/outbox.ts); WeChat skips a rider
 * who did not subscribe (the record says `refused`).
 */
export function followerNotices(d: SuggestionDoc, actorId: string, status: SuggestionStatus, note: string, at: Date): Notice[] {
  const to = [...new Set([d.reporterId, ...d.joiners])].filter((o) => o !== actorId)
  return to.map((touser) =>
    notice('suggestionStatus', touser, `packages/suggestions/detail/index?id=${d._id}`, {
      subject: `${SUGGESTION_CATEGORY_LABELS[d.category]}：${d.textHeld ? '你反映的问题' : d.text}`,
      status: STATUS_PHRASE[status],
      note: note || '点击查看处理进度',
      time: at,
    }),
  )
}

// ---- transitions ----

export function requireTransition(d: SuggestionDoc, verb: Verb, actor: Actor): SuggestionStatus {
  const t = transition(d.status, verb, actor)
  if (t.ok) return t.to
  if (t.reason === 'actor') throw new AppError('FORBIDDEN', `没有权限${VERB_LABELS[verb]}`)
  throw new AppError('CONFLICT', `这条反映当前「${SUGGESTION_STATUS_LABELS[d.status]}」，不能${VERB_LABELS[verb]}`)
}

export interface TransitionExtras {
  /** the followers' notice; null: none (a held text is not announced) */
  notice: string | null
  /** more writes that belong to the transition */
  also?: (t: Tx) => Promise<void>
}

/**
 * Writes a status change, its other writes and the followers' notices in ONE transaction, then sends
 * the notices (issue 14: a crash between a saved change and a second write or its messages lost
 * them for good, the retry answering CONFLICT). The report is re-read in the transaction: a status
 * changed since `d` was read (two workers at once) is a CONFLICT for the loser. Answers the updated
 * document.
 */
export async function writeTransition(ctx: ActionContext, d: SuggestionDoc, to: SuggestionStatus, e: SuggestionEvent, patch: Partial<SuggestionDoc>, extras: TransitionExtras): Promise<SuggestionDoc> {
  const { next, queued } = await runTx(ctx.db, async (t) => {
    const cur = await txGet<SuggestionDoc>(t, SUGGESTIONS, d._id)
    if (!cur || cur.status !== d.status) throw new AppError('CONFLICT', '这条反映的状态刚刚有变化，请刷新后再试')
    const data = { ...patch, status: to, updatedAt: e.at, timeline: [...cur.timeline, e] }
    await t.collection(SUGGESTIONS).doc(cur._id).update({ data: data as unknown as Record<string, unknown> })
    await extras.also?.(t)
    const after = normalise({ ...cur, ...data })
    const notices = extras.notice === null ? [] : followerNotices(after, ctx.openid, to, extras.notice, e.at)
    return { next: after, queued: await queueInTx(t, notices, e.at) }
  })
  await deliver(ctx.db, queued)
  return next
}

/** A timeline event with defaults. */
export function event(ctx: ActionContext, type: SuggestionEvent['type'], by: 'reporter' | 'staff', extra: Partial<SuggestionEvent> = {}): SuggestionEvent {
  return {
    id: newEventId(),
    type,
    at: ctx.now(),
    by,
    actorId: ctx.openid,
    actorName: by === 'staff' ? (ctx.user?.nickname ?? null) : null,
    note: null,
    held: false,
    photos: [],
    from: null,
    to: null,
    ...extra,
  }
}

/** First response: the first staff action on the report. */
export const firstResponsePatch = (d: SuggestionDoc, at: Date): Partial<SuggestionDoc> => (d.firstResponseAt ? {} : { firstResponseAt: at })

// ---- views ----

export function viewerOf(d: SuggestionDoc, openid: string, user: UserDoc | null): Viewer {
  if (isStaffOf(user, d.communityId)) return 'staff'
  if (d.reporterId === openid) return 'reporter'
  if (d.joiners.includes(openid)) return 'joiner'
  return 'public'
}

/** Whether `viewer` may see the report at all (public: only once on the board). */
export const mayView = (d: SuggestionDoc, viewer: Viewer): boolean =>
  viewer !== 'public' || (['accepted', 'inProgress', 'resolved', 'closed'] as SuggestionStatus[]).includes(d.status)

const visibleEvent = (e: SuggestionEvent, viewer: Viewer): boolean => {
  if (viewer === 'staff') return true
  if (viewer === 'reporter') return !e.held || e.by === 'reporter'
  return !e.held
}

/** Photos a viewer may get: the report's until reviewed only to the reporter and staff; staff fix photos to all. */
export function visibleFileIds(d: SuggestionDoc, viewer: Viewer): string[] {
  const own = viewer === 'staff' || viewer === 'reporter' || d.photosReviewed ? d.photos : []
  const fixes = d.timeline.filter((e) => visibleEvent(e, viewer) && e.photos.length && (e.by === 'staff' || viewer !== 'public')).flatMap((e) => e.photos)
  return [...own, ...fixes]
}

export interface ViewExtras {
  names: Map<string, string>
  urls: Map<string, string>
  reporterName?: string | null
  now: Date
  openid: string
}

export function toView(d: SuggestionDoc, viewer: Viewer, x: ViewExtras): SuggestionView {
  const open = OPEN_STATUSES.includes(d.status)
  const privileged = viewer === 'staff' || viewer === 'reporter'
  const url = (id: string) => x.urls.get(id) ?? ''
  const timeline: TimelineView[] = d.timeline
    .filter((e) => visibleEvent(e, viewer))
    .map((e) => {
      // the public and joiners never see what the reporter wrote (reopen reasons, comments)
      const hideNote = !privileged && e.by === 'reporter'
      const v: TimelineView = {
        id: e.id,
        type: e.type,
        at: toDate(e.at).toISOString(),
        by: e.by,
        actorName: e.by === 'staff' ? e.actorName : null,
        note: hideNote ? null : e.note,
        held: e.held,
        photoUrls: e.by === 'staff' || privileged ? e.photos.map(url) : [],
        from: e.from,
        to: e.to,
      }
      if (e.toCommunityId) v.toCommunityName = x.names.get(e.toCommunityId) ?? e.toCommunityId
      if (e.duplicateOf) v.duplicateOf = e.duplicateOf
      if (typeof e.rating === 'number') v.rating = e.rating
      return v
    })
  const ownPhotos = privileged || d.photosReviewed ? d.photos.map(url) : []
  const view: SuggestionView = {
    id: d._id,
    category: d.category,
    categoryLabel: SUGGESTION_CATEGORY_LABELS[d.category],
    text: d.textHeld && !privileged ? null : d.text,
    textHeld: d.textHeld,
    photoUrls: ownPhotos,
    location: coordsOf(d.location),
    address: d.address,
    communityId: d.communityId,
    communityName: x.names.get(d.communityId) ?? d.communityId,
    status: d.status,
    statusLabel: SUGGESTION_STATUS_LABELS[d.status],
    joinCount: d.joinCount,
    createdAt: d.createdAt.toISOString(),
    dueAt: d.dueAt.toISOString(),
    overdue: isOverdue(d.dueAt, x.now, open),
    resolvedAt: d.resolvedAt ? d.resolvedAt.toISOString() : null,
    duplicateOf: d.duplicateOf,
    rating: d.rating,
    timeline,
    viewer,
    canConfirm: viewer === 'reporter' && d.status === 'resolved',
    canReopen: viewer === 'reporter' && canReopenAt(d.status, d.resolvedAt, x.now),
    reopenUntil: d.resolvedAt && ['resolved', 'notResponsible', 'duplicate'].includes(d.status) ? reopenDeadline(d.resolvedAt).toISOString() : null,
    canMeToo: viewer !== 'reporter' && viewer !== 'staff' && open && !d.joiners.includes(x.openid),
  }
  if (viewer === 'staff') {
    view.reporterName = x.reporterName ?? null
    view.anonymous = d.anonymous
  }
  if (privileged) {
    view.pointsAwarded = d.points?.awarded ?? null
    view.pendingPoints = d.points ? 0 : EARN_RULES.reportAccepted.perUnit
  }
  return view
}

/** View with names and temp URLs fetched (one communities read when not cached, one storage call). */
export async function viewFor(ctx: ActionContext, d: SuggestionDoc, viewer: Viewer): Promise<SuggestionView> {
  const [names, urls] = await Promise.all([communityNames(ctx), tempUrls(visibleFileIds(d, viewer), 600)])
  return toView(d, viewer, { names, urls, now: ctx.now(), openid: ctx.openid, reporterName: viewer === 'staff' ? d.reporterName : null })
}

export const excerptOf = (text: string, n = 60) => (text.length > n ? `${text.slice(0, n - 1)}…` : text)

export function toListItem(d: SuggestionDoc, names: Map<string, string>, now: Date, opts: { showHeld: boolean; relation?: 'reported' | 'joined' }): SuggestionListItem {
  const item: SuggestionListItem = {
    id: d._id,
    category: d.category,
    categoryLabel: SUGGESTION_CATEGORY_LABELS[d.category],
    excerpt: d.textHeld && !opts.showHeld ? null : excerptOf(d.text),
    status: d.status,
    statusLabel: SUGGESTION_STATUS_LABELS[d.status],
    location: coordsOf(d.location),
    communityId: d.communityId,
    communityName: names.get(d.communityId) ?? d.communityId,
    joinCount: d.joinCount,
    createdAt: d.createdAt.toISOString(),
    dueAt: d.dueAt.toISOString(),
    overdue: isOverdue(d.dueAt, now, OPEN_STATUSES.includes(d.status)),
  }
  if (opts.relation) item.relation = opts.relation
  if (opts.showHeld) item.textHeld = d.textHeld
  return item
}

/** Loads the caller's users document when the router did not (actions with access 'any'). */
export async function loadCaller(ctx: ActionContext): Promise<UserDoc | null> {
  return ctx.user ?? (await findById<UserDoc>(ctx.db, USERS, ctx.openid))
}
