/**
 * Draws the weapp map's marker icons, one per place kind (and a faded one for places closed now):
 * a map pin in the kind's colour with a white disc, 48×60 RGBA PNGs written with node:zlib,
 * 4×4 supersampled. The map markers can't use SVG; each file stays far under 5 KB.
 *
 *   npx tsx scripts/make-marker-icons.ts        writes src/assets/markers/<kind>[-closed].png
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import { PLACE_KINDS, type PlaceKind } from '../domain/places/model'

const W = 48
const H = 60
const OUT = resolve(__dirname, '..', 'src', 'assets', 'markers')

/** the same colours as the h5 schematic map (src/pages/map/index.scss) */
export const KIND_COLORS: Record<PlaceKind, [number, number, number]> = {
  station: [0xff, 0x7a, 0x00],
  canteen: [0xfa, 0x54, 0x1c],
  water: [0x18, 0x90, 0xff],
  parking: [0x2f, 0x54, 0xeb],
  merchant: [0xeb, 0x2f, 0x96],
  toilet: [0x72, 0x2e, 0xd1],
  charging: [0x52, 0xc4, 0x1a],
}

type Rgba = [number, number, number, number]

/** pin: a circle (centre 24,22 radius 20) and a triangle down to the tip at (24, 58) */
const inPin = (x: number, y: number) => {
  if ((x - 24) ** 2 + (y - 22) ** 2 <= 20 * 20) return true
  if (y < 22 || y > 58) return false
  const half = 17.5 * (1 - (y - 30) / 28)
  return y >= 30 ? Math.abs(x - 24) <= half : Math.abs(x - 24) <= 17.5
}
const inDot = (x: number, y: number) => (x - 24) ** 2 + (y - 22) ** 2 <= 8.5 * 8.5

function pixel(x: number, y: number, rgb: readonly number[]): Rgba | null {
  if (!inPin(x, y)) return null
  if (inDot(x, y)) return [255, 255, 255, 255]
  return [rgb[0], rgb[1], rgb[2], 255]
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body) >>> 0)
  return Buffer.concat([len, body, crc])
}

export function renderMarker(rgb: readonly number[], alpha = 1): Buffer {
  const SS = 4
  const raw = Buffer.alloc((W * 4 + 1) * H)
  for (let y = 0; y < H; y++) {
    raw[y * (W * 4 + 1)] = 0
    for (let x = 0; x < W; x++) {
      const acc = [0, 0, 0, 0]
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) {
          const p = pixel(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS, rgb)
          if (!p) continue
          acc[0] += p[0]
          acc[1] += p[1]
          acc[2] += p[2]
          acc[3] += 1
        }
      const o = y * (W * 4 + 1) + 1 + x * 4
      if (acc[3]) {
        raw[o] = Math.round(acc[0] / acc[3])
        raw[o + 1] = Math.round(acc[1] / acc[3])
        raw[o + 2] = Math.round(acc[2] / acc[3])
      }
      raw[o + 3] = Math.round((acc[3] / (SS * SS)) * 255 * alpha)
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(W, 0)
  ihdr.writeUInt32BE(H, 4)
  ihdr[8] = 8
  ihdr[9] = 6
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

export function main(out = OUT): string[] {
  mkdirSync(out, { recursive: true })
  const written: string[] = []
  for (const kind of PLACE_KINDS) {
    for (const closed of [false, true]) {
      const file = join(out, `${kind}${closed ? '-closed' : ''}.png`)
      const png = renderMarker(KIND_COLORS[kind], closed ? 0.5 : 1)
      if (png.length > 5 * 1024) throw new Error(`${file} is ${png.length} bytes (> 5 KB)`)
      writeFileSync(file, png)
      written.push(`${file} ${png.length} B`)
    }
  }
  return written
}

if (require.main === module) console.log(main().join('\n'))
