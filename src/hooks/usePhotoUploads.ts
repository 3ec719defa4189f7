import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { AppError } from '@domain/errors'
import type { PhotoCheck } from '@domain/mall/model'
import { uploadImage } from '@/utils/upload'

/** One picture of a form: already stored (fileID), or being uploaded from the phone. */
export interface FormPhoto {
  /** stable React key */
  key: string
  /** what to show: the local file while uploading, else the stored file's URL ('' if none) */
  src: string
  fileID: string | null
  /** 0–100 while uploading */
  progress: number
  failed: boolean
  /** the image check of a stored photo (null: not saved with the item yet) */
  check: PhotoCheck | null
}

export const storedPhoto = (p: { fileID: string; url: string; check?: PhotoCheck }): FormPhoto => ({ key: p.fileID, src: p.url, fileID: p.fileID, progress: 100, failed: false, check: p.check ?? null })

export interface PhotoUploadOptions {
  /** how many pictures the form takes; with 1, a new pick replaces the old one */
  max: number
  /** the folder the caller's function names for its uploads (asked at the first pick) */
  dir: () => Promise<string>
  /** file name prefix, e.g. `badge-` */
  prefix?: string
  initial?: FormPhoto[]
}

export interface PhotoUploads {
  photos: FormPhoto[]
  /** fileIDs of the uploaded photos, in order (what a form submits) */
  fileIds: string[]
  uploading: boolean
  /** why the last pick or upload failed, in Chinese (shown under the field); null after a good one */
  error: string | null
  /** picks pictures on the phone and uploads each into the folder `dir` names */
  add: () => Promise<void>
  remove: (key: string) => void
  reset: (photos: FormPhoto[]) => void
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' })
const messageOf = (e: unknown, fallback: string) => (e instanceof AppError ? e.message : fallback)
/** WeChat and Taro's h5 picker reject a cancelled pick with `…cancel…`: that is not a failure */
const cancelled = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))

/**
 * The one photo flow of every form (items, reports, fixes, badge, licence): up to `max` pictures,
 * each uploaded at once (compressed, EXIF gone, see utils/upload) with its progress; a failed one
 * stays visible as failed until removed, and the reason is kept in `error` for the field.
 */
export function usePhotoUploads({ max, dir: getDir, prefix = '', initial = [] }: PhotoUploadOptions): PhotoUploads {
  const [photos, setPhotos] = useState<FormPhoto[]>(initial)
  const [error, setError] = useState<string | null>(null)
  const seq = useRef(0)
  const fail = (message: string) => {
    setError(message)
    toast(message)
  }

  const add = async () => {
    const replacing = max === 1
    const room = replacing ? 1 : max - photos.length
    if (room <= 0) return toast(`最多 ${max} 张`)
    let dir: string
    try {
      dir = await getDir()
    } catch (e) {
      return fail(messageOf(e, '暂时无法上传'))
    }
    let paths: string[]
    try {
      const picked = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      paths = (picked.tempFilePaths ?? []).slice(0, room)
    } catch (e) {
      if (!cancelled(e)) fail('没有读到这张图片，请选择 JPG 或 PNG 照片')
      return
    }
    if (!paths.length) return
    setError(null)
    const added = paths.map((local) => ({ key: `local-${seq.current++}`, src: local, fileID: null, progress: 0, failed: false, check: null }))
    setPhotos((ps) => (replacing ? added : [...ps, ...added]))
    for (const p of added) {
      const set = (patch: Partial<FormPhoto>) => setPhotos((ps) => ps.map((x) => (x.key === p.key ? { ...x, ...patch } : x)))
      try {
        const fileID = await uploadImage(p.src, dir, { prefix, onProgress: (progress) => set({ progress }) })
        set({ fileID, progress: 100 })
      } catch (e) {
        set({ failed: true })
        fail(messageOf(e, '上传失败，请重试'))
      }
    }
  }

  return {
    photos,
    fileIds: photos.map((p) => p.fileID).filter((id): id is string => !!id),
    uploading: photos.some((p) => !p.fileID && !p.failed),
    error,
    add,
    remove: (key) => {
      setError(null)
      setPhotos((ps) => ps.filter((p) => p.key !== key))
    },
    reset: setPhotos,
  }
}
