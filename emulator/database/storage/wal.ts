/**
 * An append-only, checksummed, fsynced log file: the durability half of the database store.
 *
 * Frame: [u32 LE payload length][u32 LE crc32(payload)][payload]. A record is acknowledged only
 * after an fdatasync that started after its bytes were written, so an acknowledged record survives
 * `kill -9` (and power loss, as far as the disk honours fsync). A crash can leave a torn or garbage
 * tail: on open we stop at the first frame whose length runs past the end or whose checksum fails,
 * and truncate there — everything before it was written completely, everything after was never
 * acknowledged.
 *
 * Bytes are written synchronously at append time (one write() into the page cache, ~µs) so that the
 * file order always equals the order in which the caller applied the changes in memory; the fsync
 * is asynchronous and shared by every record written while the previous fsync ran (group commit).
 */
import * as fs from 'node:fs'
import { crc32 } from 'node:zlib'

const HEADER = 8
/** A length over this is certainly garbage (a torn header), not a record. */
const MAX_RECORD = 1 << 30

export interface WalReadResult {
  records: Buffer[]
  /** bytes of valid frames; the file is truncated to this */
  validBytes: number
  /** bytes dropped from a torn/corrupt tail */
  droppedBytes: number
}

/** Reads every complete, checksum-valid record; does not modify the file. */
export function readWal(path: string): WalReadResult {
  let buf: Buffer
  try {
    buf = fs.readFileSync(path)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], validBytes: 0, droppedBytes: 0 }
    throw e
  }
  const records: Buffer[] = []
  let pos = 0
  while (pos + HEADER <= buf.length) {
    const len = buf.readUInt32LE(pos)
    const sum = buf.readUInt32LE(pos + 4)
    if (len > MAX_RECORD || pos + HEADER + len > buf.length) break
    const payload = buf.subarray(pos + HEADER, pos + HEADER + len)
    if (crc32(payload) !== sum) break
    records.push(payload)
    pos += HEADER + len
  }
  return { records, validBytes: pos, droppedBytes: buf.length - pos }
}

export function frame(payload: Buffer): Buffer {
  const out = Buffer.allocUnsafe(HEADER + payload.length)
  out.writeUInt32LE(payload.length, 0)
  out.writeUInt32LE(crc32(payload), 4)
  payload.copy(out, HEADER)
  return out
}

export class Wal {
  private fd: number
  /** bytes in the file (all valid frames) */
  size: number
  private written = 0
  private synced = 0
  private syncing = false
  private failed: Error | undefined
  private waiters: { lsn: number; resolve: () => void; reject: (e: Error) => void }[] = []
  private closed = false

  /** Opens (creating if needed) the log for appending, after truncating a torn tail at `validBytes`. */
  constructor(
    readonly path: string,
    validBytes: number,
  ) {
    this.fd = fs.openSync(path, fs.constants.O_RDWR | fs.constants.O_CREAT)
    const st = fs.fstatSync(this.fd)
    if (st.size !== validBytes) {
      fs.ftruncateSync(this.fd, validBytes)
      fs.fsyncSync(this.fd)
    }
    this.size = validBytes
  }

  /** Writes one record now; the promise resolves once it is on disk. */
  append(payload: Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new Error('database log is closed'))
    if (this.failed) return Promise.reject(this.failed)
    const f = frame(payload)
    let off = 0
    while (off < f.length) off += fs.writeSync(this.fd, f, off, f.length - off, this.size + off)
    this.size += f.length
    return this.waitDurable(++this.written)
  }

  /** Resolves when every record written so far (or up to `lsn`) is on disk. */
  waitDurable(lsn = this.written): Promise<void> {
    if (this.failed) return Promise.reject(this.failed)
    if (this.synced >= lsn) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.waiters.push({ lsn, resolve, reject })
      if (!this.syncing) void this.syncLoop()
    })
  }

  private async syncLoop(): Promise<void> {
    this.syncing = true
    try {
      while (this.synced < this.written) {
        const target = this.written
        await new Promise<void>((res, rej) => fs.fdatasync(this.fd, (e) => (e ? rej(e) : res())))
        this.synced = target
        const ready = this.waiters.filter((w) => w.lsn <= target)
        this.waiters = this.waiters.filter((w) => w.lsn > target)
        for (const w of ready) w.resolve()
      }
    } catch (e) {
      // A failed fsync leaves the file in an unknown state (the "fsyncgate" lesson): refuse further writes.
      this.failed = e as Error
      for (const w of this.waiters) w.reject(this.failed)
      this.waiters = []
    } finally {
      this.syncing = false
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    await this.waitDurable().catch(() => undefined)
    this.closed = true
    fs.closeSync(this.fd)
  }
}
