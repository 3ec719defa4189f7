/**
 * The snapshot file (snapshot.ndjson) of the durable store: written streamed, read streamed.
 *
 *   line 1      header {format, version, gen, collections, createdAt}
 *   then        per collection a line {"$collection": name}, then one line per document (relaxed
 *               EJSON, ASCII only); collections in the header's order, the smallest first, so that
 *               at start-up the small ones are served while the big ones still load
 *   last line   {"$end": docCount}
 *
 * Never one string for the whole file, in either direction: any size can be saved and loaded.
 */
import { isAscii } from 'node:buffer'
import * as fs from 'node:fs'
import { decodeParsed, encodeValue } from '../ejson'

type Doc = Record<string, unknown>

export const SNAPSHOT_FORMAT = 'xiaoge-emulator-db'
/** the snapshot is written in pieces of about this many characters, read in pieces of this many bytes */
const CHUNK = 1 << 20

export interface SnapshotHeader {
  gen: number
  /** in the order of their sections */
  collections: string[]
  /** byte offset of the first line after the header */
  bodyStart: number
}

const ejsonCtx = { now: Date.now }
/** a line without `"$` holds no EJSON wrapper (stored field names never start with '$'): JSON.parse is all it needs */
const decodeDoc = (line: string): Doc => (line.includes('"$') ? decodeParsed(JSON.parse(line), ejsonCtx) : JSON.parse(line)) as Doc

const NON_ASCII = /[\u0080-\uffff]/g
const escapeChar = (c: string) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')
/**
 * JSON text with every non-ASCII character escaped (\uXXXX; an astral character is its two
 * surrogates, which JSON.parse joins again). Outside strings JSON is ASCII already, so this is still
 * the same JSON. Why: an ASCII file decodes as latin1 — a copy — where one Chinese name in a 1 MB
 * piece sends the whole piece down V8's slow UTF-8 path and makes every string two-byte.
 */
export const asciiJson = (json: string): string => json.replace(NON_ASCII, escapeChar)

/**
 * Streams `parts` into `file` (already open for writing; the caller makes it durable and renames it).
 * Returns the bytes written. The documents are serialised as it goes, so writes may continue
 * meanwhile (stored documents are replaced, never mutated in place).
 */
export async function writeSnapshot(fh: fs.promises.FileHandle, gen: number, parts: { name: string; docs: Doc[] }[]): Promise<number> {
  const ordered = [...parts].sort((a, b) => a.docs.length - b.docs.length)
  const count = parts.reduce((n, p) => n + p.docs.length, 0)
  let bytes = 0
  let pending: string[] = []
  let pendingChars = 0
  const flush = async () => {
    if (!pending.length) return
    const buf = Buffer.from(pending.join(''))
    pending = []
    pendingChars = 0
    bytes += buf.length
    await fh.write(buf)
  }
  const line = async (s: string) => {
    pending.push(s, '\n')
    pendingChars += s.length + 1
    if (pendingChars >= CHUNK) await flush()
  }
  await line(JSON.stringify({ format: SNAPSHOT_FORMAT, version: 1, gen, collections: ordered.map((p) => p.name), createdAt: new Date().toISOString() }))
  for (const { name, docs } of ordered) {
    await line(JSON.stringify({ $collection: name }))
    for (const d of docs) await line(asciiJson(JSON.stringify(encodeValue(d, { relaxed: true }))))
  }
  await line(JSON.stringify({ $end: count }))
  await flush()
  return bytes
}

/** The header line, read on its own (start-up serves once it knows the collections). */
export function readSnapshotHeader(file: string): SnapshotHeader {
  const fd = fs.openSync(file, 'r')
  try {
    const parts: Buffer[] = []
    let total = 0
    for (;;) {
      const buf = Buffer.allocUnsafe(64 * 1024)
      const n = fs.readSync(fd, buf, 0, buf.length, total)
      const nl = buf.subarray(0, n).indexOf(10)
      if (nl !== -1 || n === 0) {
        parts.push(buf.subarray(0, nl === -1 ? n : nl))
        const line = Buffer.concat(parts).toString('utf8')
        let h: { format?: string; gen?: number; collections?: string[] }
        try {
          h = JSON.parse(line) as typeof h
        } catch {
          throw new Error(`${file} is not an emulator database snapshot`)
        }
        if (h.format !== SNAPSHOT_FORMAT) throw new Error(`${file} is not an emulator database snapshot`)
        return { gen: Number(h.gen) || 0, collections: h.collections ?? [], bodyStart: total + (nl === -1 ? n : nl + 1) }
      }
      parts.push(buf.subarray(0, n))
      total += n
    }
  } finally {
    fs.closeSync(fd)
  }
}

export interface SnapshotReader {
  doc(collection: string, doc: Doc): void
  /** every document of the collection was read */
  sectionEnd(collection: string): void
  /** checked between pieces: stop reading (the store is closing) */
  stopped?(): boolean
}

/**
 * Reads the documents after the header, line by line, in 1 MB pieces (never the whole file in one
 * string). Awaits between pieces, so the service answers calls while a big snapshot loads.
 */
export async function readSnapshotBody(file: string, header: SnapshotHeader, reader: SnapshotReader): Promise<{ docs: number }> {
  let current: string | undefined
  let docs = 0
  let ended = false
  const onLine = (line: string): boolean => {
    if (!line) return true
    if (line.startsWith('{"$collection":')) {
      if (current !== undefined) reader.sectionEnd(current)
      current = (JSON.parse(line) as { $collection: string }).$collection
      return true
    }
    if (line.startsWith('{"$end":')) {
      if (current !== undefined) reader.sectionEnd(current)
      ended = true
      return false
    }
    if (current === undefined) throw new Error(`${file}: document before any collection`)
    reader.doc(current, decodeDoc(line))
    docs++
    return true
  }
  // each piece decoded as one string up to its last newline; the cut line at a piece's end (bytes,
  // so a character split between pieces is decoded whole) joins the next piece
  let rest: Buffer | undefined
  read: for await (const chunk of fs.createReadStream(file, { start: header.bodyStart, highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    if (reader.stopped?.()) throw new Error(`${file}: reading stopped, the store is closing`)
    let start = 0
    if (rest) {
      const nl = chunk.indexOf(10)
      if (nl === -1) {
        rest = Buffer.concat([rest, chunk])
        continue
      }
      const more = onLine(Buffer.concat([rest, chunk.subarray(0, nl)]).toString('utf8'))
      rest = undefined
      start = nl + 1
      if (!more) break
    }
    const last = chunk.lastIndexOf(10)
    if (last >= start) {
      // snapshots written before the ASCII escaping (raw UTF-8) still load, by the slow path
      const ascii = isAscii(chunk.subarray(start, last))
      const text = chunk.toString(ascii ? 'latin1' : 'utf8', start, last)
      let pos = 0
      for (;;) {
        const nl = text.indexOf('\n', pos)
        if (!onLine(nl === -1 ? text.slice(pos) : text.slice(pos, nl))) break read
        if (nl === -1) break
        pos = nl + 1
      }
      start = last + 1
    }
    if (start < chunk.length) rest = chunk.subarray(start)
  }
  if (!ended && rest) onLine(rest.toString('utf8'))
  // The snapshot is renamed into place only after it was fsynced whole, so a missing end marker
  // means outside damage: refuse to start rather than silently serve partial data.
  if (!ended) throw new Error(`${file} is incomplete (no end marker); restore it or remove the data directory`)
  return { docs }
}
