import { CloudbaseError } from '../core/errors'

/** The bucket name in production's shape: hex of the env's first two characters, the env, an app number. */
export function bucketFor(envId: string): string {
  return `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1250000000`
}

/** `cloud://<env>.<bucket>/<path>` as production writes it. */
export function makeFileId(envId: string, cloudPath: string): string {
  return `cloud://${envId}.${bucketFor(envId)}/${cloudPath}`
}

/** Splits a file ID into env, bucket and path; undefined when it is not one. */
export function parseFileId(fileID: unknown): { env: string; bucket: string; path: string } | undefined {
  if (typeof fileID !== 'string') return undefined
  const m = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/.exec(fileID)
  if (!m) return undefined
  return { env: m[1], bucket: m[2], path: m[3] }
}

/** Checks a cloud path (no leading slash, no `.`/`..` segments, no NUL or backslash). */
export function normalizeCloudPath(p: unknown): string {
  if (typeof p !== 'string' || p.trim() === '') throw new CloudbaseError('INVALID_PARAM', 'cloudPath must be a non-empty string')
  const clean = p.replace(/^\/+/, '')
  const segments = clean.split('/')
  if (clean.length > 850 || segments.some((s) => s === '' || s === '.' || s === '..') || /[\0\\?#]/.test(clean)) {
    throw new CloudbaseError('INVALID_PARAM', `cloudPath ${JSON.stringify(p)} is not a valid file path`)
  }
  return clean
}

const MIME: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml',
  txt: 'text/plain; charset=utf-8', json: 'application/json', pdf: 'application/pdf', mp4: 'video/mp4', mp3: 'audio/mpeg',
  html: 'text/html; charset=utf-8', csv: 'text/csv; charset=utf-8',
}

export function guessContentType(p: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(p)?.[1]?.toLowerCase()
  return (ext && MIME[ext]) || 'application/octet-stream'
}
