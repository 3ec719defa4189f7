import { useState } from 'react'
import Taro from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { Button, Image, Input, View } from '@tarojs/components'
import { AppError } from '@domain/errors'
import { MERCHANT_CATEGORY_LABELS, MERCHANT_OFFER_LABELS, type MerchantView } from '@domain/merchant/model'
import { describeWeek } from '@domain/places/opening-hours'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import { Chip } from '@/components/ChoiceChips'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { useNavigate } from '@/components/NavigateSheet'
import { formatDateTime } from '@domain/time'
import { previewImage } from '@/utils/previewImage'
import './index.scss'

const messageOf = (e: unknown) => (e instanceof AppError ? e.message : '操作失败，请稍后再试')

function Application({ m, onDone }: { m: MerchantView; onDone: (text: string) => void }) {
  const [licence, setLicence] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const nav = useNavigate()
  const [error, setError] = useState<string | null>(null)
  // the reject reason is typed on the page: h5's showModal has no text field
  const [rejecting, setRejecting] = useState(false)
  const [rejectReason, setRejectReason] = useState('')

  const showLicence = async () => {
    setBusy('licence')
    setError(null)
    try {
      setLicence((await call('merchant', 'licenceUrl', { id: m.id })).url)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  const review = async (approve: boolean) => {
    let reason: string | undefined
    if (approve) {
      const r = await Taro.showModal({ title: '通过申请', content: `通过后「${m.shopName}」会出现在服务地图上，店主可上架兑换品。`, confirmText: '通过' }).catch(() => null)
      if (!r?.confirm) return
    } else {
      reason = rejectReason.trim()
      if (reason.length < 2) return setError('驳回时请填写原因（至少 2 个字），店主会看到')
    }
    setBusy(approve ? 'approve' : 'reject')
    setError(null)
    try {
      await call('merchant', 'review', { id: m.id, approve, ...(reason ? { reason } : {}) })
      onDone(approve ? `已通过「${m.shopName}」` : `已驳回「${m.shopName}」`)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='card application' data-testid='merchant-application'>
      <View className='card__title'>{m.shopName}</View>
      <View>
        <Tag tone='primary'>{MERCHANT_CATEGORY_LABELS[m.category]}</Tag>
        {m.contentFlagged ? <Tag tone='danger'>文字需仔细核对</Tag> : null}
      </View>
      <View className='application__line'>地址：{m.address}</View>
      <View className='application__line'>
        位置：{m.location[0].toFixed(5)}, {m.location[1].toFixed(5)}
        <View className='application__link' role='button' onClick={() => nav.navigate({ longitude: m.location[0], latitude: m.location[1], name: m.shopName, address: m.address })}>
          在地图上查看
        </View>
        {nav.sheet}
      </View>
      <View className='application__line'>提供：{m.offers.map((o) => MERCHANT_OFFER_LABELS[o]).join('、')}</View>
      {m.discountText ? <View className='application__line'>优惠：{m.discountText}</View> : null}
      <View className='application__line'>营业：{m.hours.always ? '24 小时' : describeWeek(m.hours).join('；')}</View>
      {m.phone ? <View className='application__line'>电话：{m.phone}</View> : null}
      <View className='application__line muted'>提交于 {formatDateTime(m.submittedAt)}</View>
      {licence ? (
        <Image className='application__licence' src={licence} mode='aspectFit' onClick={() => void previewImage([licence]).catch(() => undefined)} aria-label='营业执照' />
      ) : (
        <Chip className='application__show-licence' busy={busy === 'licence'} onClick={() => void showLicence()}>
          {busy === 'licence' ? '加载中…' : '查看营业执照'}
        </Chip>
      )}
      {error ? (
        <View className='application__error' role='alert'>
          {error}
        </View>
      ) : null}
      {rejecting ? (
        <View className='application__reject'>
          <Input className='application__input' value={rejectReason} maxlength={100} placeholder='驳回原因，如：营业执照照片看不清' onInput={(e) => setRejectReason(e.detail.value)} />
          <View className='application__actions'>
            <Button className='application__btn application__btn--ghost' disabled={(!!busy) || undefined} onClick={() => setRejecting(false)}>
              取消
            </Button>
            <Button className='application__btn application__btn--danger' disabled={(!!busy) || undefined} onClick={() => void review(false)}>
              确认驳回
            </Button>
          </View>
        </View>
      ) : (
        <View className='application__actions'>
          <Button className='application__btn application__btn--ghost' disabled={(!!busy) || undefined} onClick={() => setRejecting(true)}>
            驳回
          </Button>
          <Button className='application__btn' disabled={(!!busy) || undefined} onClick={() => void review(true)}>
            通过
          </Button>
        </View>
      )}
    </View>
  )
}

export default function WorkerMerchantsPage() {
  const { data, error, loading, refresh } = useCall('merchant', 'pending', {})
  const [notice, setNotice] = useState<string | null>(null)
  usePullToRefresh(() => refresh())
  const body = (
    <Loaded state={{ data, error, loading }} onRetry={() => void refresh()}>
      {(data) => {
    if (!data.length) return <EmptyView title='没有待审核的申请' description='本社区商家提交爱心商家申请后会出现在这里' />
      return data.map((m) => (
        <Application
          key={m.id}
          m={m}
          onDone={(t) => {
            setNotice(t)
            void Taro.showToast({ title: t, icon: 'none' })
            void refresh()
          }}
        />
      ))
      }}
    </Loaded>
  )
  return (
    <PageShell className='worker-merchants-page'>
      {notice ? (
        <View className='application__notice' role='status'>
          {notice}
        </View>
      ) : null}
      {body}
    </PageShell>
  )
}
