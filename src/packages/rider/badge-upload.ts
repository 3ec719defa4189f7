/**
 * Platform fallback of the private badge-photo upload (`badge-upload.h5.ts` / `badge-upload.weapp.ts`
 * win in each build, as `api/transport` does); this file exists for type-checking.
 */
import { AppError } from '@domain/errors'

/** Uploads a picked image into `dir` (`badges/<openid>`, from identity.myStatus) and resolves with its fileID. */
export async function uploadBadge(_tempFilePath: string, _dir: string): Promise<string> {
  throw new AppError('INTERNAL', '当前平台暂不支持上传')
}
