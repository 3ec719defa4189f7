import Taro from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { Text, View } from '@tarojs/components'
import type { MallItemView } from '@domain/mall/model'
import { useCall } from '@/hooks/useCall'
import { useRefreshOnShow } from '@/hooks/useRefreshOnShow'
import PageShell from '@/components/PageShell'
import ItemThumb from '@/components/ItemThumb'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { MALL_ITEM, MALL_VOUCHERS } from '@/routes'
import '../mall.scss'


export function MallItemRow({ item, onOpen }: { item: MallItemView; onOpen: () => void }) {
  const soldOut = item.stock <= 0
  return (
    <View className={`mall-item${soldOut ? ' mall-item--soldout' : ''}`} role='button' onClick={onOpen}>
      <ItemThumb title={item.title} photo={item.coverUrl} />
      <View className='mall-item__main'>
        <View className='mall-item__title'>{item.title}</View>
        <View className='mall-item__where'>{item.merchantId ? `爱心商家 · ${item.placeName ?? ''}` : `社区提供 · ${item.placeName ?? ''}`}</View>
        <View className='mall-item__meta'>
          {soldOut ? '已兑完' : `剩余 ${item.stock} 份`} · {item.limitLabel}
        </View>
        <View className='mall-item__price'>
          {item.price}
          <Text className='mall-item__unit'>积分</Text>
        </View>
      </View>
    </View>
  )
}

export default function MallHome() {
  const items = useCall('mall', 'items', {})
  const balance = useCall('points', 'balance', {})
  usePullToRefresh(() => Promise.all([items.refresh(), balance.refresh()]))
  useRefreshOnShow(() => Promise.all([items.refresh(), balance.refresh()]))

  const body = (
    <Loaded state={items}>
      {(list) =>
        !list.length ? (
          <EmptyView title='暂时没有可兑换的物品' description='社区和爱心商家正在准备，过几天再来看看' />
        ) : (
          list.map((it) => <MallItemRow key={it.id} item={it} onOpen={() => void Taro.navigateTo({ url: `${MALL_ITEM}?id=${encodeURIComponent(it.id)}` })} />)
        )
      }
    </Loaded>
  )

  return (
    <PageShell className='mall-page'>
      <View className='card mall-balance'>
        <View>
          <View className='muted'>可用积分</View>
          <View className='mall-balance__num'>{balance.data ? balance.data.balance : '—'}</View>
        </View>
        <View className='link mall-balance__link' role='button' onClick={() => void Taro.navigateTo({ url: MALL_VOUCHERS })}>
          我的兑换券 ›
        </View>
      </View>
      {body}
    </PageShell>
  )
}
