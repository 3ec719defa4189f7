import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { View } from '@tarojs/components'
import Notice from '@/components/Notice'
import PillButton from '@/components/PillButton'
import { AppError } from '@domain/errors'
import { VOUCHER_STATUS_LABELS, type VoucherView } from '@domain/mall/model'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { PLACE_DETAIL } from '@/routes'
import { formatDate, formatDateTime } from '@domain/time'
import VoucherCode, { spacedCode } from '../VoucherCode'
import { STATUS_TONE } from '../labels'
import '../mall.scss'
import './index.scss'

function Voucher({ v, onChanged }: { v: VoucherView; onChanged: () => void }) {
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const [failed, setFailed] = useState<string | null>(null)

  const cancel = async () => {
    const answer = await Taro.showModal({
      title: '取消兑换券',
      content: `取消后 ${v.price} 积分将退回你的账户，这张券不能再使用。确定取消吗？`,
      confirmText: '取消兑换',
      confirmColor: '#e5484d',
      cancelText: '不取消',
    }).catch(() => null)
    if (!answer?.confirm) return
    setBusy(true)
    setFailed(null)
    try {
      const r = await call('mall', 'cancel', { code: v.code })
      setDone(`已取消，${r.refunded} 积分已退回，当前积分 ${r.balance}`)
      void Taro.showToast({ title: '积分已退回', icon: 'success' })
      onChanged()
    } catch (e) {
      setFailed(e instanceof AppError ? e.message : '取消失败，请稍后再试')
      onChanged()
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      {v.shopSuspendedReason ? (
        <Notice role='status'>
          这家爱心商家已被社区暂停服务（{v.shopSuspendedReason}），暂停期间店里不能核销这张券。券仍然有效：可以等恢复后再用，也可以取消兑换，积分全额退回。
        </Notice>
      ) : null}
      <View className='card voucher-card'>
        <View className='voucher-card__title'>{v.itemTitle}</View>
        <View className='voucher-card__tags'>
          <Tag tone={STATUS_TONE[v.status]}>{VOUCHER_STATUS_LABELS[v.status]}</Tag>
          <Tag>{v.price} 积分</Tag>
        </View>
        {v.status === 'active' ? (
          <VoucherCode code={v.code} />
        ) : (
          <View className='voucher-card__closed'>
            券码 {spacedCode(v.code)}
            {v.closedAt ? ` · ${VOUCHER_STATUS_LABELS[v.status]}于 ${formatDateTime(v.closedAt)}` : ''}
          </View>
        )}
      </View>
      <View className='card'>
        <View className='voucher-line'>兑换时间：{formatDateTime(v.redeemedAt)}</View>
        <View className='voucher-line'>有效期至：{formatDate(v.validUntil)}</View>
        {v.placeName ? (
          <View className='voucher-line'>
            兑换地点：{v.placeName}
            {v.placeId ? (
              <View className='voucher-link' role='button' onClick={() => void Taro.navigateTo({ url: `${PLACE_DETAIL}?id=${encodeURIComponent(v.placeId!)}` })}>
                查看地点 ›
              </View>
            ) : null}
          </View>
        ) : null}
      </View>
      {done ? <Notice tone='ok' role='status'>{done}</Notice> : null}
      {failed ? <Notice tone='error' role='alert'>{failed}</Notice> : null}
      {v.status === 'active' ? (
        <PillButton tone='danger' className='mall-btn' disabled={busy} onClick={() => void cancel()}>
          {busy ? '正在取消…' : '取消兑换并退回积分'}
        </PillButton>
      ) : null}
    </>
  )
}

export default function VoucherPage() {
  const { params } = useRouter()
  const code = String(params.code ?? '')
  const { data, error, loading, refresh } = useCall('mall', 'myVouchers', {})
  usePullToRefresh(() => refresh())
  const v = data?.find((x) => x.code === code)
  const body = (
    <Loaded state={{ data, error, loading }} onRetry={() => void refresh()}>
      {() => {
    if (!v) return <EmptyView title='找不到这张兑换券' description='它可能不属于当前账号' />
    return <Voucher v={v} onChanged={() => void refresh()} />
      }}
    </Loaded>
  )
  return <PageShell className='voucher-page'>{body}</PageShell>
}
