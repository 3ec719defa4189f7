import { useState } from 'react'
import Taro from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { View } from '@tarojs/components'
import { ACTIVITY_TYPES, type ActivityListItem, type ActivityType } from '@domain/volunteer/model'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import EntryCell, { EntryGroup } from '@/components/EntryCell'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { VOLUNTEER_DETAIL, VOLUNTEER_RECORD } from '@/routes'
import { useSettings } from '@/hooks/useSettings'
import { dayLabel, statusLabel, STATUS_TONE, timeRange, typeLabel } from '@/utils/volunteer'
import { listPhase, placesTag } from '../state'
import '../volunteer.scss'

function Item({ a }: { a: ActivityListItem }) {
  const { communityName } = useSettings()
  const phase = listPhase(a, Date.now())
  return (
    <View className='card vol-item' onClick={() => void Taro.navigateTo({ url: `${VOLUNTEER_DETAIL}?id=${a.id}` })}>
      <View className='vol-item__title'>{a.title}</View>
      <View className='vol-item__meta'>
        {timeRange(a.startAt, a.endAt)} · {a.placeName}
      </View>
      <View className='vol-item__tags'>
        <Tag tone='primary'>{typeLabel(a.type)}</Tag>
        <Tag>{communityName(a.communityId)}</Tag>
        {a.mine ? <Tag tone={STATUS_TONE[a.mine]}>{statusLabel(a.mine)}</Tag> : null}
        <Tag tone={placesTag(a).tone}>{placesTag(a).text}</Tag>
        {phase ? <Tag tone={phase === '进行中' ? 'primary' : 'default'}>{phase}</Tag> : null}
        {a.verifiedOnly ? <Tag>限认证骑手</Tag> : null}
      </View>
    </View>
  )
}

export default function VolunteerList() {
  const [type, setType] = useState<ActivityType | undefined>()
  const [community, setCommunity] = useState<string | undefined>()
  const input = { ...(type ? { type } : {}), ...(community ? { communityId: community } : {}) }
  const { data, error, loading, refresh } = useCall('volunteer', 'list', input)
  const communities = useSettings().settings?.communities ?? []
  usePullToRefresh(() => refresh())

  const days: { day: string; items: ActivityListItem[] }[] = []
  for (const a of data?.items ?? []) {
    const last = days[days.length - 1]
    if (last && last.day === a.day) last.items.push(a)
    else days.push({ day: a.day, items: [a] })
  }

  const body = (
    <Loaded state={{ data, error, loading }} onRetry={() => void refresh()}>
      {() => {
    if (!days.length) return <EmptyView title='暂时没有可报名的活动' description='社区发布巡逻、助老、课程等活动后会出现在这里' />
      return days.map((d) => (
        <View key={d.day}>
          <View className='vol-day'>{dayLabel(d.day)}</View>
          {d.items.map((a) => (
            <Item key={a.id} a={a} />
          ))}
        </View>
      ))
      }}
    </Loaded>
  )

  return (
    <PageShell className='vol-list-page'>
      <View className='page-title'>志愿活动</View>
      <View className='page-intro'>平安骑士巡逻、助老专送、文明宣传和骑士学院课程：报名参加，签到签退记录服务时长。</View>
      <EntryGroup>
        <EntryCell title='我的志愿服务' description='服务时长、参加过的活动、志愿服务证明' onClick={() => void Taro.navigateTo({ url: VOLUNTEER_RECORD })} />
      </EntryGroup>
      <View className='vol-chips'>
        <View className={`vol-chip${!type ? ' vol-chip--on' : ''}`} onClick={() => setType(undefined)}>
          全部类型
        </View>
        {ACTIVITY_TYPES.map((t) => (
          <View key={t} className={`vol-chip${type === t ? ' vol-chip--on' : ''}`} onClick={() => setType(type === t ? undefined : t)}>
            {typeLabel(t)}
          </View>
        ))}
      </View>
      <View className='vol-chips'>
        <View className={`vol-chip${!community ? ' vol-chip--on' : ''}`} onClick={() => setCommunity(undefined)}>
          全部社区
        </View>
        {communities.map((c) => (
          <View key={c.id} className={`vol-chip${community === c.id ? ' vol-chip--on' : ''}`} onClick={() => setCommunity(community === c.id ? undefined : c.id)}>
            {c.name}
          </View>
        ))}
      </View>
      {body}
    </PageShell>
  )
}
