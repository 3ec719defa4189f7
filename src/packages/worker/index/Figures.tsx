import { useState } from 'react'
import { View } from '@tarojs/components'
import { PERIODS, type Period } from '@domain/workbench/model'
import { toCsv, safeFileName } from '@domain/csv'
import { formatMonthDay } from '@domain/time'
import { useCall } from '@/hooks/useCall'
import { Loaded } from '@/components/StatusViews'
import ChoiceChips from '@/components/ChoiceChips'
import { BarChart, ChartCard, type DataTable } from '@/components/BarChart'
import { saveCsv } from '@/utils/save-file'
import { chartsOf, communityTable } from './tables'

const md = (day: string) => formatMonthDay(`${day}T12:00:00+08:00`)

/**
 * 数据看板: the figures of 7 / 30 / 90 days for one community or all of the caller's (an admin:
 * the district), from the daily roll-ups; charts first, each with its table and CSV.
 */
export default function Figures({ communities }: { communities: { id: string; name: string }[] }) {
  const [days, setDays] = useState<Period>(30)
  const [communityId, setCommunityId] = useState<string | null>(null)
  const [msg, setMsg] = useState<string | null>(null)
  const { data, error, loading, refresh } = useCall('workbench', 'figures', communityId ? { days, communityId } : { days })
  const exportTable = (title: string) => (t: DataTable) => {
    const name = `${safeFileName(title)}_${data ? `${data.from}_${data.to}` : ''}.csv`
    void saveCsv(name, toCsv(t.header, t.rows)).then(setMsg)
  }
  return (
    <View className='figures'>
      <View className='figures__bar'>
        <ChoiceChips options={PERIODS.map((p) => ({ value: p, label: `近 ${p} 天` }))} value={days} onChange={setDays} />
        {communities.length > 1 ? (
          <ChoiceChips options={[{ value: null, label: '全部社区' }, ...communities.map((c) => ({ value: c.id as string | null, label: c.name }))]} value={communityId} onChange={setCommunityId} />
        ) : null}
      </View>
      {msg ? (
        <View className='muted' role='status'>
          {msg}
        </View>
      ) : null}
      <Loaded state={{ data, error, loading }} onRetry={() => void refresh()} loadingText='正在汇总…'>
        {(f) => (
          <>
            <View className='muted figures__range'>
              {md(f.from)}—{md(f.to)}（每日凌晨汇总前一天的数据）
            </View>
            <View className='figures__grid'>
              {chartsOf(f).map((c) => (
                <View key={c.key} className='figures__cell' data-chart={c.key}>
                  <ChartCard title={c.title} note={c.note} chart={<BarChart labels={c.labels} series={c.series} summary={c.summary} ticks={c.ticks} />} table={c.table} onExport={exportTable(c.title)} />
                </View>
              ))}
              {f.communities.length > 1 ? (
                <View className='figures__cell' data-chart='communities'>
                  <ChartCard
                    title='社区对比'
                    chart={<BarChart labels={f.communities.map((c) => c.name)} series={[{ name: '签到', values: f.communities.map((c) => c.checkins) }, { name: '收到反映', values: f.communities.map((c) => c.sugReceived) }]} summary={`共 ${f.communities.length} 个社区的签到与反映`} ticks={f.communities.length} />}
                    table={communityTable(f)}
                    onExport={exportTable('社区对比')}
                  />
                </View>
              ) : null}
            </View>
          </>
        )}
      </Loaded>
    </View>
  )
}
