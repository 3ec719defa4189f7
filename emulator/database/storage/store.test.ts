import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { DurableStore, type Doc, type StoreOp, type StoreSink } from './store'
import { frame, readWal } from './wal'

/** A sink that rebuilds plain maps, to see what recovery produced. */
class MapSink implements StoreSink {
  colls = new Map<string, Map<unknown, Doc>>()
  createCollection(name: string) {
    if (!this.colls.has(name)) this.colls.set(name, new Map())
  }
  loadDoc(c: string, d: Doc) {
    this.createCollection(c)
    this.colls.get(c)!.set(d._id, d)
  }
  apply(ops: StoreOp[]) {
    for (const op of ops) {
      if (op.o === 'create') this.createCollection(op.c)
      else if (op.o === 'put') this.loadDoc(op.c, op.d)
      else this.colls.get(op.c)?.delete(op.id)
    }
  }
  dump = () => [...this.colls].map(([name, m]) => ({ name, docs: m.values() }))
  collectionLoaded?: (name: string) => void
}

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-store-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

async function open() {
  const sink = new MapSink()
  const store = await DurableStore.open(dir, sink)
  await store.loaded // a snapshot over 8 MiB is served while it loads
  return { sink, store }
}

/** a snapshot holding just `docs` in collection `c` (the store closed after it) */
async function saveSnapshot(c: string, docs: Doc[]) {
  const { sink, store } = await open()
  sink.apply(docs.map((d) => ({ o: 'put', c, d })))
  await store.compact(sink.dump)
  await store.close()
}

/** the documents of `c` after reopening, and how many the snapshot held */
async function reopened(c: string) {
  const { sink, store } = await open()
  await store.close()
  return { docs: [...sink.colls.get(c)!.values()], snapshotDocs: store.info.snapshotDocs }
}

/** apply to the sink as the database does, then log */
function write(sink: MapSink, store: DurableStore, ops: StoreOp[]) {
  sink.apply(ops)
  return store.append(ops)
}

test('records are replayed after reopening; dates survive', async () => {
  const { sink, store } = await open()
  await write(sink, store, [{ o: 'create', c: 'a' }])
  await write(sink, store, [{ o: 'put', c: 'a', d: { _id: 'x', n: 1, at: new Date(7) } }])
  await write(sink, store, [
    { o: 'put', c: 'a', d: { _id: 'y', n: 2 } },
    { o: 'del', c: 'a', id: 'x' },
  ])
  await store.close()
  const again = await open()
  expect([...again.sink.colls.get('a')!.values()]).toEqual([{ _id: 'y', n: 2 }])
  expect(again.store.info.replayedRecords).toBe(3)
  await write(again.sink, again.store, [{ o: 'put', c: 'a', d: { _id: 'z', at: new Date(9) } }])
  await again.store.close()
  const third = await open()
  expect(third.sink.colls.get('a')!.get('z')).toEqual({ _id: 'z', at: new Date(9) })
  await third.store.close()
})

test('a torn or corrupt tail is ignored and truncated; later appends are readable', async () => {
  const { sink, store } = await open()
  await write(sink, store, [{ o: 'put', c: 'a', d: { _id: 1 } }])
  await write(sink, store, [{ o: 'put', c: 'a', d: { _id: 2 } }])
  await store.close()
  const wal = fs.readdirSync(dir).find((f) => f.startsWith('wal-'))!
  const p = path.join(dir, wal)
  const good = fs.statSync(p).size
  // half of a third record (torn write) …
  const third = frame(Buffer.from(JSON.stringify([{ o: 'put', c: 'a', d: { _id: 3 } }])))
  fs.appendFileSync(p, third.subarray(0, third.length - 5))
  let r = await open()
  expect([...r.sink.colls.get('a')!.keys()]).toEqual([1, 2])
  expect(r.store.info.droppedTailBytes).toBe(third.length - 5)
  expect(fs.statSync(p).size).toBe(good)
  await write(r.sink, r.store, [{ o: 'put', c: 'a', d: { _id: 4 } }])
  await r.store.close()
  // … and a complete frame with a bad checksum
  const bad = frame(Buffer.from('[]'))
  bad[bad.length - 1] ^= 0xff
  fs.appendFileSync(p, bad)
  r = await open()
  expect([...r.sink.colls.get('a')!.keys()]).toEqual([1, 2, 4])
  expect(readWal(p).records).toHaveLength(3)
  await r.store.close()
})

