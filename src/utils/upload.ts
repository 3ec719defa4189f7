/**
 * The one way the app uploads a picture: compressed and re-encoded first (re-encoding drops EXIF,
 * including the GPS position), then stored privately in the folder a cloud function named for the
 * caller (`identity.myStatus.uploadDir`, `suggestions.uploadDir`, `merchant.uploadDir`), which the
 * function checks again when the fileID comes back.
 * weapp: Taro.compressImage + Taro.cloud.uploadFile with progress; h5 (local emulator): a canvas
 * re-encode + the gateway's `POST /__/storage/upload?path=…` as the signed-in persona.
 */
import Taro from '@tarojs/taro'
import { AppError } from '@domain/errors'

const base = () => (process.env.TARO_APP_API_BASE || '').replace(/\/$/, '')
const fileName = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.jpg`

async function reencodeH5(path: string): Promise<Blob> {
  const blob = await fetch(path)
    .then((r) => r.blob())
    .catch(() => null)
  if (!blob) throw new AppError('VALIDATION', '读取图片失败，请重新选择')
  if (blob.type && !blob.type.startsWith('image/')) throw new AppError('VALIDATION', '这不是图片文件，请选择 JPG 或 PNG 照片')
  try {
    const url = URL.createObjectURL(blob)
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const i = new window.Image()
      i.onload = () => resolve(i)
      i.onerror = reject
      i.src = url
    })
    const scale = Math.min(1, 1600 / Math.max(img.naturalWidth, img.naturalHeight))
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(img.naturalWidth * scale)
    canvas.height = Math.round(img.naturalHeight * scale)
    canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height)
    URL.revokeObjectURL(url)
    const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8))
    if (out) return out
  } catch {
    // not decodable here: never upload the original (it may carry EXIF GPS)
  }
  throw new AppError('VALIDATION', '无法处理这张图片，请换一张')
}

export interface UploadOptions {
  /** file name prefix, e.g. `badge-` */
  prefix?: string
  /** progress 0–100 */
  onProgress?: (percent: number) => void
}

/** Uploads one picked image into `dir` and resolves with its cloud fileID. */
export async function uploadImage(tempFilePath: string, dir: string, { prefix = '', onProgress }: UploadOptions = {}): Promise<string> {
  const cloudPath = `${dir.replace(/\/$/, '')}/${fileName(prefix)}`
  if (process.env.TARO_ENV === 'weapp') {
    let path = tempFilePath
    try {
      path = (await Taro.compressImage({ src: tempFilePath, quality: 70 })).tempFilePath
    } catch {
      throw new AppError('VALIDATION', '图片压缩失败，请换一张')
    }
    return new Promise<string>((resolve, reject) => {
      const task = Taro.cloud.uploadFile({
        cloudPath,
        filePath: path,
        success: (r) => resolve(r.fileID),
        fail: () => reject(new AppError('NETWORK', '上传失败，请检查网络后重试')),
      }) as unknown as { onProgressUpdate?: (cb: (r: { progress: number }) => void) => void }
      task?.onProgressUpdate?.((r) => onProgress?.(r.progress))
    })
  }
  const body = await reencodeH5(tempFilePath)
  onProgress?.(30)
  const res = await fetch(`${base()}/__/storage/upload?path=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'image/jpeg' },
    body,
  }).catch(() => null)
  if (!res) throw new AppError('NETWORK')
  const json = (await res.json().catch(() => null)) as { fileID?: string; error?: { message?: string } } | null
  if (!res.ok || !json?.fileID) throw new AppError('VALIDATION', json?.error?.message || '上传失败，请重试')
  onProgress?.(100)
  return json.fileID
}
