/**
 * The two protobuf messages of `wx.openApi`, hand-coded (field numbers from wx-server-sdk 4.0.2's
 * generated code; wx-server-sdk ships no .proto file, only static code inside its bundle):
 *
 *   message KeyValuePair   { string key = 1; bytes value = 2; string contenttype = 3; string filename = 4; }
 *   message OpenApiData    { repeated KeyValuePair pairs = 1; }
 *   message CommApiData    { ApiType apiType = 1; OpenApiData openapiData = 2; … ; string appid = 6; }
 *   message CommOpenApiResp{ bytes respData = 1; string contentType = 2; int32 errorCode = 3; uint32 httpCode = 4; … }
 */

export interface KeyValuePair {
  key: string
  value: Buffer
  contentType?: string
  filename?: string
}

export interface CommApiData {
  apiType: number
  pairs: KeyValuePair[]
  appid?: string
}

class Reader {
  pos = 0
  constructor(private readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length
  }
  varint(): number {
    let result = 0
    let shift = 0
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated varint')
      const b = this.buf[this.pos++]
      result += (b & 0x7f) * 2 ** shift
      if (b < 0x80) return result
      shift += 7
      if (shift > 63) throw new Error('varint too long')
    }
  }
  bytes(): Buffer {
    const len = this.varint()
    if (this.pos + len > this.buf.length) throw new Error('truncated field')
    const out = this.buf.subarray(this.pos, this.pos + len)
    this.pos += len
    return out
  }
  skip(wireType: number): void {
    if (wireType === 0) this.varint()
    else if (wireType === 1) this.pos += 8
    else if (wireType === 2) this.bytes()
    else if (wireType === 5) this.pos += 4
    else throw new Error(`unsupported wire type ${wireType}`)
  }
  /** Iterates over (field number, wire type) tags. */
  *fields(): Generator<[number, number]> {
    while (!this.done) {
      const tag = this.varint()
      yield [Math.floor(tag / 8), tag & 7]
    }
  }
}

function decodePair(buf: Buffer): KeyValuePair {
  const r = new Reader(buf)
  const pair: KeyValuePair = { key: '', value: Buffer.alloc(0) }
  for (const [field, wt] of r.fields()) {
    if (field === 1 && wt === 2) pair.key = r.bytes().toString('utf8')
    else if (field === 2 && wt === 2) pair.value = Buffer.from(r.bytes())
    else if (field === 3 && wt === 2) pair.contentType = r.bytes().toString('utf8')
    else if (field === 4 && wt === 2) pair.filename = r.bytes().toString('utf8')
    else r.skip(wt)
  }
  return pair
}

export function decodeCommApiData(buf: Buffer): CommApiData {
  const r = new Reader(buf)
  const out: CommApiData = { apiType: 0, pairs: [] }
  for (const [field, wt] of r.fields()) {
    if (field === 1 && wt === 0) out.apiType = r.varint()
    else if (field === 2 && wt === 2) {
      const inner = new Reader(r.bytes())
      for (const [f2, wt2] of inner.fields()) {
        if (f2 === 1 && wt2 === 2) out.pairs.push(decodePair(inner.bytes()))
        else inner.skip(wt2)
      }
    } else if (field === 6 && wt === 2) out.appid = r.bytes().toString('utf8')
    else r.skip(wt)
  }
  return out
}

function varint(n: number): Buffer {
  const out: number[] = []
  let v = n
  if (v < 0) v += 2 ** 64 // int32 negatives are sign-extended to 10 bytes
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80)
    v = Math.floor(v / 0x80)
  }
  out.push(v)
  return Buffer.from(out)
}

function lenField(field: number, data: Buffer): Buffer {
  return Buffer.concat([varint(field * 8 + 2), varint(data.length), data])
}

export function encodeCommOpenApiResp(msg: { respData: Buffer; contentType: string; errorCode?: number; httpCode?: number }): Buffer {
  const parts = [lenField(1, msg.respData), lenField(2, Buffer.from(msg.contentType, 'utf8'))]
  if (msg.errorCode) parts.push(varint(3 * 8), varint(msg.errorCode))
  if (msg.httpCode) parts.push(varint(4 * 8), varint(msg.httpCode))
  return Buffer.concat(parts)
}

/** For tests: the request side, as the SDK encodes it. */
export function encodeCommApiData(msg: CommApiData): Buffer {
  const pairs = msg.pairs.map((p) => {
    const fields = [lenField(1, Buffer.from(p.key)), lenField(2, p.value)]
    if (p.contentType) fields.push(lenField(3, Buffer.from(p.contentType)))
    if (p.filename) fields.push(lenField(4, Buffer.from(p.filename)))
    return lenField(1, Buffer.concat(fields))
  })
  const parts = [varint(8), varint(msg.apiType), lenField(2, Buffer.concat(pairs))]
  if (msg.appid) parts.push(lenField(6, Buffer.from(msg.appid)))
  return Buffer.concat(parts)
}
