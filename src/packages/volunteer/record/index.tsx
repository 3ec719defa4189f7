import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import EntryCell, { EntryGroup } from '@/components/EntryCell'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { VOLUNTEER_CERTIFICATE, VOLUNTEER_DETAIL } from '@/routes'
import { at, statusLabel, STATUS_TONE, typeLabel } from '@/utils/volunteer'
import '../volunteer.scss'

export default function VolunteerRecord() {
  const { data: r, error, loading, refresh } = useCall('volunteer', 'myRecord', {})
  const body = (
    <Loaded state={{ data: r, error: error, loading }} onRetry={() => void refresh()}>
      {(r) => {
      return (
        <>
          <View className='card'>
            <View className='card__title'>{r.nickname} 的志愿服务</View>
            <View className='vol-stat'>
              <View>
                <View className='vol-stat__n vol-total-hours'>{r.totalHours}</View>
                <View className='vol-stat__label'>服务时长（小时）</View>
              </View>
              <View>
                <View className='vol-stat__n'>{r.activities}</View>
                <View className='vol-stat__label'>计入时长的活动</View>
              </View>
              <View>
                <View className='vol-stat__n vol-total-points'>{r.points}</View>
                <View className='vol-stat__label'>获得积分</View>
              </View>
            </View>
            {r.lateCancels || r.noShows ? <View className='muted'>{`迟取消 ${r.lateCancels} 次 · 缺席 ${r.noShows} 次`}</View> : null}
          </View>
          <EntryGroup>
            <EntryCell title='志愿服务证明' description='生成证明图片，可保存或打印' onClick={() => void Taro.navigateTo({ url: VOLUNTEER_CERTIFICATE })} />
          </EntryGroup>
          {r.items.length ? (
            r.items.map((i) => (
              <View key={i.activityId} className='card vol-item' onClick={() => void Taro.navigateTo({ url: `${VOLUNTEER_DETAIL}?id=${i.activityId}` })}>
                <View className='vol-item__title'>{i.title}</View>
                <View className='vol-item__meta'>{at(i.startAt)}</View>
                <View className='vol-item__tags'>
                  <Tag tone='primary'>{typeLabel(i.type)}</Tag>
                  {i.counted ? <Tag tone='success'>已完成</Tag> : <Tag tone={STATUS_TONE[i.status]}>{statusLabel(i.status)}</Tag>}
                  {i.counted ? <Tag tone='success'>{`${i.hours} 小时`}</Tag> : null}
                  {i.pointsAwarded ? <Tag tone='primary'>{`+${i.pointsAwarded} 积分`}</Tag> : null}
                </View>
              </View>
            ))
          ) : (
            <EmptyView title='还没有参加过活动' description='去「志愿活动」报名一场巡逻或课程吧' />
          )}
        </>
      )
      }}
    </Loaded>
  )
  return <PageShell className='vol-record-page'>{body}</PageShell>
}
