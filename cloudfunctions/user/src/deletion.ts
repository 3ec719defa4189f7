import { randomBytes } from 'node:crypto'
import type { DeletionDoc, DeletionStatus } from '../../../domain/user/consent'
import type { UserDoc } from '../../../domain/user/model'
import { AppError } from '../../../domain/errors'
import { DELETION_COOLING_OFF_DAYS } from '../../../domain/privacy'
import type { Database } from '../../../server/cloud'
import { DELETIONS, USERS } from '../../../server/collections'
import { findById } from '../../../server/db'
import { isDuplicateWrite } from '../../../server/db-errors'
import { runTx, txGet, withoutId } from '../../../server/tx'
import { eraseSubject, newPseudonym } from './erase'

const DAY_MS = 86_400_000

export const toDeletionStatus = (d: DeletionDoc | null): DeletionStatus => ({
  status: d && d.status !== 'done' ? d.status : 'none',
  requestedAt: d ? new Date(d.requestedAt).toISOString() : null,
  dueAt: d ? new Date(d.dueAt).toISOString() : null,
  coolingOffDays: DELETION_COOLING_OFF_DAYS,
})

/** A waiting request for `openid` (or the one already waiting: asking twice does not restart the period). */
export async function fileRequest(db: Database, openid: string, by: DeletionDoc['requestedBy'], user: UserDoc | null, now: Date): Promise<DeletionDoc> {
  return runTx(db, async (t) => {
    const cur = await txGet<DeletionDoc>(t, DELETIONS, openid)
    if (cur) return { ...cur, _id: openid }
    const doc: DeletionDoc = {
      _id: openid,
      status: 'pending',
      requestedAt: now,
      dueAt: new Date(now.getTime() + DELETION_COOLING_OFF_DAYS * DAY_MS),
      requestedBy: by,
      communityId: user?.verification?.communityId ?? user?.workerCommunityIds?.[0] ?? null,
      pseudonym: null,
      riderId: null,
      recordId: null,
      startedAt: null,
      doneAt: null,
    }
    await t.collection(DELETIONS).doc(openid).set({ data: withoutId(doc) as unknown as Record<string, unknown> })
    return doc
  })
}

/** Withdraws a waiting request; one the job has started cannot be withdrawn. */
export async function withdrawRequest(db: Database, openid: string): Promise<void> {
  const res = (await db.collection(DELETIONS).where({ _id: openid, status: 'pending' }).remove()) as unknown as { stats?: { removed?: number } }
  if (res.stats?.removed) return
  const cur = await findById<DeletionDoc>(db, DELETIONS, openid)
  if (cur?.status === 'running') throw new AppError('CONFLICT', '注销已开始执行，不能再撤销')
}

export interface DeletionRunResult {
  done: number
  failed: number
}

/**
 * The daily job's 注销 part: every request past its cooling-off period, and any a previous run left
 * half-done. Each is first marked `running` with its pseudonym and rider id (the next run reuses
 * them), then erased, then replaced by its processing record (`set` under the fixed record id, so a
 * repeated last step writes the same record once).
 */
export async function processDeletions(db: Database, now: Date): Promise<DeletionRunResult> {
  const _ = db.command
  const res = (await db
    .collection(DELETIONS)
    .where({ status: _.in(['pending', 'running']), dueAt: _.lte(now) })
    .limit(100)
    .get()) as unknown as { data: DeletionDoc[] }
  let done = 0
  let failed = 0
  for (const d of res.data) {
    try {
      let started = d
      if (d.status === 'pending') {
        const user = await findById<UserDoc>(db, USERS, d._id)
        started = { ...d, status: 'running', pseudonym: newPseudonym(), riderId: user?.verification?.riderId ?? null, recordId: `del-${randomBytes(10).toString('hex')}`, startedAt: now }
        const claim = (await db.collection(DELETIONS).where({ _id: d._id, status: 'pending' }).update({
          data: { status: 'running', pseudonym: started.pseudonym, riderId: started.riderId, recordId: started.recordId, startedAt: now },
        })) as unknown as { stats?: { updated?: number } }
        // withdrawn (or claimed by an overlapping run) since the query
        if (!claim.stats?.updated) continue
      }
      await eraseSubject(db, { openid: d._id, riderId: started.riderId }, started.pseudonym!, now)
      const record: DeletionDoc = { ...started, _id: started.recordId!, status: 'done', pseudonym: null, riderId: null, recordId: null, doneAt: now }
      try {
        await db.collection(DELETIONS).doc(record._id).set({ data: withoutId(record) as unknown as Record<string, unknown> })
      } catch (err) {
        if (!isDuplicateWrite(err)) throw err
      }
      await db.collection(DELETIONS).doc(d._id).remove()
      done++
    } catch (err) {
      failed++
      console.warn(JSON.stringify({ level: 'warn', where: 'user.processDeletions', error: String((err as Error)?.message ?? err) }))
    }
  }
  return { done, failed }
}
