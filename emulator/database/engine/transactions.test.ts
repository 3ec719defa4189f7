/**
 * The transaction engine on its own (no SDK): snapshot reads, write locks, conflicts at once,
 * plain writes waiting for a lock, lifetime, version pruning. The same behaviours through the real
 * SDK are the conformance cases in emulator/conformance/cases/database-transactions.ts.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { Database } from './database'
import { compileQuery, findDocs } from './query'
import { CONFLICT_MESSAGE, DEFAULT_LIFETIME_MS, NOT_EXIST_MESSAGE, TransactionManager } from './transactions'

let dir: string
let db: Database
let txm: TransactionManager
let clock = 1_000_000

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-txn-'))
  db = await Database.open(
    dir,
    new Map([
      ['c', { name: 'c', indexes: [{ name: 'u', keys: { u: 1 }, unique: true }] }],
      ['d', { name: 'd', indexes: [] }],
    ]),
  )
  txm = new TransactionManager(db, { lifetimeMs: 10_000, now: () => clock })
  await db.commit([
    { coll: 'c', key: 'a', doc: { _id: 'a', n: 0, u: 1 } },
    { coll: 'c', key: 'b', doc: { _id: 'b', n: 0, u: 2 } },
  ])
})
afterEach(async () => {
  txm.close()
  await db.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const C = () => db.collection('c')
const plain = (key: string, doc: Record<string, unknown> | null) => db.commit([{ coll: 'c', key, doc }])
const keysInView = (t: ReturnType<TransactionManager['start']>) => findDocs(txm.view(t, C()), compileQuery({}, C())).map((h) => h.key)
const conflict = { code: 'DATABASE_TRANSACTION_CONFLICT', message: CONFLICT_MESSAGE }
const notExist = { code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST_MESSAGE }

test('production’s lifetime is 30 s', () => {
  expect(DEFAULT_LIFETIME_MS).toBe(30_000)
  expect(new TransactionManager(db).lifetimeMs).toBe(30_000)
})

test('reads see the snapshot overlaid with the transaction’s own writes; nothing leaks before commit', async () => {
  const t = txm.start()
  txm.writeDoc(t, C(), 'a', { _id: 'a', n: 5, u: 1 })
  txm.writeDoc(t, C(), 'new', { _id: 'new', n: 9, u: 3 })
  txm.writeDoc(t, C(), 'b', null)
  expect(txm.readDoc(t, C(), 'a')).toEqual({ _id: 'a', n: 5, u: 1 })
  expect(txm.readDoc(t, C(), 'b')).toBeUndefined()
  expect(keysInView(t)).toEqual(['a', 'new'])
  expect(C().get('a')!.n).toBe(0)
  expect(C().get('new')).toBeUndefined()
  await txm.commit(t.id)
  expect(C().get('a')!.n).toBe(5)
  expect(C().get('new')!.n).toBe(9)
  expect(C().get('b')).toBeUndefined()
})

test('读偏: plain writes after the start are invisible to the transaction; its write of such a document conflicts at once and aborts it', async () => {
  const t = txm.start()
  expect(txm.readDoc(t, C(), 'a')!.n).toBe(0)
  await plain('a', { _id: 'a', n: 100, u: 1 })
  await plain('b', null)
  await plain('late', { _id: 'late', n: 1, u: 9 })
  expect(txm.readDoc(t, C(), 'a')!.n).toBe(0)
  expect(txm.readDoc(t, C(), 'b')).toEqual({ _id: 'b', n: 0, u: 2 })
  expect(txm.readDoc(t, C(), 'late')).toBeUndefined()
  expect(keysInView(t).sort()).toEqual(['a', 'b'])
  expect(() => txm.writeDoc(t, C(), 'a', { _id: 'a', n: 1, u: 1 })).toThrow(expect.objectContaining(conflict))
  // aborted by the conflict: everything after answers "does not exist"
  expect(() => txm.get(t.id)).toThrow(expect.objectContaining(notExist))
  await expect(txm.commit(t.id)).rejects.toMatchObject(notExist)
  expect(() => txm.abort(t.id)).toThrow(expect.objectContaining(notExist))
  expect(C().get('a')!.n).toBe(100)
})

test('冲突检测: T1 reads, T2 writes without waiting, T1’s write then conflicts at once; T2 commits', async () => {
  const t1 = txm.start()
  const t2 = txm.start()
  const a = txm.readDoc(t1, C(), 'a')!
  txm.writeDoc(t2, C(), 'a', { ...a, n: 2 })
  expect(() => txm.writeDoc(t1, C(), 'a', { ...a, n: 1 })).toThrow(expect.objectContaining(conflict))
  await txm.commit(t2.id)
  expect(C().get('a')!.n).toBe(2)
})

test('write-write: the second writer of a locked document conflicts at once, whichever document it wrote first', async () => {
  const t1 = txm.start()
  const t2 = txm.start()
  txm.writeDoc(t1, C(), 'a', { _id: 'a', n: 1, u: 1 })
  txm.writeDoc(t2, C(), 'b', { _id: 'b', n: 2, u: 2 })
  expect(() => txm.writeDoc(t2, C(), 'a', null)).toThrow(expect.objectContaining(conflict))
  // t2 is gone and its lock on b with it
  txm.writeDoc(t1, C(), 'b', { _id: 'b', n: 1, u: 2 })
  await txm.commit(t1.id)
  expect([C().get('a')!.n, C().get('b')!.n]).toEqual([1, 1])
})

test('write skew is allowed (snapshot isolation): each reads what the other writes, both commit', async () => {
  const t1 = txm.start()
  const t2 = txm.start()
  const a = txm.readDoc(t1, C(), 'a')!
  const b = txm.readDoc(t2, C(), 'b')!
  txm.writeDoc(t1, C(), 'b', { ...b, n: (a.n as number) + 1 })
  txm.writeDoc(t2, C(), 'a', { ...a, n: (b.n as number) + 1 })
  await txm.commit(t1.id)
  await txm.commit(t2.id)
  expect([C().get('a')!.n, C().get('b')!.n]).toEqual([1, 1])
})

test('insert-insert of one _id: the second transaction conflicts; an _id committed after the snapshot conflicts too', async () => {
  const t1 = txm.start()
  const t2 = txm.start()
  txm.writeDoc(t1, C(), 'x', { _id: 'x', u: 10 })
  expect(() => txm.writeDoc(t2, C(), 'x', { _id: 'x', u: 11 })).toThrow(expect.objectContaining(conflict))
  const t3 = txm.start()
  await txm.commit(t1.id)
  expect(() => txm.writeDoc(t3, C(), 'x', { _id: 'x', u: 12 })).toThrow(expect.objectContaining(conflict))
})

test('unique keys: a committed holder → DATABASE_DUPLICATE_WRITE; a key another transaction is inserting → conflict', async () => {
  const t = txm.start()
  expect(() => txm.writeDoc(t, C(), 'x', { _id: 'x', u: 2 })).toThrow(expect.objectContaining({ code: 'DATABASE_DUPLICATE_WRITE', message: expect.stringContaining('E11000') }))
  // two documents of one transaction may not share a key either
  txm.writeDoc(t, C(), 'y', { _id: 'y', u: 7 })
  expect(() => txm.writeDoc(t, C(), 'z', { _id: 'z', u: 7 })).toThrow(expect.objectContaining({ code: 'DATABASE_DUPLICATE_WRITE' }))
  // a key freed by the transaction itself can be taken by another of its documents
  txm.writeDoc(t, C(), 'b', null)
  txm.writeDoc(t, C(), 'w', { _id: 'w', u: 2 })
  const other = txm.start()
  expect(() => txm.writeDoc(other, C(), 'v', { _id: 'v', u: 7 })).toThrow(expect.objectContaining(conflict))
  await txm.commit(t.id)
  expect(C().get('w')!.u).toBe(2)
  expect(C().get('b')).toBeUndefined()
  // updating a document without changing its key claims nothing: no false conflicts
  const t1 = txm.start()
  const t2 = txm.start()
  txm.writeDoc(t1, C(), 'a', { _id: 'a', n: 1, u: 1 })
  expect(() => txm.writeDoc(t2, C(), 'q', { _id: 'q', u: 1 })).toThrow(expect.objectContaining({ code: 'DATABASE_DUPLICATE_WRITE' }))
})

test('a plain write to a locked document waits for the transaction to end — commit, rollback or expiry', async () => {
  const t = txm.start()
  txm.writeDoc(t, C(), 'a', { _id: 'a', n: 1, u: 1 })
  // an unlocked document, or a read-only dependency of a transaction, does not wait
  txm.readDoc(t, C(), 'b')
  expect(txm.whenUnlocked(C(), [{ key: 'b', doc: { _id: 'b', n: 5, u: 2 } }])).toBeUndefined()
  const waitCommit = txm.whenUnlocked(C(), [{ key: 'a', doc: { _id: 'a', n: 9, u: 1 } }])!
  // an insert of a unique key the transaction is inserting waits too
  txm.writeDoc(t, C(), 'x', { _id: 'x', u: 40 })
  const waitKey = txm.whenUnlocked(C(), [{ key: 'other', doc: { _id: 'other', u: 40 } }])!
  let settled = 0
  void waitCommit.then(() => settled++)
  void waitKey.then(() => settled++)
  await new Promise((r) => setTimeout(r, 20))
  expect(settled).toBe(0)
  await txm.commit(t.id)
  await Promise.all([waitCommit, waitKey])

  const r = txm.start()
  txm.writeDoc(r, C(), 'a', null)
  const waitRollback = txm.whenUnlocked(C(), [{ key: 'a', doc: null }])!
  txm.abort(r.id)
  await waitRollback
  expect(C().get('a')!.n).toBe(1)
})

test('expiry: past its lifetime a transaction is aborted, its locks released, later calls answer “does not exist”', async () => {
  // a clock that jumps (the injected one): checked on every call
  const t1 = txm.start()
  clock += 11_000
  expect(() => txm.get(t1.id)).toThrow(expect.objectContaining(notExist))

  // the real clock: the lifetime timer releases the locks though nobody calls again
  const short = new TransactionManager(db, { lifetimeMs: 50 })
  const t = short.start()
  short.writeDoc(t, C(), 'a', { _id: 'a', n: 3, u: 1 })
  await short.whenUnlocked(C(), [{ key: 'a', doc: null }])
  expect(() => short.get(t.id)).toThrow(expect.objectContaining(notExist))
  expect(C().get('a')!.n).toBe(0)
  short.close()
})

test('after commit every operation answers DATABASE_TRANSACTION_FAIL with production’s message', async () => {
  const t = txm.start()
  await txm.commit(t.id)
  expect(() => txm.get(t.id)).toThrow(expect.objectContaining(notExist))
  await expect(txm.commit(t.id)).rejects.toMatchObject(notExist)
  expect(() => txm.abort(t.id)).toThrow(expect.objectContaining(notExist))
})

test('old versions are kept only while a transaction may read them', async () => {
  await plain('a', { _id: 'a', n: 1, u: 1 })
  expect(C().retained).toBe(0)
  const t1 = txm.start()
  await plain('a', { _id: 'a', n: 2, u: 1 })
  const t2 = txm.start()
  await plain('a', { _id: 'a', n: 3, u: 1 })
  await plain('b', null)
  expect(C().retained).toBe(3)
  expect([txm.readDoc(t1, C(), 'a')!.n, txm.readDoc(t2, C(), 'a')!.n]).toEqual([1, 2])
  txm.abort(t1.id) // t2 still needs a@2 and b
  expect(C().retained).toBe(2)
  expect(txm.readDoc(t2, C(), 'a')!.n).toBe(2)
  expect(txm.readDoc(t2, C(), 'b')).toBeTruthy()
  await txm.commit(t2.id)
  expect(C().retained).toBe(0)
  // with nothing running, a deleted key keeps no version: a later transaction may recreate it
  const t3 = txm.start()
  txm.writeDoc(t3, C(), 'b', { _id: 'b', u: 2 })
  await txm.commit(t3.id)
  expect(C().get('b')).toEqual({ _id: 'b', u: 2 })
})

test('a reset or import aborts running transactions', async () => {
  const t = txm.start()
  txm.writeDoc(t, C(), 'a', { _id: 'a', n: 1, u: 1 })
  await db.reset()
  expect(() => txm.get(t.id)).toThrow(expect.objectContaining(notExist))
  expect(txm.active).toBe(0)
})
