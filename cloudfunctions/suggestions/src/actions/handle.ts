import type { SuggestionDoc, SuggestionEvent, SuggestionStatus } from '../../../../domain/suggestions/model'
import { SUGGESTION_STATUS_LABELS } from '../../../../domain/suggestions/model'
import { AppError } from '../../../../domain/errors'
import { dueAtFor } from '../../../../domain/suggestions/deadlines'
import { resolveNeedsPhoto, type Verb } from '../../../../domain/suggestions/workflow'
import type { ActionContext } from '../../../../server/context'
import { awardInTx, findEntryByKey, isDuplicateOf, SelfAwardError } from '../../../../server/ledger'
import { runTx, txGet, type Tx } from '../../../../server/tx'
import { deliver, queueInTx } from '../../../../server/outbox'
import { defineAction } from '../../../../server/router'
import { ownsUpload } from '../upload'
import { requireCommunityStaff, STAFF_ACCESS } from '../../../../server/scope'
import {
  event,
  firstResponsePatch,
  loadSuggestion,
  followerNotices,
  normalise,
  passText,
  requireCommunity,
  requireTransition,
  viewFor,
  writeTransition,
} from '../store'
import { SUGGESTIONS } from '../../../../server/collections'

/** A report of the caller's communities (admins: any), or FORBIDDEN. */
async function loadForStaff(ctx: ActionContext, id: string): Promise<SuggestionDoc> {
  const d = await loadSuggestion(ctx, id)
  requireCommunityStaff(ctx, d.communityId)
  return d
}

/** One step of the staff workflow, as `staffTransition` takes it. */
interface StaffStep {
  verb: Verb
  event: SuggestionEvent['type']
  /** the staff's text (checked by msgSecCheck, held for review when it says so); null: none */
  note: string | null
  /** what the text is called in the refusal 「…未通过内容安全检查」 */
  noteLabel: string
  /** checks that need the transition to be allowed first */
  check?: () => void
  details?: Partial<SuggestionEvent>
  patch?: (at: Date) => Partial<SuggestionDoc>
  /** more writes that belong to the transition: then the transition is ONE transaction with them */
  alsoInTx?: (t: Tx) => Promise<void>
  /** the followers' notice, given whether the text was held */
  notice: (held: boolean) => string
}

/**
 * The staff transition recipe: the workflow allows it, the text passes msgSecCheck, the event and
 * the patch (with the first response) are written in one update, then the followers are told.
 */
async function staffTransition(ctx: ActionContext, d: SuggestionDoc, step: StaffStep): Promise<SuggestionDoc> {
  const to = requireTransition(d, step.verb, 'staff')
  step.check?.()
  const held = step.note ? await passText(step.note, ctx.openid, step.noteLabel) : false
  const e = event(ctx, step.event, 'staff', { from: d.status, to, note: step.note, held, ...step.details })
  const patch = { ...firstResponsePatch(d, e.at), ...step.patch?.(e.at) }
  return writeTransition(ctx, d, to, e, patch, { notice: step.notice(held), also: step.alsoInTx })
}

/**
 * 受理: submitted → accepted, and the reporter's points for it, in ONE transaction (issue 14: a crash
 * between a saved acceptance and its award lost the points for good). The points are paid once per
 * report (the report's `points` and the ledger's idempotency key, the report id), so a reopened or
 * transferred report accepted again earns nothing new; a worker accepting their own report earns
 * nothing (the ledger refuses: SelfAwardError) and the acceptance stands with 0 points. The worker
 * has read the text and photos: they become public. The followers' notice goes after the commit.
 */
export const accept = defineAction('suggestions', 'accept', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const d = await loadForStaff(ctx, input.id)
    const to = requireTransition(d, 'accept', 'staff')
    const held = input.note ? await passText(input.note, ctx.openid, '回复内容') : false
    const e = event(ctx, 'accepted', 'staff', { from: d.status, to, note: input.note ?? null, held })
    const patch = { ...firstResponsePatch(d, e.at), acceptedAt: d.acceptedAt ?? e.at, textHeld: false, photosReviewed: true }
    const next = await acceptInTx(ctx, d, to, e, patch, held ? '' : (input.note ?? '社区已受理，将尽快处理'))
    return viewFor(ctx, next, 'staff')
  },
})

