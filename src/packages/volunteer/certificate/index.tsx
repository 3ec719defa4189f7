import { useEffect, useState } from 'react'
import { Button, Canvas, View } from '@tarojs/components'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import { Loaded } from '@/components/StatusViews'
import { typeLabel } from '@/utils/volunteer'
import { CANVAS_ID, cnDate, type SaveOutcome } from './draw'
import { paintCertificate, saveCertificate } from './save'
import '../volunteer.scss'

/** weapp draws the image on the page (the canvas it is saved from); h5 makes it at download. */
const CANVAS_ON_PAGE = process.env.TARO_ENV === 'weapp'

export default function Certificate() {
  const { data: c, error, loading, refresh } = useCall('volunteer', 'certificate', {})
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null)
  const [saving, setSaving] = useState(false)
  const hasHours = !!c?.activities.length

  useEffect(() => {
    if (CANVAS_ON_PAGE && c && hasHours) void paintCertificate(c).catch(() => undefined)
  }, [c, hasHours])

  const save = async () => {
    if (!c) return
    setSaving(true)
    setOutcome(await saveCertificate(c))
    setSaving(false)
  }

  const body = (
    <Loaded state={{ data: c, error: error, loading }} onRetry={() => void refresh()}>
      {(c) => {
      return (
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
              {c.issuer} · {cnDate(c.issuedOn)}
            </View>
            {/* no serial for a certificate of nothing: it would certify 0 hours */}
            {hasHours ? (
              <View className='vol-cert__row' style={{ textAlign: 'right' }}>
                编号 {c.serial}
              </View>
            ) : null}
          </View>
          {CANVAS_ON_PAGE && hasHours ? (
            <View className='vol-cert__image'>
              <View className='muted'>保存到相册的图片：</View>
              <Canvas type='2d' id={CANVAS_ID} canvasId={CANVAS_ID} className='vol-cert__canvas' />
            </View>
          ) : null}
          <View className='vol-actions'>
            <Button className='vol-btn vol-btn--primary' disabled={!hasHours || saving || undefined} loading={saving || undefined} onClick={() => void save()}>
              保存为图片
            </Button>
            {outcome && !outcome.saved && outcome.needsAlbumPermission ? (
              // WeChat opens its settings only from a tap; returning with the album allowed saves right away
              <Button className='vol-btn' openType='openSetting' onOpenSetting={(e) => e.detail.authSetting?.['scope.writePhotosAlbum'] && void save()}>
                去设置允许保存到相册
              </Button>
            ) : null}
          </View>
          {!hasHours ? <View className='muted'>还没有计入时长的志愿服务，完成一次活动后即可生成证明。</View> : null}
          {outcome ? <View className='vol-result'>{outcome.message}</View> : null}
        </>
      )
      }}
    </Loaded>
  )
  return <PageShell className='vol-cert-page'>{body}</PageShell>
}
