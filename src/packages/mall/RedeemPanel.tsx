import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { MallItemView, RedeemResult } from '@domain/entities/mall'
import { useRedeem } from './useRedeem'

const HINTS: Partial<Record<string, string>> = {
  SOLD_OUT: '可以看看其他兑换品。',
  INSUFFICIENT_POINTS: '驿站打卡、参加志愿服务、建议被采纳都能攒积分。',
  LIMIT_REACHED: '每件兑换品都有每人兑换次数的限制，到期后可再兑。',
  FORBIDDEN: '',
}

/**
 * The redeem button of an item: asks once, then redeems. A network error or time-out leaves the
 * outcome unknown: 重试 sends the same request again (same idempotency key, no second confirmation),
 * so the rider can never be charged twice for one decision.
 */
export default function RedeemPanel({ item, onRedeemed }: { item: MallItemView; onRedeemed: (r: RedeemResult) => void }) {
  const { busy, error, uncertain, redeem } = useRedeem(item.id)
  const unavailable = item.status !== 'on' ? '已下架' : item.stock <= 0 ? '已兑完' : null

  const run = async () => {
    const r = await redeem()
    if (r) onRedeemed(r)
  }

  const confirmAndRedeem = async () => {
    if (busy) return
    if (uncertain) return run()
    const answer = await Taro.showModal({
      title: '确认兑换',
      content: `用 ${item.price} 积分兑换「${item.title}」？兑换后 ${item.validDays} 天内有效，未使用可取消并退回积分。`,
      confirmText: '兑换',
      cancelText: '再想想',
    }).catch(() => null)
    if (!answer?.confirm) return
    return run()
  }

  return (
    <View className='redeem-panel'>
      {uncertain ? (
        <View className='mall-alert' role='alert'>
          网络不太好，暂时不确定是否兑换成功。点「重试兑换」会继续这次兑换，不会重复扣积分。
        </View>
      ) : error ? (
        <View className='mall-alert mall-alert--error' role='alert'>
          {error.message}
          {HINTS[error.code] ? <View className='redeem-panel__hint'>{HINTS[error.code]}</View> : null}
        </View>
      ) : null}
      <Button className={`mall-btn${unavailable ? ' mall-btn--off' : ''}`} disabled={(!!unavailable || busy) || undefined} onClick={() => void confirmAndRedeem()}>
        {unavailable ?? (busy ? '兑换中…' : uncertain ? '重试兑换' : `${item.price} 积分兑换`)}
      </Button>
    </View>
  )
}
