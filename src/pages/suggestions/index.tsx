import { View } from '@tarojs/components'
import PageShell from '@/components/PageShell'
import IntroCard, { FeatureList } from '@/components/IntroCard'

export default function SuggestionsPage() {
  return (
    <PageShell className='suggestions-page'>
      <View className='page-title'>微事我言</View>
      <View className='page-intro'>路上看到的隐患、小区进门难，说给社区听。</View>
      <IntroCard badge='即将开通' title='随手反映，社区跟进'>
        开通后，你可以拍照反映道路隐患、门禁不便等问题，社区工作者会受理并在这里更新处理进度。内容经过安全审核后才会公开。
      </IntroCard>
      <FeatureList
        items={[
          { title: '反映问题', text: '文字加照片，可选择所在位置，照片会去除拍摄位置信息' },
          { title: '进度可查', text: '受理、转办、办结，每一步都有记录' },
          { title: '采纳有积分', text: '建议被采纳可获得积分奖励' },
        ]}
      />
    </PageShell>
  )
}
