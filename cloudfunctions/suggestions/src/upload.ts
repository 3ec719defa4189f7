import { createHash } from 'node:crypto'
import { dayKey } from '../../../domain/time'

/**
 * Where a user uploads photos for 微事我言: `suggestions/<day>/<pseudonym>/`. The pseudonym is a hash
 * of the openid and the day, so a public photo URL never carries the openid and does not link one
 * rider's reports across days; the function recomputes it to check that the files are the caller's.
 */
export const uploadDirOf = (openid: string, day: string): string =>
  `suggestions/${day}/${createHash('sha256').update(`xg-suggestions|${openid}|${day}`).digest('hex').slice(0, 24)}`

const DAY_MS = 86_400_000

/** Whether `fileId` lies in the caller's upload directory of today or yesterday (a form left open over midnight). */
export const ownsUpload = (fileId: string, openid: string, now: Date): boolean =>
  [now, new Date(now.getTime() - DAY_MS)].some((d) => fileId.includes(`/${uploadDirOf(openid, dayKey(d))}/`))
