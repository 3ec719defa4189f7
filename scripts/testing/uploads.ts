import { uploadDirOf, type UploadFolder } from '../../server/uploads'
import { localFunctionEnv } from '../function-env'
import type { TestCloud } from './emulator-fixture'

/** The first bytes of a JPEG (JFIF): enough for the functions' magic-byte check. */
export const JPEG_BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])

/** Puts a file into `openid`'s upload folder as if they had uploaded it from the app. */
export function uploadAs(cloud: TestCloud, folder: UploadFolder, openid: string, name: string, bytes: Buffer = JPEG_BYTES, contentType = 'image/jpeg'): string {
  const dir = uploadDirOf(folder, openid, localFunctionEnv(cloud.emulator.dataDir))
  return cloud.emulator.storage.put(`${dir}/${name}`, bytes, { contentType, uploader: openid }).fileID
}
