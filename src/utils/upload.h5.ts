/**
 * h5 (local emulator): the gateway's browser upload, `POST /__/storage/upload?path=…`, as the
 * signed-in persona. The merchant contract wants the file under `merchant-licences/<openid>/`, so the
 * persona's openid comes from `GET /__/auth/me` (the session cookie decides; nothing is trusted
 * from the page).
 */
import { AppError } from '@domain/errors'

const base = () => (process.env.TARO_APP_API_BASE || '').replace(/\/$/, '')

async function whoAmI(): Promise<string> {
  const res = await fetch(`${base()}/__/auth/me`, { credentials: 'include', headers: { Accept: 'application/json' } }).catch(() => null)
  if (!res) throw new AppError('NETWORK')
  if (res.status === 401) throw new AppError('UNAUTHENTICATED')
  const body = (await res.json().catch(() => null)) as { persona?: { openid?: unknown } } | null
  const openid = body?.persona?.openid
  if (typeof openid !== 'string') throw new AppError('INTERNAL')
  return openid
}

export async function uploadLicence(tempFilePath: string): Promise<string> {
  const openid = await whoAmI()
  const blob = await fetch(tempFilePath)
    .then((r) => r.blob())
    .catch(() => null)
  if (!blob) throw new AppError('VALIDATION', '读取图片失败，请重新选择')
  const ext = /png/.test(blob.type) ? 'png' : 'jpg'
  const path = `merchant-licences/${openid}/licence-${Date.now().toString(36)}.${ext}`
  const res = await fetch(`${base()}/__/storage/upload?path=${encodeURIComponent(path)}`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': blob.type || 'image/jpeg' },
    body: blob,
  }).catch(() => null)
  if (!res) throw new AppError('NETWORK')
  const body = (await res.json().catch(() => null)) as { fileID?: string; error?: { message?: string } } | null
  if (!res.ok || !body?.fileID) throw new AppError('VALIDATION', body?.error?.message || '上传失败，请重试')
  return body.fileID
}
