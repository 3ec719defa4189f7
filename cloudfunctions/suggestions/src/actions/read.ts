import { BOARD_STATUSES, OPEN_STATUSES, type SuggestionDoc, type SuggestionStatus } from '../../../../domain/suggestions/model'
import { AppError } from '../../../../domain/errors'
import { computeStats } from '../../../../domain/suggestions/stats'
import { defineAction } from '../../../../server/router'
import { STAFF_ACCESS, staffCommunityIds } from '../../../../server/scope'
import { communityNames, loadCaller, loadSuggestion, mayView, normalise, toListItem, viewerOf, viewFor } from '../store'
import { SUGGESTIONS } from '../../../../server/collections'

const LIST_FIELDS = { timeline: false, photos: false, quotaKey: false, reporterName: false } as const

/** Reports the caller filed or joined ("me too"), newest first. One read (+ community names). */
export const mine = defineAction('suggestions', 'mine', {
  access: 'rider',
  async handler(input, ctx) {
    const _ = ctx.db.command
    const res = (await ctx.db
      .collection(SUGGESTIONS)
      .where(_.or([{ reporterId: ctx.openid }, { joiners: ctx.openid }]))
      .field(LIST_FIELDS)
      .orderBy('createdAt', 'desc')
      .limit(input.limit)
      .get()) as unknown as { data: SuggestionDoc[] }
    const names = await communityNames(ctx)
    const now = ctx.now()
    return {
      items: res.data.map((raw) => {
        const d = normalise({ ...raw, timeline: [] })
        const mineToo = d.reporterId === ctx.openid
        return toListItem(d, names, now, { showHeld: mineToo, relation: mineToo ? 'reported' : 'joined' })
      }),
    }
  },
})

/**
 * One report, as its viewer may see it: the reporter (everything of their own), a "me too" joiner
 * and the public (anonymised; held texts and unreviewed photos hidden; the public only once it is on
 * the board), staff of its community (everything, with the reporter's nickname).
 */
export const detail = defineAction('suggestions', 'detail', {
  access: 'any',
  async handler(input, ctx) {
    const d = await loadSuggestion(ctx, input.id)
    const user = d.reporterId === ctx.openid ? ctx.user : await loadCaller(ctx)
    const viewer = viewerOf(d, ctx.openid, user)
    if (!mayView(d, viewer)) throw new AppError('NOT_FOUND', '找不到这条反映，或它还未公开')
    return viewFor(ctx, d, viewer)
  },
})

/**
 * The public board of a community: in-progress (受理、办理中) and resolved reports, anonymised, newest
 * report first — each row shows when it was reported, so that is the order a reader expects.
 */
export const board = defineAction('suggestions', 'board', {
  access: 'any',
  async handler(input, ctx) {
    const _ = ctx.db.command
    const statuses: SuggestionStatus[] =
      input.status === 'inProgress' ? ['accepted', 'inProgress'] : input.status === 'resolved' ? ['resolved', 'closed'] : [...BOARD_STATUSES]
    const res = (await ctx.db
      .collection(SUGGESTIONS)
      .where({ communityId: input.communityId, status: _.in(statuses) })
      .field(LIST_FIELDS)
      .orderBy('createdAt', 'desc')
      .limit(input.limit)
      .get()) as unknown as { data: SuggestionDoc[] }
    const names = await communityNames(ctx)
    const now = ctx.now()
    return { items: res.data.map((raw) => toListItem(normalise({ ...raw, timeline: [] }), names, now, { showHeld: false })) }
  },
})

/** The communities a staff member asks about: one of theirs, or all of theirs. */
function scopeOf(user: Parameters<typeof staffCommunityIds>[0], communityId: string | undefined): 'all' | string[] {
  const scope = staffCommunityIds(user)
  if (communityId) {
    if (scope !== 'all' && !scope.includes(communityId)) throw new AppError('FORBIDDEN', '只能查看你所在社区的反映')
    return [communityId]
  }
  return scope
}

/** Open reports of the caller's communities: overdue first, then new (待受理), then by deadline. */
export const queue = defineAction('suggestions', 'queue', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const _ = ctx.db.command
    const scope = scopeOf(ctx.user, input.communityId)
    const where: Record<string, unknown> = { status: input.status ?? _.in([...OPEN_STATUSES]) }
    if (scope !== 'all') where.communityId = _.in(scope)
    const res = (await ctx.db.collection(SUGGESTIONS).where(where).field(LIST_FIELDS).orderBy('dueAt', 'asc').limit(input.limit).get()) as unknown as {
      data: SuggestionDoc[]
    }
    const names = await communityNames(ctx)
    const now = ctx.now()
    const items = res.data.map((raw) => toListItem(normalise({ ...raw, timeline: [] }), names, now, { showHeld: true }))
    const rank = (i: (typeof items)[number]) => (i.overdue ? 0 : i.status === 'submitted' ? 1 : 2)
    items.sort((a, b) => rank(a) - rank(b) || a.dueAt.localeCompare(b.dueAt))
    return { items }
  },
})

/**
 * Statistics of the caller's communities (or one of them): counts per status and category, overdue,
 * median hours to the first response and to resolution, satisfaction. Reads the latest 1,000 reports.
 */
export const stats = defineAction('suggestions', 'stats', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const _ = ctx.db.command
    const scope = scopeOf(ctx.user, input.communityId)
    const res = (await ctx.db
      .collection(SUGGESTIONS)
      .where(scope === 'all' ? {} : { communityId: _.in(scope) })
      .field({ category: true, status: true, createdAt: true, dueAt: true, firstResponseAt: true, resolvedAt: true, rating: true })
      .orderBy('createdAt', 'desc')
      .limit(1000)
      .get()) as unknown as { data: SuggestionDoc[] }
    const docs = res.data.map((d) => ({
      category: d.category,
      status: d.status,
      createdAt: new Date(d.createdAt),
      dueAt: new Date(d.dueAt),
      firstResponseAt: d.firstResponseAt ? new Date(d.firstResponseAt) : null,
      resolvedAt: d.resolvedAt ? new Date(d.resolvedAt) : null,
      rating: d.rating ?? null,
    }))
    const ids = scope === 'all' ? [...(await communityNames(ctx)).keys()] : scope
    return computeStats(docs, ids, ctx.now())
  },
})
