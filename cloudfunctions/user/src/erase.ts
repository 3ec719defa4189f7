/**
 * 注销: what the daily job does to one person's data once their cooling-off period is over. Every
 * step is idempotent and finds its work by the person's openid, so a run that stops half-way (a
 * timeout, a crash) is finished by the next run: what was done is no longer found, what was not is.
 * The pseudonym is fixed on the deletion document before the first step for the same reason.
 */
import { randomBytes } from 'node:crypto'
import type { MallItemDoc } from '../../../domain/mall/model'
import type { MerchantDoc } from '../../../domain/merchant/model'
import type { BalanceDoc, LedgerEntryDoc } from '../../../domain/points/model'
import type { SuggestionDoc } from '../../../domain/suggestions/model'
import type { UserDoc } from '../../../domain/user/model'
import type { ActivityDoc, SignupDoc } from '../../../domain/volunteer/model'
import { PERSONAL_COLLECTIONS, PERSONAL_DATA, type Finder } from '../../../domain/personal-data'
import { DELETED_USER_NAME } from '../../../domain/privacy'
import { promotable, release } from '../../../domain/volunteer/rules'
import type { Database } from '../../../server/cloud'
import { findById } from '../../../server/db'
import { deleteFiles } from '../../../server/files'
import { ACTIVITIES, BALANCES, LEDGER, MALL_ITEMS, MERCHANTS, PLACES, SIGNUPS, SUGGESTIONS, USERS, VOUCHERS } from '../../../server/collections'
import { cancelVoucherInTx } from '../../../server/ledger'
import { runTx, txGet, withoutId } from '../../../server/tx'
import { deliver, queueInTx, type OutboxDoc } from '../../../server/outbox'
import { promotedNotice, promoteInTx, withWaitlist } from '../../../server/waitlist'
import { findFor, type Subject } from './personal-data'

/** Random, stored nowhere with the openid: the ledger's sums stay together, nobody can map them back. */
export const newPseudonym = () => `gone-${randomBytes(12).toString('hex')}`

type Doc = Record<string, unknown> & { _id: string }

const find = async <T>(db: Database, collection: string, field: string, value: string): Promise<T[]> =>
  (await findFor(db, collection, { field, erase: 'custom' }, { openid: value, riderId: null })).docs as T[]

/** Every string that contains the openid (or rider id) gets the pseudonym instead; staff names on their events go too. */
export function scrub(value: unknown, s: Subject, pseudonym: string): unknown {
  if (typeof value === 'string') {
    let out = value.split(s.openid).join(pseudonym)
    if (s.riderId) out = out.split(s.riderId).join(pseudonym)
    return out
  }
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => scrub(v, s, pseudonym))
  // Dates, the SDK's Geo.Point, …: written back as they came (a plain copy would lose the geo type)
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  const obj = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(obj)) out[k] = scrub(v, s, pseudonym)
  if (obj.actorId === s.openid && 'actorName' in obj) out.actorName = DELETED_USER_NAME
  return out
}

/** Unused vouchers are voided as a rider's cancel would: stock and points back (the balance then moves to the pseudonym). */
async function voidVouchers(db: Database, s: Subject, now: Date): Promise<void> {
  const entries = await find<LedgerEntryDoc>(db, LEDGER, 'userId', s.openid)
  for (const e of entries) {
    if (e.reason !== 'redemption' || !e.voucher || new Date(e.voucher.validUntil).getTime() <= now.getTime()) continue
    if (await findById(db, VOUCHERS, e.voucher.code)) continue
    await runTx(db, async (t) => {
      if (await txGet(t, VOUCHERS, e.voucher!.code)) return
      await cancelVoucherInTx(t, e, e.userId, now)
    })
  }
}

