import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { isFlagged } from '@domain/workbench/queues'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { Input, View } from '@tarojs/components'
import { PLACE_KIND_LABELS, STATION_LEVEL_LABELS, type CommunityOption, type ManagedPlaceItem, type StaffReportView } from '@domain/places/model'
import { AppError } from '@domain/errors'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import { useAction } from '@/hooks/useAction'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import FormField from '@/components/FormField'
import ChoiceChips, { Chip, Chips } from '@/components/ChoiceChips'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { WORKER_PLACE_EDIT } from '@/routes'
import './index.scss'
import { dayKey, formatDateTime } from '@domain/time'

/** quick picks for the last day of a temporary closure: label, days after today */
const UNTIL_CHOICES: [string, number][] = [
  ['今天', 0],
  ['明天', 1],
  ['3 天', 2],
  ['一周', 6],
]
const dayPlus = (days: number) => dayKey(new Date(Date.now() + days * 86_400_000))

function CloseForm({ item, onDone, onCancel }: { item: ManagedPlaceItem; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('')
  const [until, setUntil] = useState(dayPlus(1))
  const [errors, setErrors] = useState<{ reason?: string; until?: string; form?: string }>({})
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const local: typeof errors = {}
    if (reason.trim().length < 2) local.reason = '请填写原因（至少 2 个字），骑手会看到'
    if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) local.until = '日期格式应为 YYYY-MM-DD'
    setErrors(local)
    if (Object.keys(local).length) return
    setBusy(true)
    try {
      await call('places', 'setTemporarilyClosed', { id: item.id, closed: true, reason: reason.trim(), until })
      void Taro.showToast({ title: '已暂停营业', icon: 'success' })
      onDone()
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('INTERNAL')
      setErrors(err.field === 'until' || err.field === 'reason' ? { [err.field]: err.message } : { form: err.message })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='close-form'>
      <FormField label='暂停原因' required error={errors.reason}>
        <Input className='form-input' value={reason} maxlength={60} placeholder='如：水管维修、节假日休息' onInput={(e) => setReason(e.detail.value)} />
      </FormField>
      <FormField label='暂停到（含当天）' required error={errors.until}>
        <ChoiceChips options={UNTIL_CHOICES.map(([label, days]) => ({ value: dayPlus(days), label }))} value={until} onChange={setUntil} />
        <Input className='form-input close-form__date' value={until} maxlength={10} placeholder='YYYY-MM-DD' onInput={(e) => setUntil(e.detail.value)} />
      </FormField>
      {errors.form ? <View className='form-field__error'>{errors.form}</View> : null}
      <Chips>
        <Chip tone='primary' busy={busy} onClick={() => void submit()}>
          {busy ? '提交中…' : '确认暂停'}
        </Chip>
        <Chip onClick={onCancel}>取消</Chip>
      </Chips>
    </View>
  )
}

function Reports({ placeId }: { placeId: string }) {
  const { data, error, loading, refresh } = useCall('places', 'reports', { placeId, limit: 20 })
  return (
    <Loaded state={{ data: error ? undefined : data, error, loading, refresh }} loadingText='正在加载反馈…'>
      {(data) => !data.length ? <View className='muted'>还没有骑手反馈</View> : (
    <View className='managed-reports'>
      {data.map((r: StaffReportView) => (
        <View key={r.id} className='managed-reports__row'>
          {formatDateTime(r.at)} · {r.label}
          {r.note ? `：${r.note}` : ''}
        </View>
      ))}
    </View>
      )}
    </Loaded>
  )
}

function PlaceCard({ item, community, onChanged }: { item: ManagedPlaceItem; community?: string; onChanged: () => void }) {
  const [closing, setClosing] = useState(false)
  const [showReports, setShowReports] = useState(false)
  const { busy, run } = useAction()
  const reopen = async () => {
    if (await run(() => call('places', 'setTemporarilyClosed', { id: item.id, closed: false }), '已恢复营业')) onChanged()
  }
  return (
    <View className='card managed-place' aria-label={item.name}>
      <View className='managed-place__head'>
        <View className='managed-place__name'>{item.name}</View>
        <View className='link' role='button' onClick={() => void Taro.navigateTo({ url: `${WORKER_PLACE_EDIT}?id=${encodeURIComponent(item.id)}` })}>
          编辑
        </View>
      </View>
      <View className='managed-place__tags'>
        <Tag tone='primary'>{item.level ? STATION_LEVEL_LABELS[item.level] : PLACE_KIND_LABELS[item.kind]}</Tag>
        {item.closedUntil ? <Tag tone='danger'>暂停营业</Tag> : <Tag tone={item.openNow ? 'success' : 'default'}>{item.openNow ? '营业中' : '未营业'}</Tag>}
        {item.status === 'retired' ? <Tag>已撤销</Tag> : null}
        {community ? <Tag>{community}</Tag> : null}
      </View>
      <View className='muted'>
        {item.hoursLabel}
        {item.closedReason ? `（${item.closedReason}）` : ''}
      </View>
      <View className='muted'>{item.address}</View>
      <View className='managed-place__stats'>
        <View className='stat'>
          <View className='stat__value'>{item.checkins7d}</View>
          <View className='stat__label'>近 7 天打卡</View>
        </View>
        <View className='stat'>
          <View className='stat__value'>{item.checkins30d}</View>
          <View className='stat__label'>近 30 天打卡</View>
        </View>
        <View className='stat'>
          <View className={`stat__value${item.recentReports.length ? ' stat__value--alert' : ''}`}>{item.recentReports.length}</View>
          <View className='stat__label'>最近反馈</View>
        </View>
      </View>
      {item.recentReports.length ? (
        <View className='managed-place__reports'>
          {item.recentReports.slice(0, 3).map((r, i) => (
            <View key={`${r.at}-${i}`} className='managed-reports__row'>
              {formatDateTime(r.at)} · {r.label}
            </View>
          ))}
        </View>
      ) : null}
      <Chips className='managed-place__actions'>
        {item.closedUntil ? (
          <Chip tone='primary' busy={busy} onClick={() => void reopen()}>
            恢复营业
          </Chip>
        ) : item.status === 'active' && !closing ? (
          <Chip tone='danger' onClick={() => setClosing(true)}>
            临时关闭
          </Chip>
        ) : null}
        <Chip onClick={() => setShowReports((s) => !s)}>{showReports ? '收起反馈' : '全部反馈'}</Chip>
      </Chips>
      {closing ? (
        <CloseForm
          item={item}
          onCancel={() => setClosing(false)}
          onDone={() => {
            setClosing(false)
            onChanged()
          }}
        />
      ) : null}
      {showReports ? <Reports placeId={item.id} /> : null}
    </View>
  )
}

