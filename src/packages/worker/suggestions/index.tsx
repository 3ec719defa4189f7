import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { View } from '@tarojs/components'
import { SUGGESTION_CATEGORIES, SUGGESTION_CATEGORY_LABELS, SUGGESTION_STATUS_LABELS, SUGGESTION_STATUSES } from '@domain/suggestions/model'
import { useCall } from '@/hooks/useCall'
import { useRefreshOnShow } from '@/hooks/useRefreshOnShow'
import PageShell from '@/components/PageShell'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { ReportRow } from '@/components/SuggestionParts'
import { WORKER_SUGGESTION } from '@/routes'
import ChoiceChips from '@/components/ChoiceChips'
import { SUGGESTION_FILTERS, SUGGESTION_FILTER_LABELS, isSuggestionFilter, matchesSuggestionFilter, type SuggestionFilter } from '@domain/workbench/queues'

function Stats() {
  const { data } = useCall('suggestions', 'stats', {})
  if (!data) return null
  const h = (x: number | null) => (x === null ? '—' : `${x} 小时`)
  return (
    <View className='card'>
      <View className='card__title'>本社区统计（共 {data.total} 条）</View>
      <View className='muted'>
        {SUGGESTION_STATUSES.filter((s) => data.byStatus[s]).map((s) => `${SUGGESTION_STATUS_LABELS[s]} ${data.byStatus[s]}`).join(' · ')}
      </View>
      <View className='muted'>
        {SUGGESTION_CATEGORIES.filter((c) => data.byCategory[c]).map((c) => `${SUGGESTION_CATEGORY_LABELS[c]} ${data.byCategory[c]}`).join(' · ')}
      </View>
      <View className='muted'>
        超期 {data.overdue} · 首次响应中位 {h(data.medianFirstResponseHours)} · 办结中位 {h(data.medianResolutionHours)}
      </View>
      <View className='muted'>
        满意度 {data.satisfaction.average ?? '—'} 星（{data.satisfaction.count} 条评价
        {data.satisfaction.satisfiedShare !== null ? `，满意 ${Math.round(data.satisfaction.satisfiedShare * 100)}%` : ''}）
      </View>
    </View>
  )
}

/** The queue of the worker's communities: overdue first, then new (待受理), then by deadline. */
export default function WorkerSuggestions() {
  const [showStats, setShowStats] = useState(false)
  // the workbench's to-do opens this queue filtered to what it counted (?filter=overdue|dueToday|submitted)
  const asked = useRouter().params.filter
  const [filter, setFilter] = useState<SuggestionFilter | null>(isSuggestionFilter(asked) ? asked : null)
  const { data, error, loading, refresh } = useCall('suggestions', 'queue', {})
  useRefreshOnShow(refresh)
  usePullToRefresh(() => refresh())
  return (
    <PageShell className='worker-suggestions'>
      <View className='page-title'>微事我言 · 待办</View>
      <View className='page-intro'>{data ? `本社区待办 ${data.items.length} 条：超期的排最前，其次是待受理。` : '本社区骑手反映的问题，超期的排最前。'}</View>
      <View className='sg-chips'>
        <View role='button' className={`sg-chip${showStats ? ' sg-chip--on' : ''}`} onClick={() => setShowStats(!showStats)}>
          统计
        </View>
      </View>
      <ChoiceChips
        options={[{ value: null, label: '全部待办' }, ...SUGGESTION_FILTERS.map((f) => ({ value: f as SuggestionFilter | null, label: SUGGESTION_FILTER_LABELS[f] }))]}
        value={filter}
        onChange={setFilter}
      />
      {showStats ? <Stats /> : null}
      <Loaded state={{ data, error, loading, refresh }}>
        {(data) => {
          const now = new Date()
          const items = filter ? data.items.filter((i) => matchesSuggestionFilter(i, filter, now)) : data.items
          return !items.length ? (
            <EmptyView title={filter ? `没有${SUGGESTION_FILTER_LABELS[filter]}的反映` : '没有待办的反映'} />
          ) : (
            items.map((i) => <ReportRow key={i.id} item={i} onClick={() => void Taro.navigateTo({ url: `${WORKER_SUGGESTION}?id=${i.id}` })} />)
          )
        }}
      </Loaded>
    </PageShell>
  )
}
