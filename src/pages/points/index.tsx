import { View } from '@tarojs/components'
import PageShell from '@/components/PageShell'
import IntroCard, { FeatureList } from '@/components/IntroCard'

export default function PointsPage() {
  return (
    <PageShell className='points-page'>
      <View className='page-title'>积分</View>
      <View className='page-intro'>签到、参与志愿活动、提出好建议都能攒积分。</View>
      <IntroCard badge='积分商城筹备中' title='积分可以兑换实用好物'>
        社区和爱心商家正在准备兑换品。上线后，这里会显示你的积分余额、每一笔积分明细和可兑换的物品。
      </IntroCard>
      <FeatureList
        items={[
          { title: '怎么攒', text: '驿站签到、志愿服务、建议被采纳' },
          { title: '怎么用', text: '在积分商城兑换物品或爱心商家的优惠券' },
          { title: '明细透明', text: '每一笔增减都有记录，可随时查看' },
        ]}
      />
    </PageShell>
  )
}