async function acceptInTx(ctx: ActionContext, d: SuggestionDoc, to: SuggestionStatus, e: SuggestionEvent, patch: Partial<SuggestionDoc>, note: string): Promise<SuggestionDoc> {
  const write = async (paid: SuggestionDoc['points']) => {
    const { next, queued } = await runTx(ctx.db, async (t) => {
      const cur = await txGet<SuggestionDoc>(t, SUGGESTIONS, d._id)
      if (!cur || cur.status !== d.status) throw new AppError('CONFLICT', '这条反映的状态刚刚有变化，请刷新后再试')
      let points = cur.points ?? paid
      if (!points) {
        try {
          const r = await awardInTx(t, { userId: cur.reporterId, reason: 'reportAccepted', units: 1, sourceRef: cur._id, key: cur._id, note: null, grantedBy: ctx.openid }, e.at)
          points = { awarded: r.awarded, at: e.at }
        } catch (err) {
          if (!(err instanceof SelfAwardError)) throw err
          points = { awarded: 0, at: e.at }
        }
      }
      const data = { ...patch, status: to, updatedAt: e.at, timeline: [...cur.timeline, e], points }
      await t.collection(SUGGESTIONS).doc(cur._id).update({ data: data as unknown as Record<string, unknown> })
      const after = { ...cur, ...data }
      return { next: after, queued: await queueInTx(t, followerNotices(after, ctx.openid, to, note, e.at), e.at) }
    })
    await deliver(ctx.db, queued)
    return next
  }
  try {
    return await write(null)
  } catch (err) {
    // paid before the acceptance was transactional (the award went through, its note on the report did not)
    if (!isDuplicateOf(err, 'idempotencyKey')) throw err
    const entry = await findEntryByKey(ctx.db, `reportAccepted:${d._id}`)
    if (!entry) throw err
    return write({ awarded: entry.delta, at: entry.at })
  }
}

/** 办理中: accepted → inProgress. */
export const start = defineAction('suggestions', 'start', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const d = await loadForStaff(ctx, input.id)
    const next = await staffTransition(ctx, d, {
      verb: 'start',
      event: 'started',
      note: input.note ?? null,
      noteLabel: '回复内容',
      notice: (held) => (held ? '' : (input.note ?? '社区正在办理')),
    })
    return viewFor(ctx, next, 'staff')
  },
})

/** 转办: to another community, with a reason; it becomes new there, with a new deadline. */
export const transfer = defineAction('suggestions', 'transfer', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const d = await loadForStaff(ctx, input.id)
    if (input.toCommunityId === d.communityId) throw new AppError('VALIDATION', '不能转办给本社区', { field: 'toCommunityId' })
    const target = await requireCommunity(ctx, input.toCommunityId, 'toCommunityId')
    const next = await staffTransition(ctx, d, {
      verb: 'transfer',
      event: 'transferred',
      note: input.reason,
      noteLabel: '转办理由',
      details: { fromCommunityId: d.communityId, toCommunityId: target.id },
      patch: (at) => ({ communityId: target.id, dueAt: dueAtFor(d.category, at) }),
      notice: () => `已转交${target.name}办理`,
    })
    return viewFor(ctx, next, 'staff')
  },
})

/** A reply (回复) in any state; the text passes msgSecCheck (review → held for staff). */
export const reply = defineAction('suggestions', 'reply', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const d = await loadForStaff(ctx, input.id)
    const held = await passText(input.text, ctx.openid, '回复内容')
    const e = event(ctx, 'replied', 'staff', { note: input.text, held })
    const patch = firstResponsePatch(d, e.at)
    // the reply and its notices in one transaction (a crash between them lost the notices)
    const { next, queued } = await runTx(ctx.db, async (t) => {
      const cur = await txGet<SuggestionDoc>(t, SUGGESTIONS, d._id)
      if (!cur) throw new AppError('NOT_FOUND', '找不到这条反映')
      const data = { ...patch, updatedAt: e.at, timeline: [...cur.timeline, e] }
      await t.collection(SUGGESTIONS).doc(cur._id).update({ data: data as unknown as Record<string, unknown> })
      const after = normalise({ ...cur, ...data })
      return { next: after, queued: held ? [] : await queueInTx(t, followerNotices(after, ctx.openid, after.status, `社区回复：${input.text}`, e.at), e.at) }
    })
    await deliver(ctx.db, queued)
    return viewFor(ctx, next, 'staff')
  },
})

