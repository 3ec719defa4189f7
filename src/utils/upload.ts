/**
 * Platform fallback of the private licence upload (`upload.h5.ts` / `upload.weapp.ts` win in each
 * build, as `api/transport` does); this file exists for type-checking.
 */
import { AppError } from '@domain/errors'

/** Uploads a picked image under `merchant-licences/<openid>/` and resolves with its cloud fileID. */
export async function uploadLicence(_tempFilePath: string): Promise<string> {
  throw new AppError('INTERNAL', '当前平台暂不支持上传')
}
