/** Times as people in Hangzhou read them (Asia/Shanghai, UTC+8, no DST), whatever the phone's zone. */
const SHANGHAI_MS = 8 * 3_600_000
const pad = (n: number) => String(n).padStart(2, '0')
const wall = (iso: string) => new Date(new Date(iso).getTime() + SHANGHAI_MS)

/** 9月3日 14:05 */
export const formatDateTime = (iso: string): string => {
  const d = wall(iso)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** 2026年9月3日 */
export const formatDate = (iso: string): string => {
  const d = wall(iso)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** 14:05 */
export const formatClock = (iso: string): string => {
  const d = wall(iso)
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}