/** Places with rider reports, then temporarily closed ones, then the rest (each in the server's order). */
export const needsAttentionFirst = (items: ManagedPlaceItem[]): ManagedPlaceItem[] => {
  const rank = (i: ManagedPlaceItem) => (i.recentReports.length ? 0 : i.closedUntil ? 1 : 2)
  return items.map((item, n) => ({ item, n })).sort((a, b) => rank(a.item) - rank(b.item) || a.n - b.n).map((x) => x.item)
}

export default function WorkerPlacesPage() {
  const [communityId, setCommunityId] = useState<string | null>(null)
  // the workbench's to-do opens the places with a live-status flag (?filter=flagged)
  const [flaggedOnly, setFlaggedOnly] = useState(useRouter().params.filter === 'flagged')
  const { data, error, loading, refresh } = useCall('places', 'listMine', communityId ? { communityId } : {})
  const [communities, setCommunities] = useState<CommunityOption[]>([])
  if (data && !communityId && data.communities.length !== communities.length) setCommunities(data.communities)
  usePullToRefresh(() => refresh())
  // back from the edit page: show the saved changes
  const [shown, setShown] = useState(false)
  useDidShow(() => {
    if (shown) void refresh()
    setShown(true)
  })
  const names = new Map(communities.map((c) => [c.id, c.name]))

  const body = (
    <Loaded state={{ data, error, loading }} onRetry={() => void refresh()} loadingText='正在加载本社区的地点…'>
      {(data) => {
    if (!data.items.length)
      return (
        <EmptyView title='这里还没有登记地点' description='新增驿站、饮水点、专停泊位等，骑手就能在服务地图上找到'>
          <Chip tone='primary' onClick={() => void Taro.navigateTo({ url: WORKER_PLACE_EDIT })}>
            新增地点
          </Chip>
        </EmptyView>
      )
      return (
        <>
          <View className='card managed-totals'>
            <View className='stat'>
              <View className='stat__value'>{data.totals.places}</View>
              <View className='stat__label'>地点</View>
            </View>
            <View className='stat'>
              <View className='stat__value'>{data.totals.checkins7d}</View>
              <View className='stat__label'>近 7 天打卡</View>
            </View>
            <View className='stat'>
              <View className='stat__value'>{data.totals.checkins30d}</View>
              <View className='stat__label'>近 30 天打卡</View>
            </View>
            <View className='stat'>
              <View className={`stat__value${data.totals.alerts ? ' stat__value--alert' : ''}`}>{data.totals.alerts}</View>
              <View className='stat__label'>待核实反馈</View>
            </View>
          </View>
          {flaggedOnly ? (
            <Chips className='worker-places__filter'>
              <Chip on onClick={() => setFlaggedOnly(false)}>
                只看状态异常 ✕
              </Chip>
            </Chips>
          ) : null}
          {needsAttentionFirst(flaggedOnly ? data.items.filter((i) => isFlagged(i.recentReports, new Date())) : data.items).map((i) => (
            <PlaceCard key={i.id} item={i} community={communities.length > 1 ? names.get(i.communityId) : undefined} onChanged={() => void refresh()} />
          ))}
        </>
      )
      }}
    </Loaded>
  )

  return (
    <PageShell className='worker-places-page'>
      <View className='worker-places__bar'>
        <ChoiceChips
          options={communities.length > 1 ? [{ value: null, label: '全部社区' }, ...communities.map((c) => ({ value: c.id, label: c.name }))] : []}
          value={communityId}
          onChange={setCommunityId}
        />
        <Chip tone='primary' onClick={() => void Taro.navigateTo({ url: WORKER_PLACE_EDIT })}>
          + 新增地点
        </Chip>
      </View>
      {body}
    </PageShell>
  )
}
