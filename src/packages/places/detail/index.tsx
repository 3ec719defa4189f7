import { useState } from 'react'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { Button, Image, Textarea, View } from '@tarojs/components'
import {
  PLACE_KIND_LABELS,
  REPORT_KIND_LABELS,
  REPORT_KINDS,
  STATION_LEVEL_LABELS,
  type PlaceDetail,
  type ReportKind,
} from '@domain/places/model'
import { AppError } from '@domain/errors'
import { describeWeek } from '@domain/places/opening-hours'
import { useCall } from '@/hooks/useCall'
import { call } from '@/api'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import AmenityBadge from '@/components/AmenityBadge'
import { Chip } from '@/components/ChoiceChips'
import { Loaded } from '@/components/StatusViews'
import { callPhone, useNavigate } from '@/components/NavigateSheet'
import { PLACE_DETAIL } from '@/routes'
import { getLocationGcj02 } from '@/utils/location'
import { previewImage } from '@/utils/previewImage'
import './index.scss'
import { formatDateTime } from '@domain/time'

const toast = (title: string, icon: 'success' | 'none' = 'none') => void Taro.showToast({ title, icon, duration: 2500 })
const messageOf = (e: unknown) => (e instanceof AppError ? e.message : '操作失败，请稍后再试')

function Body({ p, onChanged }: { p: PlaceDetail; onChanged: () => void }) {
  const [busy, setBusy] = useState<string | null>(null)
  const [result, setResult] = useState<string | null>(null)
  /** 「其他问题」 asks for a few words in the page (WeChat's editable modal does not exist on h5) */
  const [other, setOther] = useState<string | null>(null)
  const { navigate, sheet } = useNavigate()
  // temporary URLs from the function; on weapp a cloud fileID also works as an Image src
  const photos = p.photos.map((id, i) => p.photoUrls?.[i] || (process.env.TARO_ENV === 'weapp' ? id : '')).filter(Boolean)

  const checkIn = async () => {
    setBusy('checkin')
    setResult(null)
    try {
      const loc = await getLocationGcj02(true).catch(() => null)
      if (!loc) {
        setResult('需要定位才能确认你已到达：请允许获取位置（可在设置中开启）后再打卡')
        return
      }
      const r = await call('places', 'checkIn', {
        placeId: p.id,
        longitude: loc.longitude,
        latitude: loc.latitude,
        accuracy: loc.accuracy,
        fixedAt: Date.now(),
      })
      setResult(r.message)
      toast('打卡成功', 'success')
    } catch (e) {
      setResult(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  const report = async (kind: ReportKind) => {
    if (kind === 'other') return setOther(other === null ? '' : null)
    return send(kind)
  }
  const send = async (kind: ReportKind, note?: string) => {
    setBusy(kind)
    try {
      await call('places', 'reportStatus', { placeId: p.id, kind, ...(note ? { note } : {}) })
      toast('谢谢反馈，已通知社区', 'success')
      if (kind === 'other') setOther(null)
      onChanged()
    } catch (e) {
      toast(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  return (
    <View>
      <View className='card detail-head'>
        <View className='detail-head__name'>{p.name}</View>
        <View className='detail-head__tags'>
          <Tag tone='primary'>{p.level ? STATION_LEVEL_LABELS[p.level] : PLACE_KIND_LABELS[p.kind]}</Tag>
          <Tag tone={p.openNow ? 'success' : 'default'}>{p.openNow ? '营业中' : '未营业'}</Tag>
          {p.alert ? <Tag tone='danger'>有骑手反馈：{REPORT_KIND_LABELS[p.alert]}</Tag> : null}
        </View>
        <View className='detail-head__hours'>{p.hoursLabel}</View>
        {p.closedReason ? <View className='detail-head__closed'>暂停营业：{p.closedReason}</View> : null}
        <View className='detail-head__address'>{p.address}</View>
        {p.discount ? <View className='detail-head__discount'>骑手优惠：{p.discount}</View> : null}
        {p.description ? <View className='detail-head__desc'>{p.description}</View> : null}
      </View>

      {photos.length ? (
        <View className='detail-photos'>
          {photos.map((src, i) => (
            <Image
              key={src}
              className='detail-photos__img'
              src={src}
              mode='aspectFill'
              onClick={() => void previewImage(photos, src).catch(() => undefined)}
              aria-label={`${p.name} 照片 ${i + 1}`}
            />
          ))}
        </View>
      ) : null}

      <View className='detail-actions'>
        <Chip tone='primary' onClick={() => navigate({ longitude: p.location[0], latitude: p.location[1], name: p.name, address: p.address })}>
          导航过去
        </Chip>
        {p.contact.phone ? (
          <Chip onClick={() => callPhone(p.contact.phone!)}>
            打电话{p.contact.person ? `（${p.contact.person}）` : ''}
          </Chip>
        ) : null}
        <Chip tone='primary' busy={busy === 'checkin'} onClick={() => void checkIn()}>
          {busy === 'checkin' ? '打卡中…' : '到站打卡'}
        </Chip>
        {process.env.TARO_ENV === 'weapp' ? (
          // a share needs WeChat's own button (open-type): it wears the chip's look
          <Button className='chip detail-share' openType='share'>
            分享给工友
          </Button>
        ) : null}
      </View>
      {result ? (
        <View className='card detail-result' role='status'>
          {result}
        </View>
      ) : null}

      <View className='card'>
        <View className='detail-section'>服务设施</View>
        <View className='detail-amenities'>
          {p.amenities.length
            ? p.amenities.map((a) => <AmenityBadge key={a} amenity={a} />)
            : '暂无登记'}
        </View>
      </View>

      <View className='card'>
        <View className='detail-section'>营业时间</View>
        {describeWeek(p.hours).map((l) => (
          <View key={l} className='detail-hours-line'>
            {l}
          </View>
        ))}
      </View>

      <View className='card'>
        <View className='detail-section'>现场情况（一键反馈）</View>
        <View className='detail-actions'>
          {REPORT_KINDS.map((k) => (
            <Chip key={k} busy={busy === k} on={k === 'other' && other !== null} onClick={() => void report(k)}>
              {REPORT_KIND_LABELS[k]}
            </Chip>
          ))}
        </View>
        {other !== null ? (
          <View className='detail-other'>
            <Textarea
              className='form-input form-textarea'
              value={other}
              maxlength={100}
              placeholder='简单说明现场的问题（社区工作者可见）'
              onInput={(e) => setOther(e.detail.value)}
            />
            <Chip tone='primary' busy={busy === 'other'} disabled={!other.trim()} onClick={() => other.trim() && void send('other', other.trim())}>
              发送
            </Chip>
          </View>
        ) : null}
        <View className='detail-section detail-section--sub'>最近反馈</View>
        {p.recentReports.length ? (
          p.recentReports.map((r, i) => (
            <View key={`${r.at}-${i}`} className='detail-report'>
              {formatDateTime(r.at)} · {r.label}
            </View>
          ))
        ) : (
          <View className='detail-report'>暂无反馈</View>
        )}
      </View>
      {sheet}
    </View>
  )
}

export default function PlaceDetailPage() {
  const { params } = useRouter()
  const id = String(params.id ?? '')
  const { data, error, loading, refresh } = useCall('places', 'detail', { id })
  // weapp: the ··· menu and the 分享 button send this place to a chat (h5 has no share: no button there)
  useShareAppMessage(() => ({
    title: data ? `${data.name} · ${data.hoursLabel}` : '小哥驿站 · 附近的骑手驿站',
    path: `${PLACE_DETAIL}?id=${encodeURIComponent(id)}`,
  }))
  usePullToRefresh(() => refresh())
  return (
    <PageShell className='place-detail-page'>
      <Loaded state={{ data, error, loading, refresh }}>{(p) => <Body p={p} onChanged={() => void refresh()} />}</Loaded>
    </PageShell>
  )
}
