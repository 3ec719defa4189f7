/**
 * h5 (local emulator): the gateway's browser upload, `POST /__/storage/upload?path=…`, as the
 * signed-in persona, into the folder identity.myStatus names (`badges/<openid>`).
 */
import { AppError } from '@domain/errors'

const base = () => (process.env.TARO_APP_API_BASE || '').replace(/\/$/, '')

export async function uploadBadge(tempFilePath: string, dir: string): Promise<string> {
  const blob = await fetch(tempFilePath)
    .then((r) => r.blob())
    .catch(() => null)
  if (!blob) throw new AppError('VALIDATION', '读取图片失败，请重新选择')
  const ext = /png/.test(blob.type) ? 'png' : 'jpg'
  const path = `${dir}/badge-${Date.now().toString(36)}.${ext}`
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
