/** The photo formats the app accepts, told by the file's first bytes (not its name or declared type). */
export type ImageType = 'jpeg' | 'png' | 'webp'

/**
 * JPEG starts FF D8 FF; PNG with its 8-byte signature 89 50 4E 47 0D 0A 1A 0A; WebP is a RIFF
 * container whose form type at bytes 8–11 is "WEBP". Anything else (SVG, HTML, GIF, …) is null.
 */
export function imageTypeOf(b: Uint8Array): ImageType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg'
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (b.length >= 8 && png.every((x, i) => b[i] === x)) return 'png'
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to))
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp'
  return null
}
