import Taro, { useRouter } from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { Image, View } from '@tarojs/components'
import type { MallItemDetail, RedeemResult } from '@domain/mall/model'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import ItemThumb from '@/components/ItemThumb'
import { Chip } from '@/components/ChoiceChips'
import { Loaded } from '@/components/StatusViews'
import { useNavigate } from '@/components/NavigateSheet'
import { MALL_VOUCHER, PLACE_DETAIL } from '@/routes'
import { previewImage } from '@/utils/previewImage'
import RedeemPanel from '../RedeemPanel'
import '../mall.scss'
import './index.scss'

function Detail({ item }: { item: MallItemDetail }) {
  const onRedeemed = (r: RedeemResult) => {
    void Taro.showToast({ title: r.replay ? '已兑换' : '兑换成功', icon: 'success' })
    void Taro.redirectTo({ url: `${MALL_VOUCHER}?code=${r.voucher.code}&fresh=1` })
  }
  const openPlace = () => item.placeId && void Taro.navigateTo({ url: `${PLACE_DETAIL}?id=${encodeURIComponent(item.placeId)}` })
  const nav = useNavigate()
  const balance = useCall('points', 'balance', {})
  const navigate = () => item.location && nav.navigate({ longitude: item.location[0], latitude: item.location[1], name: item.placeName ?? item.title })

  return (
    <>
      {nav.sheet}
      <View className='card item-head'>
        <ItemThumb title={item.title} photo={item.coverUrl} size='lg' />
        <View className='item-head__main'>
          <View className='item-head__title'>{item.title}</View>
          <View className='item-head__price'>{item.price} 积分</View>
          <View className='muted'>{item.stock > 0 ? `剩余 ${item.stock} 份` : '已兑完'}</View>
        </View>
      </View>
      {item.photoUrls.length > 1 ? (
        <View className='item-photos'>
          {item.photoUrls.map((src, i) => (
            <Image
              key={src}
              className='item-photos__img'
              src={src}
              mode='aspectFill'
              onClick={() => void previewImage(item.photoUrls, src).catch(() => undefined)}
              aria-label={`${item.title} 图片 ${i + 1}`}
            />
          ))}
        </View>
      ) : null}
      <View className='card'>
        <View className='item-section'>说明</View>
        <View className='item-text'>{item.description}</View>
        <View className='item-section item-section--gap'>兑换规则</View>
        <View className='item-text'>· {item.limitLabel}</View>
        <View className='item-text'>· 兑换后 {item.validDays} 天内有效，过期作废</View>
        <View className='item-text'>· 未使用前可取消，积分原路退回</View>
        <View className='item-text'>· 仅限已认证骑手兑换</View>
      </View>
      <View className='card'>
        <View className='item-section'>兑换地点</View>
        <View className='item-text'>{item.merchantId ? '爱心商家' : '社区'}：{item.placeName ?? '见兑换券说明'}</View>
        <View className='item-links'>
          {item.placeId ? <Chip onClick={openPlace}>查看地点</Chip> : null}
          {item.location ? (
            <Chip tone='primary' onClick={navigate}>
              导航过去
            </Chip>
          ) : null}
        </View>
      </View>
      <RedeemPanel item={item} balance={balance.data?.balance} onRedeemed={onRedeemed} />
    </>
  )
}

export default function MallItemPage() {
  const { params } = useRouter()
  const id = String(params.id ?? '')
  const { data, error, loading, refresh } = useCall('mall', 'detail', { id })
  usePullToRefresh(() => refresh())
  return (
    <PageShell className='mall-item-page'>
      <Loaded state={{ data, error, loading, refresh }}>{(item) => <Detail item={item} />}</Loaded>
    </PageShell>
  )
}
