/**
 * Draws the four tab-bar icons (normal + selected) as 81×81 PNGs with pure JS: shapes as signed
 * distance functions, 4×4 supersampling for anti-aliasing, PNG written with node:zlib.
 * The weapp tab bar can't use SVG, and each icon must stay small (≤ 10 KB; these are ~1 KB).
 *
 *   npx tsx scripts/make-tab-icons.ts        writes src/assets/tab/*.png
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { deflateSync } from 'node:zlib'

const SIZE = 81
const OUT = resolve(__dirname, '..', 'src', 'assets', 'tab')
const COLORS = { normal: [0x7a, 0x7e, 0x87], active: [0xff, 0x7a, 0x00] } as const

/** coverage(x, y) in the 0..81 square: > 0 inside the shape. Built from these helpers. */
type Shape = (x: number, y: number) => boolean

const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const ring = (cx: number, cy: number, r: number, w: number): Shape => (x, y) => {
  const d = Math.hypot(x - cx, y - cy)
  return d <= r && d >= r - w
}
const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const roundRect = (x0: number, y0: number, x1: number, y1: number, r: number): Shape => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false
  const cx = Math.min(Math.max(x, x0 + r), x1 - r)
  const cy = Math.min(Math.max(y, y0 + r), y1 - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}
/** triangle by three points (barycentric sign test) */
const tri = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape => (x, y) => {
  const s = (px: number, py: number, qx: number, qy: number) => (x - qx) * (py - qy) - (px - qx) * (y - qy)
  const d1 = s(ax, ay, bx, by)
  const d2 = s(bx, by, cx, cy)
  const d3 = s(cx, cy, ax, ay)
  const neg = d1 < 0 || d2 < 0 || d3 < 0
  const pos = d1 > 0 || d2 > 0 || d3 > 0
  return !(neg && pos)
}
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y))
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y)

const ICONS: Record<string, Shape> = {
  // map pin with a hole
  map: minus(union(circle(40.5, 32, 20), tri(22.5, 40, 58.5, 40, 40.5, 70)), circle(40.5, 32, 8)),
  // speech bubble with three dots
  suggestions: minus(
    union(roundRect(12, 16, 69, 56, 12), tri(24, 50, 40, 50, 22, 68)),
    union(circle(27.5, 36, 4.5), circle(40.5, 36, 4.5), circle(53.5, 36, 4.5)),
  ),
  // coin with a star-ish diamond
  points: union(ring(40.5, 40.5, 28, 6), tri(40.5, 24, 30, 40.5, 51, 40.5), tri(30, 40.5, 51, 40.5, 40.5, 57)),
  // person: head + shoulders
  me: union(circle(40.5, 27, 13), minus(circle(40.5, 74, 30), rect(0, 70, 81, 81))),
}

function crcTable(): Uint32Array {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
}
const CRC = crcTable()
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** RGBA PNG of one shape in one colour. */
export function renderPng(shape: Shape, rgb: readonly number[], size = SIZE): Buffer {
  const SS = 4
  const raw = Buffer.alloc((size * 4 + 1) * size)
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0 // filter: none
    for (let x = 0; x < size; x++) {
      let hits = 0
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) if (shape(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS)) hits++
      const o = y * (size * 4 + 1) + 1 + x * 4
      raw[o] = rgb[0]
      raw[o + 1] = rgb[1]
      raw[o + 2] = rgb[2]
      raw[o + 3] = Math.round((hits / (SS * SS)) * 255)
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

export function main(out = OUT): string[] {
  mkdirSync(out, { recursive: true })
  const written: string[] = []
  for (const [name, shape] of Object.entries(ICONS)) {
    for (const [variant, rgb] of Object.entries(COLORS)) {
      const file = join(out, `${name}${variant === 'active' ? '-active' : ''}.png`)
      const png = renderPng(shape, rgb)
      if (png.length > 10 * 1024) throw new Error(`${file} is ${png.length} bytes (> 10 KB)`)
      writeFileSync(file, png)
      written.push(`${file} ${png.length} B`)
    }
  }
  return written
}

if (require.main === module) console.log(main().join('\n'))
