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

export interface PhotoUploads {
  photos: FormPhoto[]
  /** fileIDs of the uploaded photos, in order (what a form submits) */
  fileIds: string[]
  uploading: boolean
  /** picks pictures on the phone and uploads each into the folder `getDir` names */
  add: () => Promise<void>
  remove: (key: string) => void
  reset: (photos: FormPhoto[]) => void
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' })

/**
 * The photos of a form, up to `max`. Each picked picture uploads at once (compressed, EXIF gone,
 * see utils/upload) with its progress; a failed one stays visible as failed until removed.
 */
export function usePhotoUploads(max: number, getDir: () => Promise<string>, initial: FormPhoto[] = []): PhotoUploads {
  const [photos, setPhotos] = useState<FormPhoto[]>(initial)
  const seq = useRef(0)

  const add = async () => {
    const room = max - photos.length
    if (room <= 0) return toast(`最多 ${max} 张`)
    let dir: string
    try {
      dir = await getDir()
    } catch (e) {
      return toast(e instanceof AppError ? e.message : '暂时无法上传')
    }
    const picked = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] }).catch(() => null)
    const paths = (picked?.tempFilePaths ?? []).slice(0, room)
    const added = paths.map((local) => ({ key: `local-${seq.current++}`, src: local, fileID: null, progress: 0, failed: false, check: null }))
    setPhotos((ps) => [...ps, ...added])
    for (const p of added) {
      const set = (patch: Partial<FormPhoto>) => setPhotos((ps) => ps.map((x) => (x.key === p.key ? { ...x, ...patch } : x)))
      try {
        const fileID = await uploadImage(p.src, dir, { prefix: 'item-', onProgress: (progress) => set({ progress }) })
        set({ fileID, progress: 100 })
      } catch (e) {
        set({ failed: true })
        toast(e instanceof AppError ? e.message : '上传失败')
      }
    }
  }

  return {
    photos,
    fileIds: photos.map((p) => p.fileID).filter((id): id is string => !!id),
    uploading: photos.some((p) => !p.fileID && !p.failed),
    add,
    remove: (key) => setPhotos((ps) => ps.filter((p) => p.key !== key)),
    reset: setPhotos,
  }
}
