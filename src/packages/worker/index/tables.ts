/** The figures' charts and tables (pure: what each chart shows and its table, from one answer). */
import type { FiguresView } from '@domain/workbench/model'
import { SUGGESTION_CATEGORIES, SUGGESTION_CATEGORY_LABELS } from '@domain/suggestions/model'
import { formatMonthDay } from '@domain/time'
import type { ChartSeries, DataTable } from '@/components/BarChart'

export interface ChartSpec {
  key: string
  title: string
  note?: string
  labels: string[]
  series: ChartSeries[]
  summary: string
  table: DataTable
  /** labelled ticks (default: the chart's) — every bar when bars are things, not days */
  ticks?: number
}

const md = (day: string) => formatMonthDay(`${day}T12:00:00+08:00`)
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`)
const minutes = (m: number | null) => (m === null ? '—' : m < 60 ? `${m} 分钟` : `${Math.round((m / 60) * 10) / 10} 小时`)

/**
 * Bars a chart draws of a daily series: one a day up to a month, else one a week (from its first
 * day), so that 90 days stay 13 bars — a page keeps well under WeChat's 1,000 WXML nodes.
 */
export function bucketed(days: string[], values: number[]): { labels: string[]; values: number[] } {
  if (days.length <= 31) return { labels: days.map(md), values }
  const labels: string[] = []
  const sums: number[] = []
  for (let i = 0; i < days.length; i += 7) {
    labels.push(`${md(days[i])}起`)
    sums.push(sum(values.slice(i, i + 7)))
  }
  return { labels, values: sums }
}

/** One chart of a daily series (its table: every day). */
function daily(f: FiguresView, key: keyof FiguresView['series'][number], title: string, unit: string, note?: string): ChartSpec {
  const values = f.series.map((d) => Number(d[key]))
  const bars = bucketed(f.series.map((d) => d.day), values)
  return {
    key: String(key),
    title,
    note: [note, f.series.length > 31 ? '每根柱为 7 天合计' : undefined].filter(Boolean).join(' · ') || undefined,
    labels: bars.labels,
    series: [{ name: title, values: bars.values }],
    summary: `${title}：${md(f.from)}至${md(f.to)}共 ${sum(values)} ${unit}，单日最多 ${Math.max(0, ...values)} ${unit}`,
    table: { header: ['日期', `${title}（${unit}）`], rows: f.series.map((d, i) => [d.day, values[i]]) },
  }
}

/** Several daily series in one chart (bars side by side; its table: every day, a column each). */
function dailyMany(f: FiguresView, key: string, title: string, unit: string, parts: [keyof FiguresView['series'][number], string][], note: string, summary: string): ChartSpec {
  const days = f.series.map((d) => d.day)
  const columns = parts.map(([k]) => f.series.map((d) => Number(d[k])))
  const bars = columns.map((values) => bucketed(days, values))
  return {
    key,
    title,
    note: [note, f.series.length > 31 ? '每根柱为 7 天合计' : undefined].filter(Boolean).join(' · '),
    labels: bars[0].labels,
    series: parts.map(([, name], i) => ({ name, values: bars[i].values })),
    summary,
    table: { header: ['日期', ...parts.map(([, name]) => `${name}（${unit}）`)], rows: days.map((day, i) => [day, ...columns.map((c) => c[i])]) },
  }
}

/** The mall's most redeemed items of the period (one bar each). */
function topItemsChart(f: FiguresView): ChartSpec {
  const items = f.topItems
  return {
    key: 'topItems',
    title: '热门兑换品',
    ticks: items.length,
    note: `兑完（最后一件被兑走）共 ${f.totals.stockOuts} 次`,
    labels: items.map((i) => i.title),
    series: [{ name: '兑换', values: items.map((i) => i.redeemed) }],
    summary: items.length ? `兑换最多的是「${items[0].title}」，共 ${items[0].redeemed} 张` : '这段时间没有兑换',
    table: { header: ['兑换品', '兑换（张）', '兑完（次）'], rows: items.map((i) => [i.title, i.redeemed, i.soldOut]) },
  }
}

export function chartsOf(f: FiguresView): ChartSpec[] {
  const t = f.totals
  const weeks = f.weeks
  const hours = Array.from({ length: 24 }, (_, h) => h)
  return [
    daily(f, 'checkins', '驿站签到', '次', `共 ${t.checkins} 次`),
    {
      key: 'byHour',
      title: '签到时段',
      note: '按北京时间的小时统计，看骑手什么时候最需要驿站',
      labels: hours.map((h) => `${h}时`),
      series: [{ name: '签到', values: f.checkinsByHour }],
      summary: `签到最多的时段是 ${f.checkinsByHour.indexOf(Math.max(...f.checkinsByHour))} 时`,
      table: { header: ['时段', '签到（次）'], rows: hours.map((h) => [`${h}:00–${h + 1}:00`, f.checkinsByHour[h]]) },
    },
    {
      key: 'suggestions',
      title: '微事我言（按周）',
      note: `首次响应平均 ${minutes(t.avgFirstResponseMinutes)} · 办结平均 ${minutes(t.avgResolveMinutes)} · 按期办结 ${pct(t.onTimeRate)}`,
      labels: weeks.map((w) => w.week.slice(5)),
      series: [
        { name: '收到', values: weeks.map((w) => w.received) },
        { name: '受理', values: weeks.map((w) => w.accepted) },
        { name: '办结', values: weeks.map((w) => w.resolved) },
      ],
      summary: `共收到 ${t.sugReceived} 条，受理 ${t.sugAccepted} 条，办结 ${t.sugResolved} 条`,
      table: {
        header: ['周', '收到', '受理', '办结', ...SUGGESTION_CATEGORIES.map((c) => SUGGESTION_CATEGORY_LABELS[c])],
        rows: weeks.map((w) => [w.week, w.received, w.accepted, w.resolved, ...SUGGESTION_CATEGORIES.map((c) => w.byCategory[c] ?? 0)]),
      },
    },
    daily(f, 'verified', '新认证骑手', '人', `共 ${t.verified} 人`),
    daily(
      f,
      'flags',
      '驿站状态异常反馈',
      '条',
      `骑手反馈「到了却关门」「充电桩坏了」「已满」 · 3 小时内有骑手到站签到（视为恢复）${t.flagsCleared} 条，平均 ${minutes(t.avgFlagClearMinutes)}`,
    ),
    daily(f, 'signups', '志愿活动报名', '人次', `签退 ${t.checkouts} 人次 · 出勤（时长达标）${pct(t.attendanceRate)} · 服务 ${t.serviceHours} 小时`),
    dailyMany(
      f,
      'satisfaction',
      '微事我言满意度',
      '条',
      [
        ['sugRated', '评价'],
        ['sugSatisfied', '满意（4–5 星）'],
      ],
      `平均 ${t.avgRating ?? '—'} 星 · 满意 ${pct(t.satisfiedShare)}`,
      `骑手评价 ${t.ratings} 条，平均 ${t.avgRating ?? '—'} 星，满意 ${pct(t.satisfiedShare)}`,
    ),
    dailyMany(
      f,
      'points',
      '积分',
      '分',
      [
        ['pointsIssued', '发放'],
        ['pointsRedeemed', '兑换'],
        ['pointsExpired', '过期'],
      ],
      `按骑手认证所在社区 · 取消兑换退回 ${t.pointsRefunded} 分`,
      `发放 ${t.pointsIssued} 分，兑换 ${t.pointsRedeemed} 分，过期 ${t.pointsExpired} 分`,
    ),
    topItemsChart(f),
    daily(f, 'vouchersVerified', '兑换券核销', '张', `活跃爱心商家 ${t.merchantsActive} 家（期间有核销）`),
  ]
}

/** The per-community comparison (an admin's district, a worker's several communities). */
export function communityTable(f: FiguresView): DataTable {
  return {
    header: ['社区', '新认证', '收到反映', '办结', '签到', '异常反馈', '志愿报名', '服务小时', '积分发放', '券核销', '活跃商家'],
    rows: f.communities.map((c) => [c.name, c.verified, c.sugReceived, c.sugResolved, c.checkins, c.flags, c.signups, Math.round((c.serviceMinutes / 60) * 10) / 10, c.pointsIssued, c.vouchersVerified, c.merchantsActive]),
  }
}