/** Places of activities not yet started are given up, the waitlist moves up (the volunteer function's rule); then every sign-up goes. */
async function cancelSignups(db: Database, s: Subject, now: Date): Promise<void> {
  for (const sg of await find<SignupDoc>(db, SIGNUPS, 'userId', s.openid)) {
    if (sg.status === 'signedUp' || sg.status === 'waitlisted') {
      const out = await withWaitlist(db, { _id: sg.activityId }, 5, (candidates) =>
        runTx(db, async (t): Promise<OutboxDoc[]> => {
          const act = await txGet<ActivityDoc>(t, ACTIVITIES, sg.activityId)
          const mine = await txGet<SignupDoc>(t, SIGNUPS, sg._id)
          if (!act || !mine || (mine.status !== 'signedUp' && mine.status !== 'waitlisted')) return []
          if (act.status !== 'open' || new Date(act.startAt).getTime() <= now.getTime()) return []
          let next = release(act, mine.status, false)
          const n = mine.status === 'signedUp' ? promotable(next) : 0
          const promoted = n > 0 ? await promoteInTx(t, candidates, n, sg._id, now) : []
          next = { ...next, signedUp: next.signedUp + promoted.length, waitlisted: next.waitlisted - promoted.length }
          await t.collection(SIGNUPS).doc(sg._id).update({ data: { status: 'cancelled', cancelledAt: now, updatedAt: now } })
          await t.collection(ACTIVITIES).doc(act._id).update({ data: { signedUp: next.signedUp, waitlisted: next.waitlisted } })
          // the same notice as any promotion: someone else's 注销 freed the place
          return queueInTx(t, promoted.map((p) => promotedNotice(p.userId, act)), now)
        }),
      )
      await deliver(db, out, now)
    }
    await db.collection(SIGNUPS).doc(sg._id).remove()
  }
}

/** Their reports stay public as 「已注销用户」's, without their photos (deleted from storage). */
async function releaseSuggestions(db: Database, s: Subject): Promise<void> {
  for (const sg of await find<SuggestionDoc>(db, SUGGESTIONS, 'reporterId', s.openid)) {
    const theirs = [...sg.photos, ...sg.timeline.filter((e) => e.by === 'reporter').flatMap((e) => e.photos)]
    await deleteFiles(theirs)
    const timeline = sg.timeline.map((e) => (e.by === 'reporter' ? { ...e, photos: [] } : e))
    await db.collection(SUGGESTIONS).doc(sg._id).update({ data: { photos: [], timeline, reporterName: DELETED_USER_NAME } })
  }
}

/** The shop goes back to the community: its items become district items, the application and licence photo go. */
async function handBackMerchant(db: Database, s: Subject): Promise<void> {
  for (const item of await find<MallItemDoc>(db, MALL_ITEMS, 'merchantId', s.openid)) {
    // the photos sit in the merchant's own upload folder (named by their openid): they go with them
    await deleteFiles(item.photos.map((p) => p.fileID))
    await db.collection(MALL_ITEMS).doc(item._id).update({ data: { merchantId: null, photos: [] } })
  }
  const m = await findById<MerchantDoc>(db, MERCHANTS, s.openid)
  if (!m) return
  await deleteFiles([m.licencePhoto])
  if (m.placeId) await db.collection(PLACES).where({ _id: m.placeId }).update({ data: { contact: {} } })
  await db.collection(MERCHANTS).doc(m._id).remove()
}

/** The balance keeps its sum under the pseudonym, as the ledger entries do (reconciliation still adds up). */
async function moveBalance(db: Database, s: Subject, pseudonym: string): Promise<void> {
  const bal = await findById<BalanceDoc>(db, BALANCES, s.openid)
  if (!bal) return
  await db.collection(BALANCES).doc(pseudonym).set({ data: withoutId(bal) as unknown as Record<string, unknown> })
  await db.collection(BALANCES).doc(s.openid).remove()
}

async function removeUser(db: Database, s: Subject): Promise<void> {
  const user = await findById<UserDoc>(db, USERS, s.openid)
  if (!user) return
  if (user.verification.badgePhoto) await deleteFiles([user.verification.badgePhoto])
  await db.collection(USERS).doc(s.openid).remove()
}

/** The table's `delete` and `unlink` rules (`custom` ones are the steps above). */
async function applyTable(db: Database, s: Subject, pseudonym: string): Promise<void> {
  for (const c of PERSONAL_COLLECTIONS) {
    for (const f of PERSONAL_DATA[c].find as readonly Finder[]) {
      const { docs } = await findFor(db, c, f, s)
      if (f.erase === 'custom') continue
      for (const d of docs as Doc[]) {
        if (f.erase === 'delete') await db.collection(c).doc(d._id).remove()
        else await db.collection(c).doc(d._id).set({ data: withoutId(scrub(d, s, pseudonym) as Doc) as Record<string, unknown> })
      }
    }
  }
}

/** Deletes or pseudonymises everything the table finds for the subject. */
export async function eraseSubject(db: Database, s: Subject, pseudonym: string, now: Date): Promise<void> {
  await voidVouchers(db, s, now)
  await cancelSignups(db, s, now)
  await releaseSuggestions(db, s)
  await handBackMerchant(db, s)
  await moveBalance(db, s, pseudonym)
  await removeUser(db, s)
  await applyTable(db, s, pseudonym)
}
