import type { CertificateData } from '@domain/volunteer/model'
import { typeLabel } from '@/utils/volunteer'

/** The id of the weapp page's `<canvas type="2d">` the image is drawn on and saved from. */
export const CANVAS_ID = 'vol-cert-canvas'

/** The certificate image, in canvas pixels. */
export const CERT_W = 750
export const CERT_H = 1000

/** What drawCertificate needs of a 2D context (the DOM's and a weapp `<canvas type="2d">`'s). */
export interface Ctx2D {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  font: string
  textAlign: string
  fillRect(x: number, y: number, w: number, h: number): void
  strokeRect(x: number, y: number, w: number, h: number): void
  fillText(t: string, x: number, y: number): void
}

export const cnDate = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** Draws the certificate (the same on an h5 canvas and a weapp canvas). */
export function drawCertificate(g: Ctx2D, c: CertificateData): void {
  const W = CERT_W
  const H = CERT_H
  g.fillStyle = '#fffaf2'
  g.fillRect(0, 0, W, H)
  g.strokeStyle = '#d4a15a'
  g.lineWidth = 6
  g.strokeRect(24, 24, W - 48, H - 48)
  g.fillStyle = '#a0522d'
  g.textAlign = 'center'
  g.font = 'bold 52px sans-serif'
  g.fillText('志愿服务证明', W / 2, 130)
  g.fillStyle = '#1f2329'
  g.textAlign = 'left'
  g.font = '30px sans-serif'
  g.fillText(`兹证明 ${c.name} 同志`, 70, 230)
  g.fillText(`参加社区志愿服务 ${c.activities.length} 次，`, 70, 280)
  g.fillText(`累计服务时长 ${c.totalHours} 小时。`, 70, 330)
  g.font = '24px sans-serif'
  g.fillStyle = '#5c6068'
  c.activities.slice(0, 12).forEach((a, i) => g.fillText(`${a.day}  ${typeLabel(a.type)}  ${a.title.slice(0, 16)}  ${a.hours} 小时`, 70, 400 + i * 38))
  if (c.activities.length > 12) g.fillText(`…… 另有 ${c.activities.length - 12} 次`, 70, 400 + 12 * 38)
  g.fillStyle = '#1f2329'
  g.textAlign = 'right'
  g.font = '26px sans-serif'
  g.fillText(c.issuer, W - 70, H - 150)
  g.fillText(cnDate(c.issuedOn), W - 70, H - 110)
  g.font = '20px sans-serif'
  g.fillStyle = '#7a7e87'
  g.fillText(`编号 ${c.serial}`, W - 70, H - 60)
}

/** What a save attempt came to; `needsAlbumPermission`: the user refused the album and must re-allow it in settings. */
export type SaveOutcome = { saved: true; message: string } | { saved: false; message: string; needsAlbumPermission?: boolean }
