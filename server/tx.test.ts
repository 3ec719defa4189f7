/**
 * runTx against the real wx-server-sdk talking to the emulator's database (the faithful transaction
 * engine): conflicts raised inside the body reach it without `code`, as in production, and it still
 * makes every racing effect land exactly once.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { AppError } from '../domain/errors'
import { createDatabaseService, type DatabaseService } from '../emulator/database'
import { loadSdk, startAdminServer, type AdminServer } from '../emulator/database/testing'
import type { Database } from './cloud'
import { runTx, TX_RETRY_BUDGET_MS, TxBusyError, txGet, type Tx } from './tx'

jest.setTimeout(60_000)

let svc: DatabaseService
let srv: AdminServer
let db: Database
let tmp: string

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-helper-'))
  const schemaDir = path.join(tmp, 'schema')
  fs.mkdirSync(schemaDir)
  fs.writeFileSync(path.join(schemaDir, 'counters.json'), JSON.stringify({ name: 'counters', indexes: [] }))
  fs.writeFileSync(path.join(schemaDir, 'effects.json'), JSON.stringify({ name: 'effects', indexes: [{ name: 'key_unique', keys: { key: 1 }, unique: true }] }))
  svc = await createDatabaseService({ dataDir: path.join(tmp, 'data'), schemaDir })
  srv = await startAdminServer(svc.handle)
  db = loadSdk(srv.port).database() as Database
})

afterAll(async () => {
  await srv?.close()
  await svc?.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

interface Counter {
  _id: string
  n: number
}

const counter = async (id: string) => ((await db.collection('counters').doc(id).get()) as unknown as { data: Counter }).data.n
const effects = async (prefix: string) =>
  ((await db.collection('effects').where({ key: db.RegExp({ regexp: `^${prefix}` }) }).limit(1000).get()) as unknown as { data: { key: string }[] }).data.map((d) => d.key).sort()

/** One "function call": read the counter, record an effect, write the counter + 1. */
function increment(id: string, key: string, attempts: { n: number }, gate?: Promise<void>, budgetMs?: number) {
  const body = async (t: Tx) => {
    attempts.n++
    const c = await txGet<Counter>(t, 'counters', id)
    if (gate) await gate
    await t.collection('effects').add({ data: { key } })
    await t.collection('counters').doc(id).update({ data: { n: (c?.n ?? 0) + 1 } })
    return (c?.n ?? 0) + 1
  }
  return runTx(db, body, { budgetMs })
}

test('two calls racing on one document: the conflict inside the body is retried; both effects land exactly once', async () => {
  await db.collection('counters').add({ data: { _id: 'race', n: 0 } })
  let open!: () => void
  const gate = new Promise<void>((r) => (open = r))
  const a = { n: 0 }
  const b = { n: 0 }
  // both read n = 0 before either writes: the second writer conflicts at its update
  const both = Promise.all([increment('race', 'race-a', a, gate), increment('race', 'race-b', b, gate)])
  await new Promise((r) => setTimeout(r, 50))
  open()
  const results = await both
  expect(results.sort()).toEqual([1, 2])
  expect(a.n + b.n).toBe(3)
  expect(await counter('race')).toBe(2)
  expect(await effects('race-')).toEqual(['race-a', 'race-b'])
})

