import { getCloud } from './cloud'

/**
 * getTempFileURL and deleteFile take at most 50 files a call ("一次最多 50 个"; production refuses
 * 51 with INVALID_PARAM, see the emulator's storage conformance cases).
 */
export const STORAGE_BATCH = 50

const batches = <T>(list: readonly T[]): T[][] => Array.from({ length: Math.ceil(list.length / STORAGE_BATCH) }, (_, i) => list.slice(i * STORAGE_BATCH, (i + 1) * STORAGE_BATCH))

/**
 * Short-lived download URLs for cloud fileIDs (one storage call per 50 files). A file that is gone
 * maps to ''; if storage is unavailable every file maps to '' so pages still work without pictures.
 * Call it only after the role check that makes the files visible to the caller.
 */
export async function tempUrls(fileIds: readonly string[], maxAgeSeconds: number): Promise<Map<string, string>> {
  const unique = [...new Set(fileIds)]
  const urls = new Map<string, string>()
  for (const batch of batches(unique)) {
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

/** Deletes files nobody refers to any more, 50 a call; best effort (a leftover file is only storage). */
export async function deleteFiles(fileIds: readonly string[]): Promise<void> {
  for (const batch of batches([...new Set(fileIds)])) {
    try {
      await getCloud().deleteFile({ fileList: batch } as never)
    } catch (err) {
      console.warn(JSON.stringify({ level: 'warn', where: 'files.deleteFiles', error: String((err as Error)?.message ?? err) }))
    }
  }
}

/** Whether `fileId` lies in the folder `dir` (e.g. `mall-items/<openid>`) of this environment's bucket. */
export const isInFolder = (fileId: string, dir: string): boolean => fileId.includes(`/${dir.replace(/\/$/, '')}/`) && !fileId.includes('..')
