import { View } from '@tarojs/components'
import PageShell from '@/components/PageShell'
import IntroCard, { FeatureList } from '@/components/IntroCard'

export default function MapPage() {
  return (
    <PageShell className='map-page'>
      <View className='page-title'>服务地图</View>
      <View className='page-intro'>跑单间隙，找个地方歇歇脚、喝口水、充个电。</View>
      <IntroCard badge='即将在本区上线' title='附近的骑手驿站正在登记中'>
        社区正在核实各驿站、爱心商家的位置和开放时间。核实完成后，这里会按距离列出离你最近的服务点。浏览驿站无需认证，也不需要手机号。
      </IntroCard>
      <FeatureList
        items={[
          { title: '骑手驿站', text: '休息、饮水、充电、如厕，标明开放时间与设施' },
          { title: '饮水点与爱心餐', text: '社区食堂、爱心商家提供的热水与优惠餐' },
          { title: '骑手停车点', text: '方便临时停放电动车的位置' },
          { title: '到站签到', text: '到达驿站后可签到领积分（需要时才会请求定位）' },
        ]}
      />
    </PageShell>
  )
}
