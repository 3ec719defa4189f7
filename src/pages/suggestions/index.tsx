import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { useCall } from '@/hooks/useCall'
import { useSettings } from '@/hooks/useSettings'
import { useRefreshOnShow } from '@/hooks/useRefreshOnShow'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import PageShell from '@/components/PageShell'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { ReportRow, ReportsMap } from '@/components/SuggestionParts'
import { SUGGESTION_DETAIL, SUGGESTION_NEW } from '@/routes'

const open = (id: string) => void Taro.navigateTo({ url: `${SUGGESTION_DETAIL}?id=${id}` })

function Mine() {
  const { data, error, loading, refresh } = useCall('suggestions', 'mine', {})
  useRefreshOnShow(refresh)
  // page hooks work in any component of the page: the tab that is shown refreshes its own list
  usePullToRefresh(refresh)
  return (
    <Loaded state={{ data, error, loading, refresh }}>
      {(data) => !data.items.length ? <EmptyView title='还没有反映过问题' description='路上看到的隐患、小区进门难，都可以说给社区听。' /> : (
    <View>
      {data.items.map((i) => (
        <ReportRow key={i.id} item={i} onClick={() => open(i.id)} />
      ))}
    </View>
      )}
    </Loaded>
  )
}

function Board() {
  const { settings, error: settingsError, refresh: refreshSettings } = useSettings()
  const communities = settings?.communities ?? []
  const [chosen, setCommunityId] = useState<string | null>(null)
  // the district's first community until the rider picks another
  const communityId = chosen ?? communities[0]?.id ?? ''
  const [status, setStatus] = useState<'inProgress' | 'resolved' | undefined>(undefined)
  const [asMap, setAsMap] = useState(false)
  const { data, error, loading, refresh } = useCall('suggestions', 'board', { communityId, ...(status ? { status } : {}) }, { auto: !!communityId })
  usePullToRefresh(refresh)
  if (!settings) return <Loaded state={{ data: settings, error: settingsError, refresh: refreshSettings }}>{() => null}</Loaded>
  return (
    <View>
      <View className='sg-chips'>
        {communities.map((c) => (
          <View key={c.id} role='button' className={`sg-chip${c.id === communityId ? ' sg-chip--on' : ''}`} onClick={() => setCommunityId(c.id)}>
            {c.name}
          </View>
        ))}
      </View>
      <View className='sg-chips'>
        {([[undefined, '全部'], ['inProgress', '办理中'], ['resolved', '已办结']] as const).map(([s, label]) => (
          <View key={label} role='button' className={`sg-chip${status === s ? ' sg-chip--on' : ''}`} onClick={() => setStatus(s)}>
            {label}
          </View>
        ))}
        <View role='button' className='sg-chip' onClick={() => setAsMap(!asMap)}>
          {asMap ? '列表' : '地图'}
        </View>
      </View>
      <Loaded state={{ data, error, loading, refresh }}>
        {(data) =>
          !data.items.length ? <EmptyView title='这个社区暂时没有公开的反映' /> : asMap ? <ReportsMap items={data.items} onPick={open} /> : data.items.map((i) => <ReportRow key={i.id} item={i} onClick={() => open(i.id)} />)
        }
      </Loaded>
      <View className='muted'>看板只显示社区已受理的反映，反映人对外匿名。</View>
    </View>
  )
}

/** 微事我言: report a problem, follow my reports, and the public board of each community. */
export default function SuggestionsPage() {
  const [tab, setTab] = useState<'mine' | 'board'>('mine')
  return (
    <PageShell className='suggestions-page'>
      <View className='page-title'>微事我言</View>
      <View className='page-intro'>路上看到的隐患、小区进门难，说给社区听。社区受理后按时限办理，办结后请你确认评价。</View>
      <Button className='sg-btn' onClick={() => void Taro.navigateTo({ url: SUGGESTION_NEW })}>
        我要反映
      </Button>
      <View className='sg-chips'>
        <View role='tab' className={`sg-chip${tab === 'mine' ? ' sg-chip--on' : ''}`} onClick={() => setTab('mine')}>
          我的反映
        </View>
        <View role='tab' className={`sg-chip${tab === 'board' ? ' sg-chip--on' : ''}`} onClick={() => setTab('board')}>
          公开看板
        </View>
      </View>
      {tab === 'mine' ? <Mine /> : <Board />}
    </PageShell>
  )
}
