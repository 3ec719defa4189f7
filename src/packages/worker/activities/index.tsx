import Taro, { useDidShow } from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { Button, View } from '@tarojs/components'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { WORKER_ACTIVITY, WORKER_ACTIVITY_EDIT } from '@/routes'
import { useSettings } from '@/hooks/useSettings'
import { timeRange, typeLabel } from '@/utils/volunteer'
import '../volunteer.scss'

export default function WorkerActivities() {
  const { data, error, loading, refresh } = useCall('volunteer', 'listManaged', { includePast: true })
  const { communityName } = useSettings()
  useDidShow(() => void refresh())
  usePullToRefresh(() => refresh())
  const body = (
    <Loaded state={{ data, error, loading }} onRetry={() => void refresh()}>
      {(data) => {
    if (!data.items.length) return <EmptyView title='还没有发布活动' description='发布巡逻、助老送餐、文明宣传、应急或课程活动，骑手即可报名' />
      return data.items.map((a) => (
        <View key={a.id} className='card wa-item' onClick={() => void Taro.navigateTo({ url: `${WORKER_ACTIVITY}?id=${a.id}` })}>
          <View className='wa-item__title'>{a.title}</View>
          <View className='wa-item__meta'>
            {timeRange(a.startAt, a.endAt)} · {a.placeName}
          </View>
          <View className='wa-tags'>
            <Tag tone='primary'>{typeLabel(a.type)}</Tag>
            <Tag>{communityName(a.communityId)}</Tag>
            {a.status === 'cancelled' ? <Tag tone='danger'>已取消</Tag> : null}
            <Tag tone='success'>{`已报名 ${a.capacity - a.placesLeft}/${a.capacity}`}</Tag>
            {a.waitlisted ? <Tag tone='warning'>{`候补 ${a.waitlisted}`}</Tag> : null}
          </View>
        </View>
      ))
      }}
    </Loaded>
  )
  return (
    <PageShell className='worker-activities-page'>
      <View className='page-title'>志愿活动管理</View>
      <View className='page-intro'>发布巡逻、助老送餐、文明宣传、应急和课程活动；报名满员后自动候补，签到码在活动页显示。</View>
      <View className='wa-actions'>
        <Button className='wa-btn wa-btn--primary' onClick={() => void Taro.navigateTo({ url: WORKER_ACTIVITY_EDIT })}>
          发布活动
        </Button>
      </View>
      {body}
    </PageShell>
  )
}