/** 办结 with what was done and a photo of the fix (not needed for 政策建议). */
export const resolve = defineAction('suggestions', 'resolve', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const d = await loadForStaff(ctx, input.id)
    const next = await staffTransition(ctx, d, {
      verb: 'resolve',
      event: 'resolved',
      note: input.text,
      noteLabel: '办结说明',
      check: () => {
        if (resolveNeedsPhoto(d.category) && !input.photos.length) throw new AppError('VALIDATION', '请上传一张处理后的现场照片', { field: 'photos' })
        input.photos.forEach((p, i) => {
          if (!ownsUpload(p, ctx.openid, ctx.now())) throw new AppError('VALIDATION', '照片需由你本人在小程序内上传', { field: `photos.${i}` })
        })
      },
      details: { photos: input.photos },
      patch: (at) => ({ resolvedAt: at, textHeld: false, photosReviewed: true }),
      notice: (held) => (held ? '问题已处理，请确认并评价' : input.text),
    })
    return viewFor(ctx, next, 'staff')
  },
})

/** 非本社区职责, with the reason (e.g. which department is responsible). */
export const notResponsible = defineAction('suggestions', 'notResponsible', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const d = await loadForStaff(ctx, input.id)
    const next = await staffTransition(ctx, d, {
      verb: 'notResponsible',
      event: 'notResponsible',
      note: input.reason,
      noteLabel: '说明',
      patch: (at) => ({ resolvedAt: at }),
      notice: (held) => (held ? '' : input.reason),
    })
    return viewFor(ctx, next, 'staff')
  },
})

/**
 * 重复反映, linked to the original (another report, not itself a duplicate). The reporter joins the
 * original as "me too", so they follow its progress from now on.
 */
export const markDuplicate = defineAction('suggestions', 'markDuplicate', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    if (input.originalId === input.id) throw new AppError('VALIDATION', '不能把反映标记为自己的重复', { field: 'originalId' })
    const d = await loadForStaff(ctx, input.id)
    const original = await loadSuggestion(ctx, input.originalId).catch(() => {
      throw new AppError('NOT_FOUND', '找不到原反映', { field: 'originalId' })
    })
    if (original.status === 'duplicate') throw new AppError('VALIDATION', '原反映本身是重复反映，请链接到最初的那条', { field: 'originalId' })
    const next = await staffTransition(ctx, d, {
      verb: 'markDuplicate',
      event: 'duplicate',
      note: input.note ?? null,
      noteLabel: '回复内容',
      details: { duplicateOf: original._id },
      patch: (at) => ({ resolvedAt: at, duplicateOf: original._id }),
      // the reporter follows the original from now on: in the transaction of the transition
      alsoInTx: async (t) => {
        const o = await txGet<SuggestionDoc>(t, SUGGESTIONS, original._id)
        if (!o || o.reporterId === d.reporterId || o.joiners.includes(d.reporterId)) return
        await t.collection(SUGGESTIONS).doc(o._id).update({ data: { joiners: [...o.joiners, d.reporterId], joinCount: o.joinCount + 1 } })
      },
      notice: () => `与已有反映重复，已合并跟进（${SUGGESTION_STATUS_LABELS[original.status]}）`,
    })
    return viewFor(ctx, next, 'staff')
  },
})

/**
 * A worker has read a text that msgSecCheck held (`review`) and releases it: the report's text
 * (no eventId) or one timeline event's note. Conditional on `updatedAt`, so a concurrent change is
 * not overwritten.
 */
export const release = defineAction('suggestions', 'release', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const d = await loadForStaff(ctx, input.id)
    const now = ctx.now()
    let patch: Partial<SuggestionDoc>
    if (!input.eventId) {
      if (!d.textHeld) throw new AppError('CONFLICT', '这条反映的内容没有待复核')
      patch = { textHeld: false }
    } else {
      const ev = d.timeline.find((e) => e.id === input.eventId)
      if (!ev) throw new AppError('NOT_FOUND', '找不到这条记录', { field: 'eventId' })
      if (!ev.held) throw new AppError('CONFLICT', '这条记录没有待复核')
      patch = { timeline: d.timeline.map((e) => (e.id === input.eventId ? { ...e, held: false } : e)) }
    }
    const res = (await ctx.db
      .collection(SUGGESTIONS)
      .where({ _id: d._id, updatedAt: d.updatedAt })
      .update({ data: { ...patch, updatedAt: now } })) as unknown as { stats?: { updated?: number } }
    if (!res.stats?.updated) throw new AppError('CONFLICT', '这条反映刚刚有变化，请刷新后再试')
    return viewFor(ctx, { ...d, ...patch, updatedAt: now }, 'staff')
  },
})
