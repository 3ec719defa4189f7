import { useState } from 'react'
import Taro from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { View } from '@tarojs/components'
import { VOUCHER_STATUS_LABELS, type VoucherView } from '@domain/mall/model'
import { useCall } from '@/hooks/useCall'
import { useRefreshOnShow } from '@/hooks/useRefreshOnShow'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import { Chip } from '@/components/ChoiceChips'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { MALL_HOME, MALL_VOUCHER } from '@/routes'
import { formatDate, formatDateTime } from '@domain/time'
import { STATUS_TONE } from '../labels'
import '../mall.scss'
import './index.scss'


function VoucherRow({ v }: { v: VoucherView }) {
  return (
    <View className='voucher-row' role='button' onClick={() => void Taro.navigateTo({ url: `${MALL_VOUCHER}?code=${v.code}` })}>
      <View className='voucher-row__main'>
        <View className='voucher-row__title'>{v.itemTitle}</View>
        <View className='voucher-row__meta'>{v.placeName ? `兑换地点：${v.placeName}` : ''}</View>
        <View className='voucher-row__meta'>
          {v.status === 'active' ? `${formatDate(v.validUntil)} 前有效` : v.closedAt ? `${VOUCHER_STATUS_LABELS[v.status]}于 ${formatDateTime(v.closedAt)}` : `兑换于 ${formatDateTime(v.redeemedAt)}`}
        </View>
      </View>
      <View className='voucher-row__side'>
        <Tag tone={STATUS_TONE[v.status]}>{VOUCHER_STATUS_LABELS[v.status]}</Tag>
        {v.shopSuspendedReason ? (
          <View className='voucher-row__flag'>
            <Tag tone='warning'>商家暂停服务</Tag>
          </View>
        ) : null}
        <View className='voucher-row__price'>{v.price} 积分</View>
      </View>
    </View>
  )
}

function VoucherList({ status }: { status: 'active' | 'closed' }) {
  const { data, error, loading, refresh } = useCall('mall', 'myVouchers', { status })
  usePullToRefresh(() => refresh())
  useRefreshOnShow(() => refresh())

  return (
    <Loaded state={{ data, error, loading, refresh }}>
      {(list) =>
        !list.length ? (
          <EmptyView title={status === 'active' ? '没有可使用的兑换券' : '还没有用过或取消的兑换券'} description='在积分商城用积分兑换后，兑换券会出现在这里'>
            {status === 'active' ? (
              <Chip tone='primary' className='vouchers-go' onClick={() => void Taro.navigateTo({ url: MALL_HOME })}>
                去积分商城
              </Chip>
            ) : null}
          </EmptyView>
        ) : (
          list.map((v) => <VoucherRow key={v.code} v={v} />)
        )
      }
    </Loaded>
  )
}

export default function VouchersPage() {
  const [tab, setTab] = useState<'active' | 'closed'>('active')
  return (
    <PageShell className='vouchers-page'>
      <View className='mall-tabs' role='tablist'>
        {(['active', 'closed'] as const).map((t) => (
          <View key={t} role='tab' aria-selected={tab === t} className={`mall-tabs__tab${tab === t ? ' mall-tabs__tab--on' : ''}`} onClick={() => setTab(t)}>
            {t === 'active' ? '可使用' : '已使用 / 已失效'}
          </View>
        ))}
      </View>
      <VoucherList key={tab} status={tab} />
    </PageShell>
  )
}