// 8: as many calls as the emulator runs at once per function (its instance cap)
test('8 concurrent read-modify-write calls on one counter: exactly 8 increments, 8 effects', async () => {
  await db.collection('counters').add({ data: { _id: 'hot', n: 0 } })
  const attempts = { n: 0 }
  // the longest budget a function gets (8 s): this is about exactness, not speed on a busy machine
  const results = await Promise.all(Array.from({ length: 8 }, (_, i) => increment('hot', `hot-${i}`, attempts, undefined, 8000)))
  expect(results.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  expect(await counter('hot')).toBe(8)
  expect(await effects('hot-')).toHaveLength(8)
  expect(attempts.n).toBeGreaterThan(8) // they did conflict, and were retried
})

test('without the helper, wx-server-sdk’s runTransaction does not retry a conflict raised inside the callback', async () => {
  await db.collection('counters').add({ data: { _id: 'plain-sdk', n: 0 } })
  let calls = 0
  const holder = await db.startTransaction()
  await holder.collection('counters').doc('plain-sdk').update({ data: { n: 100 } })
  const err = await db
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- wx-server-sdk ships no types
    .runTransaction(async (t: any) => {
      calls++
      await t.collection('counters').doc('plain-sdk').update({ data: { n: 1 } })
    })
    .catch((e: unknown) => e)
  await holder.rollback()
  expect(calls).toBe(1)
  expect(err).toMatchObject({ errCode: -501001 })
  expect((err as { code?: string }).code).toBeUndefined()
  expect(String((err as { errMsg: string }).errMsg)).toContain('TransactionConflict')
})

test('an AppError is re-thrown as is and never retried; other failures are not retried either', async () => {
  let calls = 0
  const refusal = new AppError('SOLD_OUT', '已兑完')
  await expect(
    runTx(db, async () => {
      calls++
      throw refusal
    }),
  ).rejects.toBe(refusal)
  expect(calls).toBe(1)

  await db.collection('effects').add({ data: { key: 'taken' } })
  calls = 0
  const dup = await runTx(db, async (t) => {
    calls++
    await t.collection('effects').add({ data: { key: 'taken' } })
  }).catch((e: unknown) => e)
  expect(calls).toBe(1)
  expect(String((dup as { errMsg?: string }).errMsg)).toContain('E11000')
})

test('a document locked for longer than the budget: CONFLICT (TxBusyError) after the budget, not a hang', async () => {
  await db.collection('counters').add({ data: { _id: 'held', n: 0 } })
  const holder = await db.startTransaction()
  await holder.collection('counters').doc('held').update({ data: { n: 5 } })
  let calls = 0
  const started = Date.now()
  const err = await runTx(
    db,
    async (t) => {
      calls++
      await t.collection('counters').doc('held').update({ data: { n: 1 } })
    },
    { budgetMs: 300 },
  ).catch((e: unknown) => e)
  const took = Date.now() - started
  await holder.commit()
  expect(err).toBeInstanceOf(TxBusyError)
  expect(err).toMatchObject({ code: 'CONFLICT' })
  expect(calls).toBeGreaterThan(1)
  expect(took).toBeLessThan(1500)
  expect(await counter('held')).toBe(5)
})

test('the retry budget follows the function’s timeout: 1.5 s unbuilt (CloudBase’s default 3 s; the build puts in config.json’s)', () => {
  expect(TX_RETRY_BUDGET_MS).toBe(1500)
})

test('txGet: a missing document is null; a transaction that no longer exists is an error, not null', async () => {
  const t = await db.startTransaction()
  expect(await txGet(t as never, 'counters', 'nope')).toBeNull()
  await t.commit()
  await expect(txGet(t as never, 'counters', 'nope')).rejects.toMatchObject({ errMsg: expect.stringContaining('TransactionNotExist') })
})

// check-out.kill.test.ts gives transactions a 1 s lifetime; on the loaded 2-core machine an attempt
// took longer than that, its transaction expired under it, and the call answered INTERNAL.
test('an attempt that outlives its transaction is retried in a new one, not answered as an error', async () => {
  const dir = fs.mkdtempSync(path.join(tmp, 'short-'))
  fs.mkdirSync(path.join(dir, 'schema'))
  fs.writeFileSync(path.join(dir, 'schema', 'counters.json'), JSON.stringify({ name: 'counters', indexes: [] }))
  const shortSvc = await createDatabaseService({ dataDir: path.join(dir, 'data'), schemaDir: path.join(dir, 'schema'), transactionLifetimeMs: 150 })
  const shortSrv = await startAdminServer(shortSvc.handle)
  try {
    const shortDb = loadSdk(shortSrv.port).database() as Database
    await shortDb.collection('counters').add({ data: { _id: 'slow', n: 0 } })
    let attempts = 0
    const n = await runTx(
      shortDb,
      async (t) => {
        attempts++
        const c = await txGet<Counter>(t, 'counters', 'slow')
        if (attempts === 1) await new Promise((r) => setTimeout(r, 400)) // the first attempt is slower than the lifetime
        await t.collection('counters').doc('slow').update({ data: { n: c!.n + 1 } })
        return c!.n + 1
      },
      { budgetMs: 5000 },
    )
    expect({ n, attempts }).toEqual({ n: 1, attempts: 2 })
    expect(((await shortDb.collection('counters').doc('slow').get()) as unknown as { data: Counter }).data.n).toBe(1)

    // every attempt too slow: busy once the budget is spent (a person may try again), never INTERNAL
    const always = runTx(shortDb, async (t) => {
      await new Promise((r) => setTimeout(r, 300))
      await t.collection('counters').doc('slow').update({ data: { n: 99 } })
    }, { budgetMs: 800 })
    await expect(always).rejects.toBeInstanceOf(TxBusyError)
    expect(((await shortDb.collection('counters').doc('slow').get()) as unknown as { data: Counter }).data.n).toBe(1)
  } finally {
    await shortSrv.close()
    await shortSvc.close()
  }
})
