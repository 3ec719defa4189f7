import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { CertificateData } from '@domain/entities/volunteer'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import { ErrorView, LoadingView } from '@/components/StatusViews'
import { typeLabel } from '@/utils/volunteer'
import '../volunteer.scss'

const W = 750
const H = 1000

interface Ctx2D {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  font: string
  textAlign: string
  fillRect(x: number, y: number, w: number, h: number): void
  strokeRect(x: number, y: number, w: number, h: number): void
  fillText(t: string, x: number, y: number): void
}

const cn = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** Draws the certificate (the same on an h5 canvas and a weapp offscreen canvas). */
export function drawCertificate(g: Ctx2D, c: CertificateData): void {
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
  g.fillText(cn(c.issuedOn), W - 70, H - 110)
  g.font = '20px sans-serif'
  g.fillStyle = '#7a7e87'
  g.fillText(`编号 ${c.serial}`, W - 70, H - 60)
}

async function saveImage(c: CertificateData): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.createElement('canvas')
    canvas.width = W
    canvas.height = H
    drawCertificate(canvas.getContext('2d') as unknown as Ctx2D, c)
    const a = document.createElement('a')
    a.href = canvas.toDataURL('image/png')
    a.download = `志愿服务证明-${c.serial}.png`
    document.body.appendChild(a)
    a.click()
    a.remove()
    return '证明图片已下载'
  }
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: W, height: H }) as unknown as { getContext(k: '2d'): Ctx2D }
  drawCertificate(canvas.getContext('2d'), c)
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as never } as never)
  await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
  return '已保存到相册'
}

export default function Certificate() {
  const { data: c, error, loading, refresh } = useCall('volunteer', 'certificate', {})
  const [msg, setMsg] = useState<string | null>(null)
  let body
  if (error && !c) body = <ErrorView error={error} onRetry={() => void refresh()} />
  else if (!c) body = loading ? <LoadingView /> : null
  else
    body = (
      <>
        <View className='vol-cert'>
          <View className='vol-cert__title'>志愿服务证明</View>
          <View className='vol-cert__body vol-cert-text'>
            兹证明 {c.name} 同志参加社区志愿服务 {c.activities.length} 次，累计服务时长 {c.totalHours} 小时。
          </View>
          {c.activities.map((a, i) => (
            <View key={i} className='vol-cert__row'>
              {`${a.day} · ${typeLabel(a.type)} · ${a.title} · ${a.hours} 小时`}
            </View>
          ))}
          <View className='vol-cert__row' style={{ textAlign: 'right', marginTop: '24px' }}>
            {c.issuer} · {cn(c.issuedOn)}
          </View>
          <View className='vol-cert__row' style={{ textAlign: 'right' }}>
            编号 {c.serial}
          </View>
        </View>
        <View className='vol-actions'>
          <Button
            className='vol-btn vol-btn--primary'
            disabled={!c.activities.length || undefined}
            onClick={() =>
              void saveImage(c)
                .then(setMsg)
                .catch(() => setMsg('保存失败，请允许保存到相册后重试'))
            }
          >
            保存为图片
          </Button>
        </View>
        {!c.activities.length ? <View className='muted'>还没有计入时长的志愿服务，完成一次活动后即可生成证明。</View> : null}
        {msg ? <View className='vol-result'>{msg}</View> : null}
      </>
    )
  return <PageShell className='vol-cert-page'>{body}</PageShell>
}
