import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { TodoView } from '@domain/workbench/model'
import { formatWithWeekday } from '@domain/time'
import EntryCell, { EntryGroup } from '@/components/EntryCell'
import Tag from '@/components/Tag'
import { WORKER_ACTIVITY, WORKER_ACTIVITIES, WORKER_IDENTITY_REVIEW, WORKER_MALL_ITEMS, WORKER_COMPOUND_FLAGS, WORKER_MERCHANTS, WORKER_PLACES, WORKER_SUGGESTIONS } from '@/routes'

interface Line {
  key: string
  title: string
  count: number
  detail?: string
  url: string
  urgent?: boolean
}

const go = (url: string) => () => void Taro.navigateTo({ url })

/** Each count of the to-do, and the queue it opens filtered to what it counted. */
export function todoLines(t: TodoView): Line[] {
  const oldest = t.verifications.oldest[0]
  const lines: Line[] = [
    { key: 'verifications', title: '骑手认证待审核', count: t.verifications.count, detail: oldest ? `最早的已等 ${oldest.ageHours >= 72 ? `${Math.floor(oldest.ageHours / 24)} 天` : `${oldest.ageHours} 小时`}` : undefined, url: WORKER_IDENTITY_REVIEW, urgent: !!oldest && oldest.ageHours >= 24 },
    { key: 'overdue', title: '微事我言 · 已超期', count: t.suggestions.overdue, url: `${WORKER_SUGGESTIONS}?filter=overdue`, urgent: true },
    { key: 'dueToday', title: '微事我言 · 今日到期', count: t.suggestions.dueToday, url: `${WORKER_SUGGESTIONS}?filter=dueToday`, urgent: true },
    { key: 'unaccepted', title: '微事我言 · 待受理', count: t.suggestions.unaccepted, url: `${WORKER_SUGGESTIONS}?filter=submitted` },
    { key: 'applications', title: '爱心商家入驻申请', count: t.merchants.applications, url: WORKER_MERCHANTS },
    { key: 'heldItems', title: '商家兑换品待复核', count: t.merchants.heldItems, url: `${WORKER_MALL_ITEMS}?filter=held` },
    {
      key: 'activities',
      title: '7 天内开始、还有空位的活动',
      count: t.activities.count,
      detail: t.activities.items[0] ? `${t.activities.items[0].title} · ${formatWithWeekday(t.activities.items[0].startAt)} · 已报 ${t.activities.items[0].signedUp}/${t.activities.items[0].capacity}` : undefined,
      url: t.activities.count === 1 ? `${WORKER_ACTIVITY}?id=${t.activities.items[0].id}` : WORKER_ACTIVITIES,
    },
    { key: 'flagged', title: '驿站状态异常（3 小时内）', count: t.places.flagged, url: `${WORKER_PLACES}?filter=flagged`, urgent: true },
  ]
  lines.push({ key: 'compounds', title: '小区通行反馈待处理', count: t.compounds.flagged, url: WORKER_COMPOUND_FLAGS })
  return lines
}

export default function Todo({ todo }: { todo: TodoView }) {
  const lines = todoLines(todo)
  const waiting = lines.reduce((n, l) => n + l.count, 0)
  return (
    <View className='card todo' aria-label='待办'>
      <View className='card__title'>待办{waiting ? `（${waiting}）` : ''}</View>
      {waiting ? null : <View className='muted'>眼下没有待办的事项。</View>}
      <EntryGroup>
        {lines.map((l) => (
          <View key={l.key} className={`todo__line${l.count ? '' : ' todo__line--zero'}`} data-todo={l.key}>
            <EntryCell
              title={l.title}
              description={l.count ? l.detail : undefined}
              extra={l.count ? <Tag tone={l.urgent ? 'danger' : 'warning'}>{l.count}</Tag> : <View className='todo__zero'>0</View>}
              onClick={l.count ? go(l.url) : undefined}
            />
          </View>
        ))}
      </EntryGroup>
    </View>
  )
}
