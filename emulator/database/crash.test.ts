/**
 * Durability under `kill -9`: a child process serves the database; we stream single inserts and
 * multi-document transactions at it over the admin protocol, record every acknowledged one, kill
 * the child mid-stream, restart it on the same data directory, and check that every acknowledged
 * write is there and that no transaction is half-applied. Then the same while a big snapshot is
 * still loading (it is served meanwhile).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import * as fs from 'node:fs'
import * as http from 'node:http'
import * as os from 'node:os'
import * as path from 'node:path'
import * as readline from 'node:readline'
import { createDatabaseService } from './index'

jest.setTimeout(90_000)

const ROOT = path.resolve(__dirname, '../..')
let tmp: string
let dataDir: string
let schemaDir: string

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'db-crash-'))
  dataDir = path.join(tmp, 'data')
  schemaDir = path.join(tmp, 'schema')
  fs.mkdirSync(schemaDir)
  fs.writeFileSync(path.join(schemaDir, 'events.json'), JSON.stringify({ name: 'events', indexes: [{ name: 'seq_u', keys: { seq: 1 }, unique: true }] }))
  fs.writeFileSync(path.join(schemaDir, 'counters.json'), JSON.stringify({ name: 'counters', indexes: [] }))
})
/** every child started, so that a failed expectation cannot leave one running (and jest waiting on it) */
const children = new Set<ChildProcess>()
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  children.clear()
})
afterAll(() => {
  agent.destroy()
  fs.rmSync(tmp, { recursive: true, force: true })
})

interface Child {
  child: ChildProcess
  port: number
  /** whether some collection was still loading when it started serving */
  loading: boolean
  /** resolves with the child's second line, once every collection is loaded */
  loaded: Promise<{ loadedMs: number; docs: number }>
}

async function startChild(dir = dataDir, args: string[] = []): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'serve-child.ts'), dir, schemaDir, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.add(child)
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]()
  const nextLine = async () => {
    const r = await lines.next()
    if (r.done) throw new Error(`child exited (${child.exitCode ?? child.signalCode})`)
    return JSON.parse(r.value as string)
  }
  const first = (await nextLine()) as { port: number; loading: boolean }
  const loaded = nextLine() as Promise<{ loadedMs: number; docs: number }>
  void loaded.catch(() => undefined) // killed before it loaded: nobody asks
  return { child, port: first.port, loading: first.loading, loaded }
}

async function kill9(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL')
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit')
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the admin API's JSON answers, read field by field
function call(port: number, action: string, body: Record<string, unknown>): Promise<any> {
  const text = JSON.stringify({ action, ...body })
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/admin', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          try {
            const j = JSON.parse(Buffer.concat(chunks).toString('utf8'))
            if (j.code) reject(Object.assign(new Error(j.message), { code: j.code }))
            else resolve(j)
          } catch (e) {
            reject(e)
          }
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(text)
  })
}

