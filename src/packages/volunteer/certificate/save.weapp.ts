/**
 * weapp: the certificate is drawn on the page's own `<canvas type="2d" id={CANVAS_ID}>` and saved
 * from it — the documented way: canvasToTempFilePath with the canvas node (its `canvas` option,
 * "canvas type=2d 时使用"), then saveImageToPhotosAlbum. (An off-screen canvas is not documented
 * for canvasToTempFilePath — its older doc says "暂不支持离屏 canvas" — and was reported to fail on iOS.)
 * https://developers.weixin.qq.com/miniprogram/dev/api/canvas/wx.canvasToTempFilePath.html
 *
 * A user who once refused the album (scope.writePhotosAlbum) gets no second prompt: the save fails
 * at once, and only the settings page can re-allow it, opened by a tap (wx.openSetting needs one
 * since base library 2.3.0; the page uses `<Button openType="openSetting">`).
 */
import Taro from '@tarojs/taro'
import type { CertificateData } from '@domain/volunteer/model'
import { CANVAS_ID, CERT_H, CERT_W, drawCertificate, type Ctx2D, type SaveOutcome } from './draw'

interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): Ctx2D
}

function canvasNode(): Promise<CanvasNode> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true }, () => undefined)
      .exec((res: { node?: CanvasNode }[]) => (res?.[0]?.node ? resolve(res[0].node) : reject(new Error('certificate canvas not found'))))
  })
}

/** Draws the certificate on the page's canvas (a preview of the image that will be saved). */
export async function paintCertificate(c: CertificateData): Promise<CanvasNode> {
  const canvas = await canvasNode()
  canvas.width = CERT_W
  canvas.height = CERT_H
  drawCertificate(canvas.getContext('2d'), c)
  return canvas
}

const errMsg = (err: unknown) => String((err as { errMsg?: unknown })?.errMsg ?? (err as Error)?.message ?? err)

export async function saveCertificate(c: CertificateData): Promise<SaveOutcome> {
  let filePath: string
  try {
    const canvas = await paintCertificate(c)
    filePath = (await Taro.canvasToTempFilePath({ canvas: canvas as unknown as Taro.Canvas, fileType: 'png' })).tempFilePath
  } catch {
    return { saved: false, message: '生成图片失败，请稍后重试' }
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath })
    return { saved: true, message: '已保存到相册' }
  } catch (err) {
    if (/cancel/i.test(errMsg(err))) return { saved: false, message: '已取消保存' }
    const setting = await Taro.getSetting().catch(() => null)
    if (setting?.authSetting['scope.writePhotosAlbum'] === false || /auth|deny|denied/i.test(errMsg(err)))
      return { saved: false, needsAlbumPermission: true, message: '没有保存到相册的权限：请在设置中允许「保存到相册」后再试' }
    return { saved: false, message: '保存失败，请稍后重试' }
  }
}
