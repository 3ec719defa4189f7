/**
 * What the planner shows: `explain()` (plan, index, documents examined), the per-invocation
 * counters, the slow-query warning for a scan of more than `scanWarnDocs` documents (once per query
 * shape), and the shapes reported to `onQuery` for function calls — all through the real SDK.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { createDatabaseService, type DatabaseService } from './index'
import { servingIndex } from './query-shapes'
import { startAdminServer, loadSdk, type AdminServer } from './testing'

/* eslint-disable @typescript-eslint/no-explicit-any -- drives the untyped wx-server-sdk */
let svc: DatabaseService
let srv: AdminServer
let db: any
let tmp: string
const warnings: string[] = []
const recorded: any[] = []

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'db-visible-'))
  const schemaDir = path.join(tmp, 'schema')
  fs.mkdirSync(schemaDir)
  fs.writeFileSync(path.join(schemaDir, 'events.json'), JSON.stringify({ name: 'events', indexes: [{ name: 'user_at', keys: { user: 1, at: -1 } }] }))
  svc = await createDatabaseService({
    dataDir: path.join(tmp, 'data'),
    schemaDir,
    scanWarnDocs: 50,
    warn: (l) => warnings.push(l),
    onQuery: (r) => recorded.push(r),
  })
  await svc.importSnapshot({ collections: { events: Array.from({ length: 200 }, (_, i) => ({ _id: `e${i}`, user: `u${i % 4}`, at: { $date: new Date(i * 1000).toISOString() }, kind: i % 2 ? 'a' : 'b' })) } })
  srv = await startAdminServer(svc.handle)
  db = loadSdk(srv.port).database()
})

afterAll(async () => {
  await srv?.close()
  await svc?.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

/** runs `fn` as a function invocation (its admin calls carry the invocation's token) */
async function asInvocation(fn: () => Promise<any>) {
  const inv = srv.invocations.begin('events-fn', 'o-1')
  const prev = process.env.WX_API_TOKEN
  process.env.WX_API_TOKEN = inv.apiToken
  try {
    return { result: await fn(), counters: inv.counters }
  } finally {
    process.env.WX_API_TOKEN = prev
    srv.invocations.end(inv)
  }
}

test('explain: the index, and a walk that stops at the page', () => {
  expect(svc.explain!('events', { user: 'u1' }, { order: { at: -1 }, limit: 5 })).toMatchObject({ plan: 'IXSCAN', index: 'user_at', docsExamined: 5, returned: 5 })
  expect(svc.explain!('events', { kind: 'a' }, { limit: 5 })).toMatchObject({ plan: 'COLLSCAN', docsExamined: 10 })
})

test('a function query on the index: counted, recorded with its shape, no warning', async () => {
  const { result, counters } = await asInvocation(() => db.collection('events').where({ user: 'u2' }).orderBy('at', 'desc').limit(3).get())
  expect(result.data.map((d: any) => d._id)).toEqual(['e198', 'e194', 'e190'])
  expect(counters).toMatchObject({ reads: 1, docsExamined: 3 })
  const r = recorded.at(-1)
  expect(r).toMatchObject({ collection: 'events', op: 'get', fn: 'events-fn', plan: 'IXSCAN', index: 'user_at', order: [['at', -1]] })
  expect(r.shape).toMatchObject({ eq: ['user'] })
  expect(servingIndex([{ name: 'user_at', keys: { user: 1, at: -1 } }], r.shape, r.order)).toBe('user_at')
  expect(warnings).toEqual([])
})

test('a scan of more than scanWarnDocs documents warns once per shape, naming the collection and what to declare', async () => {
  await asInvocation(() => db.collection('events').where({ kind: 'a' }).orderBy('at', 'asc').limit(3).get())
  await asInvocation(() => db.collection('events').where({ kind: 'b' }).orderBy('at', 'asc').limit(3).get())
  expect(warnings).toHaveLength(1)
  expect(warnings[0]).toContain('MongoSlowQuery')
  expect(warnings[0]).toContain('events {kind=} orderBy at asc')
  expect(warnings[0]).toContain('docsExamined 200 of 200')
  expect(warnings[0]).toContain('database/events.json')
})

test('queries outside a function (tests, the inspector) are not recorded', async () => {
  const before = recorded.length
  await db.collection('events').where({ user: 'u1' }).limit(1).get()
  expect(recorded).toHaveLength(before)
})
