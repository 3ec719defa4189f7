import { AppError } from '../domain/errors'
import type { UserDoc } from '../domain/user/model'
import type { Database } from './cloud'
import { findById } from './db'
import { isDuplicateWrite } from './db-errors'
import { USERS } from './collections'
import { txGet, type Tx } from './tx'


/** A stable, non-identifying default name until the rider sets their own. */
export const defaultNickname = (openid: string) => `小哥${openid.replace(/[^A-Za-z0-9]/g, '').slice(-4).toUpperCase()}`

/** The users document of someone who has just opened the mini-program: an unverified rider. */
export const newUserDoc = (openid: string, now: Date): UserDoc => ({
  _id: openid,
  nickname: defaultNickname(openid),
  roles: ['rider'],
  workerCommunityIds: [],
  verification: { status: 'unverified' },
  createdAt: now,
  updatedAt: now,
})

interface CallerRef {
  openid: string
  db: Database
  now: () => Date
}

/**
 * The caller's users document, created on their first call to any function that needs it. The key
 * is `_id` = openid, so two first calls racing (two tabs opening at once) insert under the same
 * `_id`: one insert wins, the other gets DATABASE_DUPLICATE_WRITE and reads the winner's document.
 * Cost: a known user 1 read; a new one 1 read + 1 write (+1 read for the loser of a race).
 */
export async function loadOrCreateCaller(ctx: CallerRef, known?: UserDoc | null): Promise<{ user: UserDoc; created: boolean }> {
  const existing = known === undefined ? await findById<UserDoc>(ctx.db, USERS, ctx.openid) : known
  if (existing) return { user: existing, created: false }
  const doc = newUserDoc(ctx.openid, ctx.now())
  try {
    await ctx.db.collection(USERS).add({ data: doc })
    return { user: doc, created: true }
  } catch (err) {
    if (!isDuplicateWrite(err)) throw err
    const winner = await findById<UserDoc>(ctx.db, USERS, ctx.openid)
    if (!winner) throw err
    return { user: winner, created: false }
  }
}

/**
 * For a transaction that re-reads the caller's document the router (or loadOrCreateCaller) already
 * made sure exists: finding it gone means it was removed in between.
 */
export const callerGone = () => new AppError('CONFLICT', '你的账户信息刚刚发生了变化，请重新打开小程序后再试')

/** The caller's document re-read inside a transaction, which must find it still there. */
export async function callerInTx(t: Tx, openid: string): Promise<UserDoc> {
  const u = await txGet<UserDoc>(t, USERS, openid)
  if (!u) throw callerGone()
  return u
}