test('compaction writes a snapshot, starts a new log generation and drops the old one', async () => {
  const { sink, store } = await open()
  await write(sink, store, [{ o: 'create', c: 'empty' }])
  for (let i = 0; i < 50; i++) await write(sink, store, [{ o: 'put', c: 'a', d: { _id: i, v: i } }])
  const p = store.compact(sink.dump)
  // writes during the compaction land in the new generation
  await write(sink, store, [{ o: 'del', c: 'a', id: 0 }])
  await p
  await write(sink, store, [{ o: 'put', c: 'a', d: { _id: 'after' } }])
  await store.close()
  const files = fs.readdirSync(dir).sort()
  expect(files).toEqual(['snapshot.ndjson', 'wal-00000001.log'])
  const again = await open()
  expect(again.sink.colls.get('a')!.size).toBe(50) // 50 - 1 deleted + 1 added
  expect(again.sink.colls.get('a')!.has(0)).toBe(false)
  expect(again.sink.colls.has('empty')).toBe(true)
  expect(again.store.info.snapshotDocs).toBe(50)
  expect(again.store.info.replayedRecords).toBe(2)
  await again.store.close()
})

test('an interrupted compaction (temp snapshot, two log generations) recovers from the logs', async () => {
  const { sink, store } = await open()
  for (let i = 0; i < 5; i++) await write(sink, store, [{ o: 'put', c: 'a', d: { _id: i } }])
  await store.close()
  // what a crash between "switch logs" and "rename snapshot" leaves behind
  fs.writeFileSync(path.join(dir, 'snapshot.ndjson.tmp'), '{"format":"xiaoge-emulator-db","gen":1,"collections":[]}\n{"$collection":"a"}\n')
  fs.writeFileSync(path.join(dir, 'wal-00000001.log'), frame(Buffer.from(JSON.stringify([{ o: 'del', c: 'a', id: 0 }]))))
  const again = await open()
  expect([...again.sink.colls.get('a')!.keys()]).toEqual([1, 2, 3, 4])
  expect(fs.existsSync(path.join(dir, 'snapshot.ndjson.tmp'))).toBe(false)
  await again.store.close()
})

test('a snapshot without its end marker is refused (outside damage), not silently half-loaded', async () => {
  const { sink, store } = await open()
  await write(sink, store, [{ o: 'put', c: 'a', d: { _id: 1 } }])
  await store.compact(sink.dump)
  await store.close()
  const snap = path.join(dir, 'snapshot.ndjson')
  const text = fs.readFileSync(snap, 'utf8')
  fs.writeFileSync(snap, text.slice(0, text.indexOf('{"$end"')))
  await expect(open()).rejects.toThrow(/incomplete/)
})

test('a snapshot of many megabytes is streamed out and in: every document back, lines split between read pieces intact', async () => {
  // ~8 MB (escaped) of 3-byte characters and odd line lengths, so 1 MB pieces end inside lines
  const docs = Array.from({ length: 6000 }, (_, i) => ({ _id: i, text: '驿站'.repeat(100 + (i % 37)), at: new Date(i) }))
  await saveSnapshot('big', docs)
  expect(fs.statSync(path.join(dir, 'snapshot.ndjson')).size).toBeGreaterThan(3 << 20)
  expect(await reopened('big')).toEqual({ docs, snapshotDocs: 6000 })
})

test('the snapshot is written ASCII-only: Chinese text, emoji (surrogate pairs) and lone surrogates come back unchanged', async () => {
  const docs = [
    { _id: '驿站-1', name: '小哥驿站 · 测试', note: 'é ü ß', emoji: '骑手🛵到了😀', lone: 'a\ud800b\udfffc', nested: { tags: ['饮水点', '🚻'] } },
    { _id: 2, plain: 'ascii only', at: new Date(5) },
  ]
  await saveSnapshot('a', docs)
  const bytes = fs.readFileSync(path.join(dir, 'snapshot.ndjson'))
  expect(bytes.every((b) => b < 0x80)).toBe(true)
  expect(bytes.toString('latin1')).toContain('\\ud83d\\udef5') // 🛵 as its two escaped surrogates
  expect((await reopened('a')).docs).toEqual(docs)
})

test('a snapshot written before the ASCII escaping (raw UTF-8, characters split between read pieces) still loads', async () => {
  // ~3.5 MB of 3- and 4-byte characters and odd line lengths, so 1 MB pieces end inside characters
  const docs = Array.from({ length: 6000 }, (_, i) => ({ _id: i, text: '驿站'.repeat(100 + (i % 37)) + '🛵'.repeat(i % 3), at: new Date(i) }))
  await saveSnapshot('old', docs)
  // rewrite it as the previous version did: the same JSON with the characters raw
  const snap = path.join(dir, 'snapshot.ndjson')
  const lines = fs.readFileSync(snap, 'latin1').split('\n')
  fs.writeFileSync(snap, lines.map((l) => (l ? JSON.stringify(JSON.parse(l)) : l)).join('\n'))
  expect(fs.readFileSync(snap).some((b) => b >= 0x80)).toBe(true)
  expect(fs.statSync(snap).size).toBeGreaterThan(3 << 20)
  expect(await reopened('old')).toEqual({ docs, snapshotDocs: 6000 })
})

