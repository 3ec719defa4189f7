import { useState } from 'react'
import { View } from '@tarojs/components'
import type { CsvValue } from '@domain/csv'
import { Chip, Chips } from '@/components/ChoiceChips'
import './index.scss'

/**
 * Colours of the Okabe–Ito palette, which people with any of the common colour-vision deficiencies
 * tell apart; each series is also named in the legend and the table, never by colour alone.
 */
export const CHART_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'] as const

export interface ChartSeries {
  name: string
  values: number[]
}

export interface BarChartProps {
  labels: string[]
  series: ChartSeries[]
  /** what a screen reader hears instead of the bars */
  summary: string
  /** how many axis labels (first, last and evenly between: only those are nodes) */
  ticks?: number
}

/**
 * Bars drawn with Views (a flex row of columns whose heights are percentages): the same markup on
 * weapp and h5, no canvas, no chart library in the subpackage (README › 工作台 says why).
 */
export function BarChart({ labels, series, summary, ticks = 3 }: BarChartProps) {
  const max = Math.max(1, ...series.flatMap((s) => s.values))
  const every = Math.max(1, Math.ceil(labels.length / ticks))
  return (
    <View className='bar-chart' role='img' aria-label={summary}>
      <View className='bar-chart__plot'>
        <View className='bar-chart__max'>{max}</View>
        {labels.map((label, i) => (
          <View key={label} className='bar-chart__col'>
            {series.map((s, k) => (
              <View
                key={s.name}
                className='bar-chart__bar'
                style={{ height: `${Math.round((s.values[i] / max) * 100)}%`, backgroundColor: CHART_COLOURS[k % CHART_COLOURS.length] }}
              />
            ))}
          </View>
        ))}
      </View>
      <View className='bar-chart__axis'>
        {labels
          .filter((_, i) => i % every === 0 || i === labels.length - 1)
          .map((label) => (
            <View key={label} className='bar-chart__tick'>
              {label}
            </View>
          ))}
      </View>
      {series.length > 1 ? (
        <View className='bar-chart__legend'>
          {series.map((s, k) => (
            <View key={s.name} className='bar-chart__key'>
              <View className='bar-chart__swatch' style={{ backgroundColor: CHART_COLOURS[k % CHART_COLOURS.length] }} />
              {s.name}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

export interface DataTable {
  header: string[]
  rows: CsvValue[][]
}

/** Rows of Views (weapp has no <table>), the numbers of a chart. */
export function TableView({ table }: { table: DataTable }) {
  return (
    <View className='data-table' role='table'>
      <View className='data-table__row data-table__row--head' role='row'>
        {table.header.map((h) => (
          <View key={h} className='data-table__cell' role='columnheader'>
            {h}
          </View>
        ))}
      </View>
      {table.rows.map((r, i) => (
        <View key={i} className='data-table__row' role='row'>
          {r.map((c, j) => (
            <View key={j} className='data-table__cell' role='cell'>
              {c === null ? '—' : String(c)}
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}

/** A chart first; its numbers one tap away, and the table's CSV export. */
export function ChartCard({ title, note, chart, table, onExport }: { title: string; note?: string; chart: React.ReactNode; table: DataTable; onExport: (t: DataTable) => void }) {
  const [open, setOpen] = useState(false)
  return (
    <View className='card chart-card'>
      <View className='card__title'>{title}</View>
      {note ? <View className='muted chart-card__note'>{note}</View> : null}
      {chart}
      <Chips className='chart-card__actions'>
        <Chip on={open} onClick={() => setOpen(!open)}>
          {open ? '收起数据表' : '查看数据表'}
        </Chip>
        <Chip onClick={() => onExport(table)}>导出 CSV</Chip>
      </Chips>
      {open ? <TableView table={table} /> : null}
    </View>
  )
}
