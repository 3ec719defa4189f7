/**
 * Transactions as CloudBase runs them: snapshot reads, write locks, write conflicts answered at the
 * write (and the transaction aborted), plain writes waiting for a transaction's lock.
 *
 * Through wx-server-sdk a document operation's error carries `errCode` (-501001 for these codes) and
 * the server's message, not `code` (node-sdk, which CloudBase's own tests use, keeps `code`); so the
 * checks match production's message, word for word.
 */
import { defineArea } from '../case'

const UPSTREAM = 'TencentCloudBase/node-sdk test/database/unit/transaction.test.ts'
/** The 云开发 guide 数据库 → 事务 (快照隔离; 事务锁: 其它事务的写入会直接失败, 普通的更新操作会被阻塞，直到事务锁释放或者超时) */
const GUIDE = 'https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/transaction.html'
const RUN_TRANSACTION = 'https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/Database.runTransaction.html'

/** Production's answers (upstream › 读偏, › 事务提交后, 不能进行其它操作). */
const CONFLICT = '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'
const NOT_EXIST =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'

const seed = [
  { _id: '1', category: 'Web', tags: ['JavaScript', 'C#'] },
  { _id: '2', category: 'Web', tags: ['Go', 'C#'] },
]

export default defineArea('database: transactions', [
  {
    id: 'tx.conflict-detection',
    title: '冲突检测: T1 reads a document, T2 updates it without waiting for T1, T1’s update then fails at once with the conflict; T2 commits',
    source: `${UPSTREAM} › 冲突检测`,
    async run({ db, freshCollection, failure }) {
      const name = await freshCollection(seed)
      const t1 = await db.startTransaction()
      const t2 = await db.startTransaction()
      const doc = await t1.collection(name).doc('1').get()
      const t2Update = await t2.collection(name).doc('1').update({ data: { category: '冲突检测' } })
      const t1Update = await failure(t1.collection(name).doc('1').update({ data: { category: `${doc.data.category}冲突检测` } }))
      await t2.commit()
      const after = await db.collection(name).doc('1').get()
      return { t2Updated: t2Update.stats.updated, t1Update, after: after.data.category }
    },
    check(r, expect) {
      expect(r.t2Updated).toBe(1)
      expect(r.t1Update).toMatchObject({ errCode: -501001 })
      expect(r.t1Update.code).toBeUndefined()
      expect(r.t1Update.errMsg).toContain(CONFLICT)
      expect(r.after).toBe('冲突检测')
    },
  },
  {
    id: 'tx.read-snapshot',
    title: '读快照: a transaction’s update is invisible outside until commit; inside, reads see it',
    source: `${UPSTREAM} › 读快照`,
    async run({ db, freshCollection }) {
      const name = await freshCollection(seed)
      const t = await db.startTransaction()
      await t.collection(name).doc('1').update({ data: { category: 'update in transaction' } })
      const outside = await db.collection(name).doc('1').get()
      const inside = await t.collection(name).doc('1').get()
      await t.rollback()
      const afterRollback = await db.collection(name).doc('1').get()
      return { outside: outside.data, inside: inside.data, afterRollback: afterRollback.data }
    },
    check(r, expect) {
      expect(r.outside).toEqual(seed[0])
      expect(r.inside).toEqual({ ...seed[0], category: 'update in transaction' })
      expect(r.afterRollback).toEqual(seed[0])
    },
  },
  {
    id: 'tx.read-skew',
    title: '读偏: plain sets made after the transaction read are not seen by its later reads (a snapshot); its update of such a document fails with the conflict',
    source: `${UPSTREAM} › 读偏`,
    async run({ db, freshCollection, failure }) {
      const name = await freshCollection(seed)
      const t = await db.startTransaction()
      await t.collection(name).doc('1').get()
      // a transaction's read takes no lock: these plain writes go through at once
      await db.collection(name).doc('1').set({ data: { category: 'wwwwwwwwwwwwwwwww' } })
      await db.collection(name).doc('2').set({ data: { category: 'hhhhhhhhhhhhhhh' } })
      const snapshot1 = await t.collection(name).doc('1').get()
      const snapshot2 = await t.collection(name).doc('2').get()
      const update = await failure(t.collection(name).doc('1').update({ data: { category: 'transactiontransactiontransaction' } }))
      const after = await db.collection(name).doc('1').get()
      return { snapshot1: snapshot1.data, snapshot2: snapshot2.data, update, after: after.data }
    },
    check(r, expect) {
      expect(r.snapshot1).toEqual(seed[0])
      expect(r.snapshot2).toEqual(seed[1])
      expect(r.update.errMsg).toContain(CONFLICT)
      expect(r.after).toEqual({ _id: '1', category: 'wwwwwwwwwwwwwwwww' })
    },
  },
  {
    id: 'tx.write-skew-allowed',
    title: 'write skew: T1 reads 1 and writes 2, T2 reads 2 and writes 1 — both commit (snapshot isolation, not serializable)',
    source: `${UPSTREAM} › write skew`,
    async run({ db, freshCollection, failure }) {
      const name = await freshCollection(seed)
      const t1 = await db.startTransaction()
      const t2 = await db.startTransaction()
      const doc1 = await t1.collection(name).doc('1').get()
      const doc2 = await t2.collection(name).doc('2').get()
      await t1.collection(name).doc('2').set({ data: { category: `${doc1.data.category}doc1` } })
      await t2.collection(name).doc('1').set({ data: { category: `${doc2.data.category}doc2` } })
      const commit1 = await failure(t1.commit())
      const commit2 = await failure(t2.commit())
      const [a, b] = await Promise.all([db.collection(name).doc('1').get(), db.collection(name).doc('2').get()])
      return { commit1, commit2, one: a.data.category, two: b.data.category }
    },
    check(r, expect) {
      expect(r).toEqual({ commit1: null, commit2: null, one: 'Webdoc2', two: 'Webdoc1' })
    },
  },
  {
    id: 'tx.closed-after-commit',
    title: '事务提交后, 不能进行其它操作: any operation on a committed transaction fails with DATABASE_TRANSACTION_FAIL “…must be commit or abort in 30 seconds…”',
    source: `${UPSTREAM} › 事务提交后, 不能进行其它操作`,
    async run({ db, freshCollection, failure }) {
      const name = await freshCollection(seed)
      const t = await db.startTransaction()
      await t.commit()
      const set = await failure(t.collection(name).doc('1').set({ data: { category: 'Node.js' } }))
      const commitAgain = await failure(t.commit())
      const after = await db.collection(name).doc('1').get()
      return { set, commitAgain, after: after.data }
    },
    check(r, expect) {
      // wx-server-sdk: errCode + the server's message; the raw commit keeps the code
      expect(r.set.errMsg).toContain(NOT_EXIST)
      expect(r.commitAgain).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST })
      expect(r.after).toEqual(seed[0])
    },
  },
  {
    id: 'tx.conflict-aborts-the-transaction',
    title: 'a write conflict aborts the transaction on the server: its rollback and its commit then fail (“mongo write conflict 时会自动 rollback，兜底的 rollback 会报错”)',
    source: `${UPSTREAM} › rollback within runTransaction`,
    async run({ db, freshCollection, failure }) {
      const name = await freshCollection(seed)
      const t = await db.startTransaction()
      await t.collection(name).doc('1').get()
      await db.collection(name).doc('1').set({ data: { category: 'wwwwwwwwwwwwwwwww' } })
      const update = await failure(t.collection(name).doc('1').update({ data: { category: 'transactiontransactiontransaction' } }))
      const read = await failure(t.collection(name).doc('2').get())
      const rollback = await failure(t.rollback())
      const commit = await failure(t.commit())
      return { update, read, rollback, commit }
    },
    check(r, expect) {
      expect(r.update.errMsg).toContain(CONFLICT)
      expect(r.read.errMsg).toContain(NOT_EXIST)
      expect(r.rollback).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST })
      expect(r.commit).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST })
    },
  },
  {
    id: 'tx.run-transaction-rollback',
    title: 'rollback within runTransaction: runTransaction rejects with the value given to rollback (or undefined) and nothing is applied',
    source: `${UPSTREAM} › rollback within runTransaction`,
    async run({ db, freshCollection }) {
      const name = await freshCollection(seed)
      const reasons: unknown[] = []
      for (const reason of ['luke', undefined]) {
        try {
          await db.runTransaction(async (t: any) => {
            await t.collection(name).doc('1').update({ data: { category: 'rolled back' } })
            await t.rollback(reason)
          })
          reasons.push('resolved')
        } catch (e) {
          reasons.push(e === undefined ? 'undefined' : e)
        }
      }
      const after = await db.collection(name).doc('1').get()
      return { reasons, after: after.data }
    },
    check(r, expect) {
      expect(r.reasons).toEqual(['luke', 'undefined'])
      expect(r.after).toEqual(seed[0])
    },
  },
  {
    id: 'tx.run-transaction-does-not-retry-callback-conflicts',
    title:
      'through wx-server-sdk, a conflict raised by a document operation inside runTransaction’s callback has no `code` (errCode -501001 + the message), so runTransaction does not retry it: the callback runs once and the call rejects',
    source: `${RUN_TRANSACTION} (只有事务冲突时会重试) — and ${UPSTREAM} › rollback within runTransaction (the same steps, whose error keeps its code only in node-sdk)`,
    async run({ db, freshCollection, failure }) {
      const name = await freshCollection(seed)
      let calls = 0
      const err = await failure(
        db.runTransaction(async (t: any) => {
          calls++
          await t.collection(name).doc('1').get()
          await db.collection(name).doc('1').set({ data: { category: 'wwwwwwwwwwwwwwwww' } })
          await t.collection(name).doc('1').update({ data: { category: 'transactiontransactiontransaction' } })
        }),
      )
      // a conflict at commit keeps its code: runTransaction does retry that (a mocked one, as upstream)
      let mocked = 0
      const retried = await failure(
        db.runTransaction(async () => {
          mocked++
          throw { code: 'DATABASE_TRANSACTION_CONFLICT', message: CONFLICT }
        }),
      )
      const after = await db.collection(name).doc('1').get()
      return { calls, err, mocked, retried, after: after.data.category }
    },
    check(r, expect) {
      expect(r.calls).toBe(1)
      expect(r.err.code).toBeUndefined()
      expect(r.err.errCode).toBe(-501001)
      expect(r.err.errMsg).toContain(CONFLICT)
      expect(r.mocked).toBe(4) // the first run + 3 retries (default times = 3)
      expect(r.retried).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
      expect(r.after).toBe('wwwwwwwwwwwwwwwww')
    },
  },
  {
    id: 'tx.write-write-conflict',
    title: 'write-write: a second transaction writing a document another transaction has written fails at once with the conflict; the first commits',
    source: `${GUIDE} (事务锁: 其它事务的写入会直接失败)`,
    async run({ db, freshCollection, failure }) {
      const name = await freshCollection(seed)
      const t1 = await db.startTransaction()
      const t2 = await db.startTransaction()
      await t1.collection(name).doc('1').update({ data: { category: 't1' } })
      const second = await failure(t2.collection(name).doc('1').remove())
      const t2Commit = await failure(t2.commit())
      await t1.commit()
      const after = await db.collection(name).doc('1').get()
      return { second, t2Commit, after: after.data.category }
    },
    check(r, expect) {
      expect(r.second.errMsg).toContain(CONFLICT)
      expect(r.t2Commit).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
      expect(r.after).toBe('t1')
    },
  },
  {
    id: 'tx.plain-write-waits-for-lock',
    title: 'a plain update of a document a transaction has written waits until the transaction ends, then applies on top of it',
    source: `${GUIDE} (普通的更新操作会被阻塞，直到事务锁释放或者超时); https://jira.mongodb.org/browse/SERVER-34650`,
    async run({ db, _, freshCollection, sleep }) {
      const name = await freshCollection([{ _id: 'c', n: 0, by: [] }])
      const t = await db.startTransaction()
      await t.collection(name).doc('c').update({ data: { n: 10, by: ['tx'] } })
      let settled = false
      const plain = db
        .collection(name)
        .doc('c')
        .update({ data: { n: _.inc(1), by: _.push('plain') } })
        .then((r: any) => {
          settled = true
          return r
        })
      await sleep(300)
      const beforeCommit = { settled, doc: (await db.collection(name).doc('c').get()).data }
      await t.commit()
      const res = await plain
      const after = await db.collection(name).doc('c').get()
      return { beforeCommit, updated: res.stats.updated, after: after.data }
    },
    check(r, expect) {
      expect(r.beforeCommit).toEqual({ settled: false, doc: { _id: 'c', n: 0, by: [] } })
      expect(r.updated).toBe(1)
      expect(r.after).toEqual({ _id: 'c', n: 11, by: ['tx', 'plain'] })
    },
  },
  {
    id: 'tx.plain-write-ignores-reads',
    title: 'a transaction’s reads take no lock: a plain update of a document it only read applies at once',
    source: `${UPSTREAM} › 读偏`,
    async run({ db, freshCollection }) {
      const name = await freshCollection(seed)
      const t = await db.startTransaction()
      await t.collection(name).doc('2').get()
      const res = await db.collection(name).doc('2').update({ data: { category: 'plain' } })
      const seenOutside = await db.collection(name).doc('2').get()
      await t.rollback()
      return { updated: res.stats.updated, seenOutside: seenOutside.data.category }
    },
    check(r, expect) {
      expect(r).toEqual({ updated: 1, seenOutside: 'plain' })
    },
  },
  {
    id: 'tx.insert-insert-same-id',
    title: 'two transactions adding the same _id: the second gets the write conflict; the first commits',
    source: `${GUIDE} (事务锁: 其它事务的写入会直接失败) — MongoDB: concurrent inserts of one key are write-write conflicts`,
    async run({ db, freshCollection, failure }) {
      const name = await freshCollection()
      const t1 = await db.startTransaction()
      const t2 = await db.startTransaction()
      await t1.collection(name).add({ data: { _id: 'x', by: 't1' } })
      const second = await failure(t2.collection(name).add({ data: { _id: 'x', by: 't2' } }))
      await t1.commit()
      const after = await db.collection(name).doc('x').get()
      return { second, after: after.data }
    },
    check(r, expect) {
      expect(r.second.errMsg).toContain(CONFLICT)
      expect(r.after).toEqual({ _id: 'x', by: 't1' })
    },
  },
  {
    id: 'tx.duplicate-key',
    title: 'a transaction adding a unique key that committed data already holds gets DATABASE_DUPLICATE_WRITE (E11000), not a conflict',
    source: 'https://docs.cloudbase.net/en/error-code/DATABASE_DUPLICATE_WRITE (index key duplicate, e.g. the same _id or a unique index field)',
    async run({ db, failure }) {
      const key = `k-${Date.now()}-${Math.random()}`
      await db.collection('conf_unique').add({ data: { key } })
      const t = await db.startTransaction()
      const dup = await failure(t.collection('conf_unique').add({ data: { key } }))
      const other = await t.collection('conf_unique').add({ data: { key: `${key}-2` } })
      await t.commit()
      const { total } = await db.collection('conf_unique').where({ key: db.RegExp({ regexp: `^${key.replace(/\./g, '\\.')}` }) }).count()
      return { dup, other: !!other._id, total }
    },
    check(r, expect) {
      expect(r.dup.errMsg).toMatch(/E11000/)
      expect(r.dup.errMsg).not.toContain('TransactionConflict')
      expect(r).toMatchObject({ other: true, total: 2 })
    },
  },
])
