import { getCloud } from './cloud'

/** getTempFileURL takes at most 50 files a call. */
const TEMP_URL_BATCH = 50

/**
 * Short-lived download URLs for cloud fileIDs (one storage call per 50 files). A file that is gone
 * maps to ''; if storage is unavailable every file maps to '' so pages still work without pictures.
 * Call it only after the role check that makes the files visible to the caller.
 */
export async function tempUrls(fileIds: readonly string[], maxAgeSeconds: number): Promise<Map<string, string>> {
  const unique = [...new Set(fileIds)]
  const urls = new Map<string, string>()
  for (let i = 0; i < unique.length; i += TEMP_URL_BATCH) {
    const batch = unique.slice(i, i + TEMP_URL_BATCH)
    try {
      const res = (await getCloud().getTempFileURL({ fileList: batch.map((fileID) => ({ fileID, maxAge: maxAgeSeconds })) } as never)) as unknown as {
        fileList?: { fileID: string; tempFileURL?: string }[]
      }
      for (const f of res.fileList ?? []) urls.set(f.fileID, f.tempFileURL ?? '')
    } catch (err) {
      console.warn(JSON.stringify({ level: 'warn', where: 'files.tempUrls', error: String((err as Error)?.message ?? err) }))
    }
  }
  for (const id of unique) if (!urls.has(id)) urls.set(id, '')
  return urls
}

/** Deletes files nobody refers to any more; best effort (a leftover file is only storage). */
export async function deleteFiles(fileIds: readonly string[]): Promise<void> {
  if (!fileIds.length) return
  try {
    await getCloud().deleteFile({ fileList: [...fileIds] } as never)
  } catch (err) {
    console.warn(JSON.stringify({ level: 'warn', where: 'files.deleteFiles', error: String((err as Error)?.message ?? err) }))
  }
}

/** Whether `fileId` lies in the folder `dir` (e.g. `mall-items/<openid>`) of this environment's bucket. */
export const isInFolder = (fileId: string, dir: string): boolean => fileId.includes(`/${dir.replace(/\/$/, '')}/`) && !fileId.includes('..')
