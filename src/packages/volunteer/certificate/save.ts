/**
 * Platform fallback. Taro resolves `./save` to `save.weapp.ts` (page canvas → album) or
 * `save.h5.ts` (download) per build; this file exists for type-checking and other platforms.
 */
import type { CertificateData } from '@domain/volunteer/model'
import type { SaveOutcome } from './draw'

export async function saveCertificate(_c: CertificateData): Promise<SaveOutcome> {
  return { saved: false, message: '当前平台暂不支持保存图片' }
}

export async function paintCertificate(_c: CertificateData): Promise<void> {}
