import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import Notice from '@/components/Notice'
import PillButton from '@/components/PillButton'
import type { MallItemView, RedeemResult } from '@domain/mall/model'
import { requestSubscriptions } from '@/utils/subscribe'
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
export default function RedeemPanel({ item, balance, onRedeemed }: { item: MallItemView; balance?: number; onRedeemed: (r: RedeemResult) => void }) {
  const { busy, error, uncertain, redeem } = useRedeem(item.id)
  // said before a redemption starts, not after the rider has confirmed one (the server checks again)
  const short = balance !== undefined && !uncertain && balance < item.price
  const unavailable = item.status !== 'on' ? '已下架' : item.stock <= 0 ? '已兑完' : short ? `积分不足（还差 ${item.price - balance!}）` : null

  const run = async () => {
    const r = await redeem()
    if (r) onRedeemed(r)
  }

  const confirmAndRedeem = async () => {
    if (busy) return
    if (uncertain) return run()
    // first, inside the tap (WeChat shows the request only there): a reminder before the rest of the
    // points expire. Asked before the confirmation, which is a separate dialog.
    await requestSubscriptions(['pointsExpiry'])
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
        <Notice role='alert'>
          网络不太好，暂时不确定是否兑换成功。点「重试兑换」会继续这次兑换，不会重复扣积分。
        </Notice>
      ) : error ? (
        <Notice tone='error' role='alert'>
          {error.message}
          {HINTS[error.code] ? <View className='redeem-panel__hint'>{HINTS[error.code]}</View> : null}
        </Notice>
      ) : short ? (
        <Notice role='status'>
          你有 {balance} 积分，兑换需要 {item.price} 积分。
          <View className='redeem-panel__hint'>{HINTS.INSUFFICIENT_POINTS}</View>
        </Notice>
      ) : null}
      <PillButton tone={unavailable ? 'off' : 'primary'} className='mall-btn' disabled={!!unavailable || busy} onClick={() => void confirmAndRedeem()}>
        {unavailable ?? (busy ? '兑换中…' : uncertain ? '重试兑换' : `${item.price} 积分兑换`)}
      </PillButton>
    </View>
  )
}
