/**
 * The 微事我言 workflow as a pure state machine. Statuses (Open311 / FixMyStreet, 12345 loop):
 *
 *   submitted ──accept──▶ accepted ──start──▶ inProgress
 *       ▲                    │  └──────resolve──────┐│
 *       │ transfer (staff: any open state → submitted in another community)  ▼▼
 *       │                                        resolved ──confirm (reporter, rating)──▶ closed
 *   open states ──notResponsible──▶ notResponsible
 *   open states ──markDuplicate──▶ duplicate
 *   reopen (reporter, within 7 days of the answer): resolved → accepted; notResponsible/duplicate → submitted
 *
 * Every other (status, verb) pair is refused. Replies are not transitions (allowed in every state).
 */
import type { SuggestionCategory, SuggestionStatus } from './model'
import { OPEN_STATUSES, REOPEN_WINDOW_DAYS } from './model'

export const VERBS = ['accept', 'start', 'resolve', 'notResponsible', 'markDuplicate', 'transfer', 'reopen', 'confirm'] as const
export type Verb = (typeof VERBS)[number]
export type Actor = 'staff' | 'reporter'

interface Rule {
  actor: Actor
  /** from → to */
  to: Partial<Record<SuggestionStatus, SuggestionStatus>>
}

const fromOpen = (to: SuggestionStatus): Partial<Record<SuggestionStatus, SuggestionStatus>> =>
  Object.fromEntries(OPEN_STATUSES.map((s) => [s, to]))

export const WORKFLOW: Record<Verb, Rule> = {
  accept: { actor: 'staff', to: { submitted: 'accepted' } },
  start: { actor: 'staff', to: { accepted: 'inProgress' } },
  resolve: { actor: 'staff', to: { accepted: 'resolved', inProgress: 'resolved' } },
  notResponsible: { actor: 'staff', to: fromOpen('notResponsible') },
  markDuplicate: { actor: 'staff', to: fromOpen('duplicate') },
  transfer: { actor: 'staff', to: fromOpen('submitted') },
  reopen: { actor: 'reporter', to: { resolved: 'accepted', notResponsible: 'submitted', duplicate: 'submitted' } },
  confirm: { actor: 'reporter', to: { resolved: 'closed' } },
}

export const VERB_LABELS: Record<Verb, string> = {
  accept: '受理',
  start: '开始办理',
  resolve: '办结',
  notResponsible: '标记为非本社区职责',
  markDuplicate: '标记为重复反映',
  transfer: '转办',
  reopen: '重新打开',
  confirm: '确认并评价',
}

export type TransitionResult = { ok: true; to: SuggestionStatus } | { ok: false; reason: 'actor' | 'state' }

/** Where `verb` by `actor` leads from `from`, or why it is refused. */
export function transition(from: SuggestionStatus, verb: Verb, actor: Actor): TransitionResult {
  const rule = WORKFLOW[verb]
  if (rule.actor !== actor) return { ok: false, reason: 'actor' }
  const to = rule.to[from]
  return to ? { ok: true, to } : { ok: false, reason: 'state' }
}

/** The statuses `verb` may start from. */
export const fromStatuses = (verb: Verb): SuggestionStatus[] => Object.keys(WORKFLOW[verb].to) as SuggestionStatus[]

export const isOpen = (s: SuggestionStatus): boolean => OPEN_STATUSES.includes(s)

/** States where the community has answered (what reopen undoes). */
export const ANSWERED_STATUSES: readonly SuggestionStatus[] = ['resolved', 'notResponsible', 'duplicate']

const DAY_MS = 86_400_000

/** The last instant the reporter may reopen: 7 × 24 h after the answer. */
export const reopenDeadline = (answeredAt: Date): Date => new Date(answeredAt.getTime() + REOPEN_WINDOW_DAYS * DAY_MS)

export const canReopenAt = (status: SuggestionStatus, answeredAt: Date | null, now: Date): boolean =>
  ANSWERED_STATUSES.includes(status) && !!answeredAt && now.getTime() <= reopenDeadline(answeredAt).getTime()

/** A fix needs a photo, except for suggestions about policy (nothing to photograph). */
export const resolveNeedsPhoto = (category: SuggestionCategory): boolean => category !== 'policy'
