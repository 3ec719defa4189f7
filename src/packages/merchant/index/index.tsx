import Taro from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { View } from '@tarojs/components'
import Notice from '@/components/Notice'
import PillButton from '@/components/PillButton'
import { VOUCHER_STATUS_LABELS } from '@domain/mall/model'
import { MERCHANT_CATEGORY_LABELS, MERCHANT_OFFER_LABELS, MERCHANT_STATUS_LABELS, type MerchantView } from '@domain/merchant/model'
import { useCall } from '@/hooks/useCall'
import { useRefreshOnShow } from '@/hooks/useRefreshOnShow'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import ItemThumb from '@/components/ItemThumb'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { MERCHANT_APPLY, MERCHANT_ITEM, MERCHANT_VERIFY, PLACE_DETAIL } from '@/routes'
import { formatClock, formatDateTime } from '@domain/time'
import '../merchant.scss'
import './index.scss'

const go = (url: string) => () => void Taro.navigateTo({ url })

function ShopCard({ m }: { m: MerchantView }) {
  return (
    <View className='card'>
      <View className='card__title'>{m.shopName}</View>
      <Tag tone={m.status === 'approved' ? 'success' : m.status === 'pending' ? 'warning' : 'danger'}>{MERCHANT_STATUS_LABELS[m.status]}</Tag>
      <Tag>{MERCHANT_CATEGORY_LABELS[m.category]}</Tag>
      <View className='muted'>{m.address}</View>
      <View className='muted'>为骑手提供：{m.offers.map((o) => MERCHANT_OFFER_LABELS[o]).join('、')}</View>
      {m.discountText ? <View className='muted'>优惠：{m.discountText}</View> : null}
    </View>
  )
}

function Console({ m }: { m: MerchantView }) {
  const items = useCall('merchant', 'myItems', {})
  const today = useCall('merchant', 'today', {})
  const refresh = () => Promise.all([items.refresh(), today.refresh()])
  usePullToRefresh(() => refresh())
  useRefreshOnShow(() => refresh())
  return (
    <>
      <ShopCard m={m} />
      <View className='console-actions'>
        <PillButton className='m-btn console-actions__btn' onClick={go(MERCHANT_VERIFY)}>
          核销兑换券
        </PillButton>
        <PillButton tone='ghost' className='m-btn console-actions__btn' onClick={go(MERCHANT_ITEM)}>
          上架兑换品
        </PillButton>
      </View>
      {m.placeId ? (
        <View className='link console-link' role='button' onClick={go(`${PLACE_DETAIL}?id=${encodeURIComponent(m.placeId)}`)}>
          查看店铺在服务地图上的页面 ›
        </View>
      ) : null}

      <View className='card'>
        <View className='card__title'>今日兑换{today.data ? `（已核销 ${today.data.usedCount}）` : ''}</View>
        <Loaded state={{ data: today.data, error: today.error, refresh: today.refresh }}>
          {(t) =>
            !t.redeemed.length ? (
              <View className='muted'>今天还没有骑手兑换本店的兑换品</View>
            ) : (
              t.redeemed.map((r) => (
                <View key={r.code} className='m-row'>
                  <View className='m-row__main' style={{ marginLeft: 0 }}>
                    <View className='m-row__title'>{r.itemTitle}</View>
                    <View className='m-row__meta'>
                      券码尾号 {r.code.slice(-4)} · 兑换 {formatClock(r.redeemedAt)}
                      {r.usedAt ? ` · 核销 ${formatClock(r.usedAt)}` : ''}
                    </View>
                  </View>
                  <View className='m-row__side'>
                    <Tag tone={r.status === 'used' ? 'success' : r.status === 'active' ? 'warning' : 'default'}>{VOUCHER_STATUS_LABELS[r.status]}</Tag>
                  </View>
                </View>
              ))
            )
          }
        </Loaded>
      </View>

      <View className='card'>
        <View className='card__title'>我的兑换品</View>
        <Loaded state={{ data: items.data, error: items.error, refresh: items.refresh }}>
          {(list) =>
            !list.length ? (
              <View className='muted'>还没有兑换品。上架一件，骑手就能用积分兑换。</View>
            ) : (
              list.map((it) => (
                <View key={it.id} className='m-row' role='button' onClick={go(`${MERCHANT_ITEM}?id=${encodeURIComponent(it.id)}`)}>
                  <ItemThumb title={it.title} photo={it.coverUrl ?? it.photos[0]?.url} />
                  <View className='m-row__main'>
                    <View className='m-row__title'>{it.title}</View>
                    <View className='m-row__meta'>
                      {it.price} 积分 · 库存 {it.stock} · 已兑 {it.redeemed} · {it.limitLabel}
                    </View>
                    {it.takenDownReason ? <View className='m-row__meta m-row__meta--bad'>社区已下架：{it.takenDownReason}</View> : null}
                  </View>
                  <View className='m-row__side'>
                    <Tag tone={it.status === 'on' ? 'success' : 'default'}>{it.status === 'on' ? '上架中' : '已下架'}</Tag>
                    {it.contentFlagged ? <Tag tone='warning'>待社区复核</Tag> : null}
                  </View>
                </View>
              ))
            )
          }
        </Loaded>
      </View>
    </>
  )
}

export default function MerchantHome() {
  const { data: m, error, loading, refresh } = useCall('merchant', 'mine', {})
  useRefreshOnShow(() => m?.status !== 'approved' && refresh())
  usePullToRefresh(async () => {
    if (m?.status !== 'approved') await refresh()
  })

  let body
  if (m === undefined) body = <Loaded state={{ data: m, error, loading, refresh }}>{() => null}</Loaded>
  else if (m === null)
    body = (
      <EmptyView title='成为爱心商家' description='为骑手提供一杯水、一次充电、一个歇脚的地方，或一份小优惠。通过社区审核后，店铺会出现在服务地图上，还可以上架积分兑换品。'>
        <PillButton className='m-btn' onClick={go(MERCHANT_APPLY)}>
          申请入驻
        </PillButton>
      </EmptyView>
    )
  else if (m.status === 'pending')
    body = (
      <>
        <ShopCard m={m} />
        <Notice role='status'>
          申请已于 {formatDateTime(m.submittedAt)} 提交，正在等待社区工作者审核。
        </Notice>
      </>
    )
  else if (m.status === 'rejected')
    body = (
      <>
        <ShopCard m={m} />
        <Notice tone='error' role='status'>
          未通过审核{m.rejectReason ? `：${m.rejectReason}` : ''}
        </Notice>
        <PillButton className='m-btn' onClick={go(MERCHANT_APPLY)}>
          修改后重新申请
        </PillButton>
      </>
    )
  else if (m.status === 'suspended')
    body = (
      <>
        <ShopCard m={m} />
        <Notice tone='error' role='status'>
          {m.suspendedAt ? `${formatDateTime(m.suspendedAt)} ` : ''}店铺已被社区暂停服务：{m.suspendedReason}。暂停期间兑换品已从积分商城下架，不能核销兑换券；骑手已兑的券不作废，恢复后可照常核销。如有疑问或已整改，请联系社区工作人员。
        </Notice>
      </>
    )
  else body = <Console m={m} />

  return <PageShell className='merchant-page'>{body}</PageShell>
}