test('acknowledged writes survive kill -9; transactions are all-or-nothing', async () => {
  let { child, port } = await startChild()
  await call(port, 'database.insertDocument', { collectionName: 'counters', data: [JSON.stringify({ _id: 'total', n: 0 })] })

  const ackedInserts = new Set<number>()
  const ackedTx = new Set<number>()
  let seq = 0
  let tx = 0
  let stop = false

  const inserter = async () => {
    while (!stop) {
      const s = seq++
      try {
        await call(port, 'database.insertDocument', { collectionName: 'events', data: [JSON.stringify({ seq: s, kind: 'single', pad: 'x'.repeat(200) })] })
        ackedInserts.add(s)
      } catch {
        return // the server died
      }
    }
  }
  // each transaction inserts two documents and increments the shared counter (read-modify-write)
  const transactor = async () => {
    while (!stop) {
      const t = tx++
      try {
        const { transactionId } = await call(port, 'database.startTransaction', {})
        const ins = (part: number) =>
          call(port, 'database.insertDocument', { collectionName: 'events', transactionId, data: [JSON.stringify({ seq: `tx-${t}-${part}`, tx: t, part })] })
        await ins(1)
        const got = await call(port, 'database.getDocument', { collectionName: 'counters', transactionId, queryType: 'DOC', query: '{"_id":"total"}' })
        const n = JSON.parse(got.data.list[0]).n.$numberInt
        await ins(2)
        await call(port, 'database.modifyDocument', {
          collectionName: 'counters',
          transactionId,
          queryType: 'DOC',
          query: '{"_id":"total"}',
          data: JSON.stringify({ $set: { n: Number(n) + 1 } }),
          merge: true,
          multi: false,
        })
        await call(port, 'database.commitTransaction', { transactionId })
        ackedTx.add(t)
      } catch (e) {
        if ((e as { code?: string }).code === 'DATABASE_TRANSACTION_CONFLICT') continue
        return
      }
    }
  }

  const workers = [inserter(), inserter(), inserter(), inserter(), transactor(), transactor(), transactor()]
  // let the stream run, then kill -9 in the middle of it
  await new Promise((r) => setTimeout(r, 1200))
  expect(ackedInserts.size).toBeGreaterThan(50)
  expect(ackedTx.size).toBeGreaterThan(5)
  child.kill('SIGKILL')
  stop = true
  await Promise.all(workers)
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit')

  ;({ child, port } = await startChild())
  try {
    const all = await call(port, 'database.getDocument', { collectionName: 'events', queryType: 'WHERE', limit: 1000, query: '{"kind":"single"}' })
    // more than 1000 may exist: count and fetch in pages
    const total = (await call(port, 'database.calculateDocument', { collectionName: 'events', query: '{"kind":"single"}' })).data.total
    const present = new Set<number>()
    for (let off = 0; off < total; off += 1000) {
      const page = off === 0 ? all : await call(port, 'database.getDocument', { collectionName: 'events', queryType: 'WHERE', limit: 1000, offset: off, query: '{"kind":"single"}' })
      for (const s of page.data.list) present.add(Number(JSON.parse(s).seq.$numberInt))
    }
    for (const s of ackedInserts) expect(present.has(s)).toBe(true)

    const txDocs = await call(port, 'database.aggregateDocuments', {
      collectionName: 'events',
      stages: [
        { stageKey: '$match', stageValue: '{"tx":{"$exists":true}}' },
        { stageKey: '$group', stageValue: '{"_id":"$tx","parts":{"$sum":1}}' },
        // without $limit an aggregate answers 20 documents, as in production
        { stageKey: '$limit', stageValue: '100000' },
      ],
    })
    const groups = txDocs.data.list.map((s: string) => JSON.parse(s)) as { _id: { $numberInt: string }; parts: { $numberInt: string } }[]
    const complete = new Set<number>()
    for (const g of groups) {
      expect(g.parts.$numberInt).toBe('2') // never half a transaction
      complete.add(Number(g._id.$numberInt))
    }
    for (const t of ackedTx) expect(complete.has(t)).toBe(true)
    console.log(`crash test: ${ackedInserts.size} inserts and ${ackedTx.size} transactions acknowledged; ${present.size} inserts and ${complete.size} transactions present after restart`)
    // the counter moved exactly once per applied transaction
    const counter = await call(port, 'database.getDocument', { collectionName: 'counters', queryType: 'DOC', query: '{"_id":"total"}' })
    expect(Number(JSON.parse(counter.data.list[0]).n.$numberInt)).toBe(complete.size)
  } finally {
    child.kill('SIGKILL')
  }
})

test('a big snapshot is served while it loads: a call waits only for its collection; writes made during the load survive kill -9 during the load', async () => {
  const dir = path.join(tmp, 'big')
  // ~12 MB: a snapshot of 20,000 events (the big collection) and one counter (the small one) …
  const svc = await createDatabaseService({ dataDir: dir, schemaDir })
  const events = Array.from({ length: 20_000 }, (_, i) => ({ _id: `e${i}`, seq: i, pad: '驿'.repeat(100) }))
  await svc.importSnapshot({ collections: { events, counters: [{ _id: 'total', n: 0 }] } }, { replace: true })
  // … and a write logged after it, which the restart applies on top of the snapshot's events
  await svc.handle({ action: 'database.insertDocument', body: { collectionName: 'events', data: [JSON.stringify({ _id: 'late', seq: -1 })] }, env: '', rawBody: Buffer.alloc(0), contentType: '' })
  await svc.close()
  const serveEarly = ['0']

  // 1. while `events` loads, `counters` answers; a query on `events` waits for it and sees the logged write
  let c = await startChild(dir, serveEarly)
  expect(c.loading).toBe(true)
  const order: string[] = []
  const late = call(c.port, 'database.getDocument', { collectionName: 'events', queryType: 'DOC', query: '{"_id":"late"}' }).then((r) => (order.push('events'), r))
  const during = call(c.port, 'database.insertDocument', { collectionName: 'counters', data: [JSON.stringify({ _id: 'during-1' })] }).then((r) => (order.push('counters'), r))
  await during
  const got = await late
  expect(order).toEqual(['counters', 'events'])
  expect(JSON.parse(got.data.list[0]).seq.$numberInt).toBe('-1')
  await c.loaded
  await kill9(c.child)

  // 2. a write acknowledged during the load, then kill -9 before the load ends
  c = await startChild(dir, serveEarly)
  expect(c.loading).toBe(true)
  await call(c.port, 'database.insertDocument', { collectionName: 'counters', data: [JSON.stringify({ _id: 'during-2' })] })
  const loadedFirst = await Promise.race([c.loaded.then(() => true), Promise.resolve(false)])
  await kill9(c.child)
  expect(loadedFirst).toBe(false) // the kill came while `events` was still loading

  // 3. everything is there: the snapshot, the logged write, both writes made during loads
  c = await startChild(dir, serveEarly)
  try {
    const { docs } = await c.loaded
    expect(docs).toBe(20_000 + 1 + 3)
    const counters = await call(c.port, 'database.getDocument', { collectionName: 'counters', queryType: 'WHERE', query: '{}' })
    expect(counters.data.list.map((d: string) => JSON.parse(d)._id).sort()).toEqual(['during-1', 'during-2', 'total'])
  } finally {
    await kill9(c.child)
  }
})
