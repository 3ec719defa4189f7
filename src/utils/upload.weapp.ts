/**
 * weapp: `Taro.cloud.uploadFile` into the private `merchant-licences/<openid>/` folder the merchant
 * contract checks. The client only learns its openid from the backend; no action returns it yet, so
 * until one does this refuses with a clear message instead of uploading somewhere `apply` rejects.
 */
import Taro from '@tarojs/taro'
import { AppError } from '@domain/errors'

/** Set by whatever first learns the caller's openid from a cloud function (none does yet). */
let knownOpenid: string | null = null
export const rememberOpenid = (openid: string) => {
  knownOpenid = openid
}

export async function uploadLicence(tempFilePath: string): Promise<string> {
  if (!knownOpenid) throw new AppError('INTERNAL', '暂时无法在小程序中上传营业执照，请联系社区工作者协助办理')
  const ext = /\.png$/i.test(tempFilePath) ? 'png' : 'jpg'
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath: `merchant-licences/${knownOpenid}/licence-${Date.now().toString(36)}.${ext}`, filePath: tempFilePath })
    return res.fileID
  } catch {
    throw new AppError('NETWORK', '上传失败，请检查网络后重试')
  }
}
