import Taro from '@tarojs/taro'
import type { CertificateData } from '@domain/volunteer/model'
import { CANVAS_ID, CERT_H, CERT_W } from '../certificate/draw'
import { saveCertificate } from '../certificate/save.weapp'

const cert: CertificateData = {
  name: '王姐',
  totalHours: 4,
  activities: [{ title: '平安骑士 · 文晖路网格巡逻', type: 'patrol', day: '2026-10-09', hours: 4 }],
  issuer: '新和平社区',
  issuedOn: '2026-10-10',
  serial: 'VC-2026-0001',
}

/** A weapp `<canvas type="2d">` node as the selector query returns it, recording what is drawn. */
function fakeCanvas() {
  const texts: string[] = []
  const ctx = { fillStyle: '', strokeStyle: '', lineWidth: 0, font: '', textAlign: '', fillRect: jest.fn(), strokeRect: jest.fn(), fillText: (t: string) => texts.push(t) }
  return { node: { width: 300, height: 400, getContext: () => ctx }, texts }
}

const api = {
  createSelectorQuery: jest.fn(),
  canvasToTempFilePath: jest.fn(),
  saveImageToPhotosAlbum: jest.fn(),
  getSetting: jest.fn(),
}
Object.assign(Taro, api)

let canvas: ReturnType<typeof fakeCanvas>
let selected: string[]
beforeEach(() => {
  Object.values(api).forEach((f) => f.mockReset())
  canvas = fakeCanvas()
  selected = []
  api.createSelectorQuery.mockImplementation(() => {
    const q = {
      select: (s: string) => (selected.push(s), q),
      fields: () => q,
      exec: (cb: (r: unknown[]) => void) => cb([{ node: canvas.node }]),
    }
    return q
  })
  api.canvasToTempFilePath.mockResolvedValue({ tempFilePath: 'wxfile://tmp/cert.png' })
  api.saveImageToPhotosAlbum.mockResolvedValue({ errMsg: 'saveImageToPhotosAlbum:ok' })
  api.getSetting.mockResolvedValue({ authSetting: {} })
})

describe('saving the certificate on weapp (page canvas → temp file → album)', () => {
  it('draws on the page’s 2d canvas at full size and saves the file made from that canvas node', async () => {
    await expect(saveCertificate(cert)).resolves.toEqual({ saved: true, message: '已保存到相册' })
    expect(selected).toEqual([`#${CANVAS_ID}`])
    expect(canvas.node).toMatchObject({ width: CERT_W, height: CERT_H })
    expect(canvas.texts).toEqual(expect.arrayContaining(['志愿服务证明', '兹证明 王姐 同志', '编号 VC-2026-0001']))
    expect(api.canvasToTempFilePath).toHaveBeenCalledWith(expect.objectContaining({ canvas: canvas.node }))
    expect(api.saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/cert.png' })
  })

  it('a refused album permission asks for the settings page (which only a tap may open)', async () => {
    api.saveImageToPhotosAlbum.mockRejectedValue({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' })
    api.getSetting.mockResolvedValue({ authSetting: { 'scope.writePhotosAlbum': false } })
    await expect(saveCertificate(cert)).resolves.toMatchObject({ saved: false, needsAlbumPermission: true, message: expect.stringContaining('设置') })
  })

  it('a cancelled save or another failure does not send the user to settings', async () => {
    api.saveImageToPhotosAlbum.mockRejectedValueOnce({ errMsg: 'saveImageToPhotosAlbum:fail cancel' })
    await expect(saveCertificate(cert)).resolves.toEqual({ saved: false, message: '已取消保存' })
    api.saveImageToPhotosAlbum.mockRejectedValueOnce({ errMsg: 'saveImageToPhotosAlbum:fail system error' })
    await expect(saveCertificate(cert)).resolves.toEqual({ saved: false, message: '保存失败，请稍后重试' })
  })

  it('no canvas on the page: says so instead of saving', async () => {
    api.createSelectorQuery.mockImplementation(() => {
      const q = { select: () => q, fields: () => q, exec: (cb: (r: unknown[]) => void) => cb([null]) }
      return q
    })
    await expect(saveCertificate(cert)).resolves.toEqual({ saved: false, message: '生成图片失败，请稍后重试' })
    expect(api.saveImageToPhotosAlbum).not.toHaveBeenCalled()
  })
})
