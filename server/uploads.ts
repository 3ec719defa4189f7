import { AppError } from '../domain/errors'
import { imageTypeOf } from '../domain/uploads'
import { getCloud } from './cloud'
import { isInFolder } from './files'
import { publicIdOf } from './public-id'

/** Folders of private or reviewed photos, one per user inside each. */
export type UploadFolder = 'badges' | 'merchant-licences' | 'mall-items'

/**
 * The caller's folder: `<folder>/<opaque id>` — the folder shows up in file ids that staff (badge,
 * licence) and everyone (item photos) see, so it carries no openid (issue 14).
 */
export const uploadDirOf = (folder: UploadFolder, openid: string, env: NodeJS.ProcessEnv = process.env): string => `${folder}/${publicIdOf(openid, env)}`

/** Where the caller's files may lie: their folder, or the openid-named one of uploads made before it. */
export const isOwnUpload = (fileId: string, folder: UploadFolder, openid: string): boolean =>
  [uploadDirOf(folder, openid), `${folder}/${openid}`].some((dir) => isInFolder(fileId, dir))

/**
 * A photo an action is given must be one the caller uploaded (issue 14: ids of files never uploaded
 * were accepted): in the caller's folder for it — which only its creator can have written, as
 * CloudBase's default storage rule lets only the creator write a file — existing, and a JPEG, PNG
 * or WebP by its bytes. Existence and bytes come from wx-server-sdk's downloadFile
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/storage/downloadFile.html:
 * answers `fileContent`, fails for a file that does not exist).
 */
export async function requireOwnImage(fileId: string, folder: UploadFolder, openid: string, field: string, notOwn: string): Promise<void> {
  if (!isOwnUpload(fileId, folder, openid)) throw new AppError('VALIDATION', notOwn, { field })
  let content: Buffer
  try {
    content = ((await getCloud().downloadFile({ fileID: fileId })) as unknown as { fileContent: Buffer }).fileContent
  } catch {
    throw new AppError('VALIDATION', '照片没有上传成功，请重新上传', { field })
  }
  if (!content || !imageTypeOf(content)) throw new AppError('VALIDATION', '照片只支持 JPG、PNG 或 WebP 格式，请重新上传', { field })
}
