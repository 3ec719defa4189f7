/**
 * The waitlist promotion rule of volunteer activities, shared by the volunteer function (a rider
 * cancels, a worker adds places) and the user function (注销 cancels the person's sign-ups).
 */
import type { ActivityDoc, SignupDoc } from '../domain/volunteer/model'
import { AppError } from '../domain/errors'
import type { Database } from './cloud'
import { SIGNUPS } from './collections'
import { notice, type Notice } from './outbox'
import { txGet, type Tx } from './tx'

/**
 * The notice of a rider moved off the waitlist, whoever freed the place (a rider's cancellation,
 * more places, another person's 注销): queued in the promoting transaction (server/outbox.ts).
 */
export const promotedNotice = (touser: string, a: ActivityDoc, note = '候补成功，你已获得名额，请准时参加'): Notice =>
  notice('volunteerPromoted', touser, `packages/volunteer/detail/index?id=${a._id}`, { activity: a.title, start: a.startAt, place: a.placeName, note })


/** The first `n` waitlisted sign-ups of an activity by arrival (a plain query: read before the transaction). */
export async function waitlistHead(db: Database, activityId: string, n: number): Promise<SignupDoc[]> {
  const res = (await db.collection(SIGNUPS).where({ activityId, status: 'waitlisted' }).orderBy('seq', 'asc').limit(n).get()) as unknown as { data: SignupDoc[] }
  return res.data
}

/** The waitlist changed between the query and the transaction: query again. */
export class StaleWaitlist extends AppError {
  constructor() {
    super('CONFLICT', '候补名单正在变化，请稍后重试')
  }
}

/**
 * Inside a transaction that also writes the activity (so two transactions changing its places
 * conflict and one runs again: reads take no locks, writes do): moves up to `n` riders from the
 * waitlist to places, taking the candidates (queried before the transaction, in arrival order) that
 * are still waitlisted when read here; a candidate whose sign-up changed since the transaction
 * started conflicts at its update. A waitlist entry can only leave the waitlist, and newcomers get
 * higher arrival numbers, so the first still-waitlisted candidate is the first in line. If too few
 * candidates are still waiting, the query was stale: StaleWaitlist.
 */
export async function promoteInTx(t: Tx, candidates: readonly SignupDoc[], n: number, skipId: string | null, now: Date): Promise<SignupDoc[]> {
  const promoted: SignupDoc[] = []
  for (const c of candidates) {
    if (promoted.length >= n) break
    if (c._id === skipId) continue
    const cur = await txGet<SignupDoc>(t, SIGNUPS, c._id)
    if (!cur || cur.status !== 'waitlisted') continue
    await t.collection(SIGNUPS).doc(c._id).update({ data: { status: 'signedUp', promotedAt: now, updatedAt: now } })
    promoted.push(cur)
  }
  if (promoted.length < n) throw new StaleWaitlist()
  return promoted
}

/** Runs a transaction that may promote, re-querying the waitlist when it went stale (4 tries). */
export async function withWaitlist<T>(db: Database, act: Pick<ActivityDoc, '_id'>, size: number, body: (candidates: SignupDoc[]) => Promise<T>): Promise<T> {
  let last: unknown
  for (let attempt = 0; attempt < 4; attempt++) {
    const candidates = await waitlistHead(db, act._id, size)
    try {
      return await body(candidates)
    } catch (err) {
      if (!(err instanceof StaleWaitlist)) throw err
      last = err
    }
  }
  throw last
}
