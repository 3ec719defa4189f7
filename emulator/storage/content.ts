import { guessContentType } from './fileid'

/**
 * What a stored file really is, from its first bytes. Five signatures do not justify a dependency
 * (the maintained `file-type` is ESM-only and knows hundreds of formats we would never serve):
 * JPEG `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`, WebP `RIFF….WEBP`, GIF `GIF87a`/`GIF89a`, PDF `%PDF-`.
 */
export function sniffType(data: Buffer): string | undefined {
  const starts = (sig: number[] | string, at = 0) => {
    const bytes = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : Buffer.from(sig)
    return data.length >= at + bytes.length && data.subarray(at, at + bytes.length).equals(bytes)
  }
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (starts('RIFF') && starts('WEBP', 8)) return 'image/webp'
  if (starts('GIF87a') || starts('GIF89a')) return 'image/gif'
  if (starts('%PDF-')) return 'application/pdf'
  return undefined
}

/**
 * The folders the app uploads photos into (the functions name them for the caller and check them
 * again): identity `badges/<openid>/`, 微事我言 `suggestions/<day>/<pseudonym>/`, 积分商城
 * `mall-items/<openid>/`, 爱心商家 `merchant-licences/<openid>/`. A client upload there must be a
 * JPEG, PNG or WebP picture by its bytes.
 */
export const PHOTO_FOLDERS: readonly string[] = ['badges', 'suggestions', 'mall-items', 'merchant-licences']
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp']

export class ContentRefused extends Error {}

/**
 * The type a client upload is stored and served with — never what the client declared. In a photo
 * folder only JPEG/PNG/WebP are accepted (ContentRefused otherwise); elsewhere anything is accepted
 * and served as what its bytes are (JPEG, PNG, WebP, GIF, PDF) or as `application/octet-stream`.
 */
export function clientUploadType(cloudPath: string, data: Buffer): string {
  const sniffed = sniffType(data)
  if (PHOTO_FOLDERS.includes(cloudPath.split('/')[0])) {
    if (!sniffed || !PHOTO_TYPES.includes(sniffed)) throw new ContentRefused(`${cloudPath.split('/')[0]}/ takes JPEG, PNG or WebP pictures only`)
    return sniffed
  }
  return sniffed ?? 'application/octet-stream'
}

/**
 * The type of a file stored by a trusted writer (a cloud function through the SDK, the console, demo
 * data): what its bytes are when they have a signature, else what the writer declared or the name
 * suggests — except a picture or PDF type the bytes do not bear out, which is served as
 * `application/octet-stream`. Served files carry `nosniff` and a CSP that runs nothing either way.
 */
export function trustedUploadType(cloudPath: string, data: Buffer, declared?: string): string {
  const sniffed = sniffType(data)
  if (sniffed) return sniffed
  const claimed = declared && declared !== 'application/octet-stream' ? declared : guessContentType(cloudPath)
  return /^(image\/(jpeg|png|webp|gif)|application\/pdf)\b/i.test(claimed) ? 'application/octet-stream' : claimed
}
