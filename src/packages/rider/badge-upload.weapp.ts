/** weapp: `Taro.cloud.uploadFile` into the caller's private `badges/<openid>/` folder (identity.myStatus says which). */
import Taro from '@tarojs/taro'
import { AppError } from '@domain/errors'

export async function uploadBadge(tempFilePath: string, dir: string): Promise<string> {
  const ext = /\.png$/i.test(tempFilePath) ? 'png' : 'jpg'
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath: `${dir}/badge-${Date.now().toString(36)}.${ext}`, filePath: tempFilePath })
    return res.fileID
  } catch {
    throw new AppError('NETWORK', '照片上传失败，请检查网络后重试')
  }
}