test('a big snapshot is served while it loads: small collections first, each with its logged writes; writes meanwhile follow them; compaction waits for the load', async () => {
  const { sink, store } = await open()
  const big = Array.from({ length: 3000 }, (_, i) => ({ _id: i, text: 'x'.repeat(1000 + (i % 7)) })) // ~3 MB: three read pieces
  sink.apply(big.map((d) => ({ o: 'put', c: 'big', d })))
  sink.apply([{ o: 'put', c: 'small', d: { _id: 's1' } }])
  await store.compact(sink.dump)
  // logged after the snapshot: they must land on top of the documents they change
  await write(sink, store, [
    { o: 'put', c: 'big', d: { _id: 1, text: 'changed' } },
    { o: 'del', c: 'big', id: 2 },
    { o: 'put', c: 'small', d: { _id: 's2' } },
    { o: 'put', c: 'fresh', d: { _id: 'f1' } }, // a collection the snapshot does not have
  ])
  await store.close()

  const events: string[] = []
  const again = new MapSink()
  let bigAtLoaded: Map<unknown, Doc> | undefined
  let smallLoaded!: () => void
  const smallReady = new Promise<void>((r) => (smallLoaded = r))
  again.collectionLoaded = (name: string) => {
    events.push(name)
    if (name === 'big') bigAtLoaded = new Map(again.colls.get('big'))
    if (name === 'small') smallLoaded()
  }
  const s = await DurableStore.open(dir, again, { serveWhileLoadingAboveBytes: 0 })
  expect([...s.loading].sort()).toEqual(['big', 'small'])
  expect([...again.colls.get('fresh')!.keys()]).toEqual(['f1']) // nothing to wait for
  await smallReady
  expect(s.loading.has('big')).toBe(true) // still reading it
  expect([...again.colls.get('small')!.keys()]).toEqual(['s1', 's2'])
  // a write to the loaded collection while the other loads, and a compaction asked for meanwhile
  const written = write(again, s, [{ o: 'put', c: 'small', d: { _id: 'during' } }])
  const compaction = s.compact(again.dump).then(() => events.push('compacted'))
  expect(s.loading.has('big')).toBe(true)
  await written
  await s.loaded
  await compaction
  expect(events).toEqual(['fresh', 'small', 'big', 'compacted'])
  expect(bigAtLoaded!.size).toBe(2999)
  expect(bigAtLoaded!.get(1)).toEqual({ _id: 1, text: 'changed' })
  expect(bigAtLoaded!.has(2)).toBe(false)
  expect(s.info.snapshotDocs).toBe(3001)
  expect(s.info.loadedMillis).toBeGreaterThan(s.info.millis)
  expect(s.info.replayedRecords).toBe(1)
  await s.close()
  const third = await open()
  expect(third.store.info.snapshotDocs).toBe(3003) // the compaction waited: nothing of `big` was lost
  expect([...third.sink.colls.get('small')!.keys()]).toEqual(['s1', 's2', 'during'])
  expect(third.sink.colls.get('big')!.get(1)).toEqual({ _id: 1, text: 'changed' })
  await third.store.close()
})

test('writes during the load survive a crash during the load (the logs are appended after the old records)', async () => {
  const { sink, store } = await open()
  sink.apply(Array.from({ length: 3000 }, (_, i) => ({ o: 'put' as const, c: 'big', d: { _id: i, text: 'y'.repeat(1000) } })))
  sink.apply([{ o: 'put', c: 'small', d: { _id: 's1', n: 1 } }])
  await store.compact(sink.dump)
  await write(sink, store, [{ o: 'put', c: 'small', d: { _id: 's1', n: 2 } }])
  await store.close()
  const during = new MapSink()
  let smallLoaded!: () => void
  const smallReady = new Promise<void>((r) => (smallLoaded = r))
  during.collectionLoaded = (name: string) => name === 'small' && smallLoaded()
  const s = await DurableStore.open(dir, during, { serveWhileLoadingAboveBytes: 0 })
  await smallReady
  expect(during.colls.get('small')!.get('s1')).toEqual({ _id: 's1', n: 2 })
  const written = write(during, s, [{ o: 'put', c: 'small', d: { _id: 's1', n: 3 } }])
  expect(s.loading.has('big')).toBe(true)
  await written
  // a crash now leaves the files as they are: reopen from them without closing this store
  const after = await open()
  expect(after.sink.colls.get('small')!.get('s1')).toEqual({ _id: 's1', n: 3 })
  expect(after.sink.colls.get('big')!.size).toBe(3000)
  await after.store.close()
  await s.close()
})
