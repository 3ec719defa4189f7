import { SUGGESTION_STATUSES, type SuggestionStatus } from './model'
import { canReopenAt, fromStatuses, reopenDeadline, resolveNeedsPhoto, transition, VERBS, WORKFLOW, type Actor, type Verb } from './workflow'

/** The whole workflow, written out by hand: (verb, from) → to. Everything else is refused. */
const ALLOWED: Record<Verb, Partial<Record<SuggestionStatus, SuggestionStatus>>> = {
  accept: { submitted: 'accepted' },
  start: { accepted: 'inProgress' },
  resolve: { accepted: 'resolved', inProgress: 'resolved' },
  notResponsible: { submitted: 'notResponsible', accepted: 'notResponsible', inProgress: 'notResponsible' },
  markDuplicate: { submitted: 'duplicate', accepted: 'duplicate', inProgress: 'duplicate' },
  transfer: { submitted: 'submitted', accepted: 'submitted', inProgress: 'submitted' },
  reopen: { resolved: 'accepted', notResponsible: 'submitted', duplicate: 'submitted' },
  confirm: { resolved: 'closed' },
}
const ACTOR: Record<Verb, Actor> = {
  accept: 'staff',
  start: 'staff',
  resolve: 'staff',
  notResponsible: 'staff',
  markDuplicate: 'staff',
  transfer: 'staff',
  reopen: 'reporter',
  confirm: 'reporter',
}

describe('workflow state machine', () => {
  const cells = VERBS.flatMap((verb) => SUGGESTION_STATUSES.map((from) => [verb, from] as const))

  it.each(cells)('%s from %s: allowed exactly as the table says, for the right actor only', (verb, from) => {
    const expected = ALLOWED[verb][from]
    const actor = ACTOR[verb]
    const other: Actor = actor === 'staff' ? 'reporter' : 'staff'
    const res = transition(from, verb, actor)
    if (expected) expect(res).toEqual({ ok: true, to: expected })
    else expect(res).toEqual({ ok: false, reason: 'state' })
    // the wrong actor is refused in every state
    expect(transition(from, verb, other)).toEqual({ ok: false, reason: 'actor' })
  })

  it('has 17 allowed (verb, from) pairs and refuses the other 39', () => {
    const allowed = cells.filter(([v, f]) => transition(f, v, ACTOR[v]).ok)
    expect(allowed).toHaveLength(17)
    expect(cells.length - allowed.length).toBe(39)
  })

  it('closed is final: nothing leaves it', () => {
    for (const verb of VERBS) for (const actor of ['staff', 'reporter'] as Actor[]) expect(transition('closed', verb, actor).ok).toBe(false)
  })

  it('fromStatuses lists the table', () => {
    for (const verb of VERBS) expect(fromStatuses(verb).sort()).toEqual(Object.keys(ALLOWED[verb]).sort())
    expect(Object.keys(WORKFLOW).sort()).toEqual([...VERBS].sort())
  })

  it('reopens only answered reports, within 7 × 24 hours of the answer', () => {
    const answered = new Date('2026-11-02T10:00:00+08:00')
    expect(reopenDeadline(answered).toISOString()).toBe(new Date('2026-11-09T10:00:00+08:00').toISOString())
    for (const s of ['resolved', 'notResponsible', 'duplicate'] as const) {
      expect(canReopenAt(s, answered, new Date('2026-11-09T09:59:59+08:00'))).toBe(true)
      expect(canReopenAt(s, answered, new Date('2026-11-09T10:00:00+08:00'))).toBe(true)
      expect(canReopenAt(s, answered, new Date('2026-11-09T10:00:01+08:00'))).toBe(false)
    }
    for (const s of ['submitted', 'accepted', 'inProgress', 'closed'] as const) expect(canReopenAt(s, answered, answered)).toBe(false)
    expect(canReopenAt('resolved', null, answered)).toBe(false)
  })

  it('a fix needs a photo except for policy suggestions', () => {
    expect(resolveNeedsPhoto('safety')).toBe(true)
    expect(resolveNeedsPhoto('policy')).toBe(false)
  })
})
