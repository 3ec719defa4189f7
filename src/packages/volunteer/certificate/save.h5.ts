import type { CertificateData } from '@domain/volunteer/model'
import { CERT_H, CERT_W, drawCertificate, type Ctx2D, type SaveOutcome } from './draw'

/** h5 has no album: the certificate is drawn on a DOM canvas and downloaded as a PNG. */
export async function saveCertificate(c: CertificateData): Promise<SaveOutcome> {
  const canvas = document.createElement('canvas')
  canvas.width = CERT_W
  canvas.height = CERT_H
  drawCertificate(canvas.getContext('2d') as unknown as Ctx2D, c)
  const a = document.createElement('a')
  a.href = canvas.toDataURL('image/png')
  a.download = `志愿服务证明-${c.serial}.png`
  document.body.appendChild(a)
  a.click()
  a.remove()
  return { saved: true, message: '证明图片已下载' }
}

/** The page shows no canvas on h5 (the image is made at download). */
export async function paintCertificate(_c: CertificateData): Promise<void> {}
