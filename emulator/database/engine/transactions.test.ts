import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { Database } from './database'
import { compileQuery, findDocs } from './query'
import { TransactionManager } from './transactions'

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
  txm = new TransactionManager(db, { lifetimeMs: 10_000, lockWaitMs: 200, now: () => clock })
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

test('reads see committed data overlaid with the transaction’s own writes; nothing leaks before commit', async () => {
  const t = txm.start()
  await txm.writeDoc(t, C(), 'a', { _id: 'a', n: 5, u: 1 })
  await txm.writeDoc(t, C(), 'new', { _id: 'new', n: 9, u: 3 })
  await txm.writeDoc(t, C(), 'b', null)
  expect(await txm.readDoc(t, C(), 'a')).toEqual({ _id: 'a', n: 5, u: 1 })
  const view = txm.view(t, C())
  expect(findDocs(view, compileQuery({}, C())).map((h) => h.key)).toEqual(['a', 'new'])
  expect(C().get('a')!.n).toBe(0)
  expect(C().get('new')).toBeUndefined()
  await txm.commit(t.id)
  expect(C().get('a')!.n).toBe(5)
  expect(C().get('new')!.n).toBe(9)
  expect(C().get('b')).toBeUndefined()
})

test('document locks queue read-modify-write transactions instead of failing them', async () => {
  const inc = async () => {
    const t = txm.start()
    const cur = (await txm.readDoc(t, C(), 'a'))!
    await new Promise((r) => setTimeout(r, 5))
    await txm.writeDoc(t, C(), 'a', { ...cur, n: (cur.n as number) + 1 })
    await txm.commit(t.id)
  }
  await Promise.all(Array.from({ length: 10 }, inc))
  expect(C().get('a')!.n).toBe(10)
})

test('a deadlock dooms one transaction (conflict at commit); the other completes', async () => {
  const t1 = txm.start()
  const t2 = txm.start()
  await txm.readDoc(t1, C(), 'a')
  await txm.readDoc(t2, C(), 'b')
  const t1WantsB = txm.readDoc(t1, C(), 'b') // waits for t2
  await txm.readDoc(t2, C(), 'a') // would close the cycle: t2 is doomed, lets go of b
  await t1WantsB
  await expect(txm.commit(t2.id)).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
  await txm.writeDoc(t1, C(), 'b', { _id: 'b', n: 1, u: 2 })
  await txm.commit(t1.id)
  expect(C().get('b')!.n).toBe(1)
})

test('a lock wait that times out dooms the waiter', async () => {
  const t1 = txm.start()
  const t2 = txm.start()
  await txm.readDoc(t1, C(), 'a')
  await txm.readDoc(t2, C(), 'a') // 200 ms, then proceeds without the lock
  await expect(txm.commit(t2.id)).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
  await txm.commit(t1.id)
})

test('a plain write to a document a transaction read is a conflict at commit', async () => {
  const t = txm.start()
  const a = (await txm.readDoc(t, C(), 'a'))!
  await db.commit([{ coll: 'c', key: 'a', doc: { ...a, n: 100 } }])
  await txm.writeDoc(t, C(), 'a', { ...a, n: 1 })
  await expect(txm.commit(t.id)).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
  expect(C().get('a')!.n).toBe(100)
  // the SDK aborts after a failed commit: that is fine
  expect(() => txm.abort(t.id)).not.toThrow()
})

test('unique violations at commit apply nothing', async () => {
  const t = txm.start()
  await txm.writeDoc(t, C(), 'a', { _id: 'a', n: 7, u: 1 })
  await txm.writeDoc(t, C(), 'x', { _id: 'x', u: 2 }) // u:2 belongs to b
  await expect(txm.commit(t.id)).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
  expect(C().get('a')!.n).toBe(0)
  expect(C().get('x')).toBeUndefined()
})

test('abandoned transactions expire and release their locks', async () => {
  const t1 = txm.start()
  await txm.readDoc(t1, C(), 'a')
  clock += 11_000
  const t2 = txm.start() // sweeps
  expect(await txm.readDoc(t2, C(), 'a')).toBeTruthy()
  await expect(txm.commit(t1.id)).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
  await txm.commit(t2.id)
  expect(txm.active).toBeGreaterThanOrEqual(0)
})
