import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Picker, Switch, Textarea, View } from '@tarojs/components'
import { ACTIVITY_TYPES, type ActivityType } from '@domain/entities/volunteer'
import { AppError } from '@domain/errors'
import { defaultDeadlines, formatShanghai, nextDay, shanghaiAt, shanghaiDate, shanghaiTime } from '@domain/volunteer/rules'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import { ErrorView, LoadingView } from '@/components/StatusViews'
import { WORKER_ACTIVITY } from '@/routes'
import { typeLabel } from '@/utils/volunteer'
import '../volunteer.scss'

interface Form {
  type: ActivityType
  title: string
  description: string
  communityId: string
  placeId: string
  day: string
  start: string
  end: string
  capacity: string
  verifiedOnly: boolean
}

const tomorrow = () => nextDay(shanghaiDate(new Date()))

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <View className='wa-field'>
      <View className='wa-field__label'>{label}</View>
      {children}
    </View>
  )
}

export default function ActivityEdit() {
  const { params } = useRouter()
  const editing = params.id ?? null
  const places = useCall('places', 'listMine', {})
  const existing = useCall('volunteer', 'detail', { id: editing ?? 'none' }, { auto: !!editing })
  const [f, setF] = useState<Form>({ type: 'patrol', title: '', description: '', communityId: '', placeId: '', day: tomorrow(), start: '19:00', end: '21:00', capacity: '10', verifiedOnly: true })
  const [busy, setBusy] = useState(false)
  const [err, setErr] = useState<string | null>(null)
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }))

  useEffect(() => {
    const a = existing.data
    if (!a || !editing) return
    setF({
      type: a.type,
      title: a.title,
      description: a.description,
      communityId: a.communityId,
      placeId: '',
      day: a.day,
      start: shanghaiTime(new Date(a.startAt)),
      end: shanghaiTime(new Date(a.endAt)),
      capacity: String(a.capacity),
      verifiedOnly: a.verifiedOnly,
    })
  }, [existing.data, editing])
  useEffect(() => {
    const c = places.data?.communities[0]
    if (c && !f.communityId) set('communityId', c.id)
  }, [places.data, f.communityId])

  if (places.error && !places.data) return <PageShell><ErrorView error={places.error} onRetry={() => void places.refresh()} /></PageShell>
  if (!places.data || (editing && !existing.data)) return <PageShell><LoadingView /></PageShell>

  const communities = places.data.communities
  const placeOptions = places.data.items.filter((p) => p.communityId === f.communityId && p.status === 'active')
  const startAt = shanghaiAt(f.day, f.start)
  const endAt = shanghaiAt(f.end <= f.start ? nextDay(f.day) : f.day, f.end)
  const dl = defaultDeadlines(startAt)

  const submit = async () => {
    setBusy(true)
    setErr(null)
    try {
      const capacity = Number(f.capacity)
      const common = { title: f.title, description: f.description, startAt: startAt.getTime(), endAt: endAt.getTime(), capacity, verifiedOnly: f.verifiedOnly }
      const a = editing
        ? await call('volunteer', 'update', { id: editing, patch: { ...common, ...(f.placeId ? { where: { placeId: f.placeId } } : {}) } })
        : await call('volunteer', 'create', { ...common, type: f.type, communityId: f.communityId, where: { placeId: f.placeId } })
      void Taro.showToast({ title: editing ? '已保存' : '已发布', icon: 'success' })
      void Taro.redirectTo({ url: `${WORKER_ACTIVITY}?id=${a.id}` })
    } catch (e) {
      setErr(e instanceof AppError ? e.message : '保存失败，请稍后再试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell className='worker-activity-edit-page'>
      <View className='card'>
        {!editing ? (
          <Field label='类型'>
            <Picker mode='selector' range={ACTIVITY_TYPES.map(typeLabel)} value={ACTIVITY_TYPES.indexOf(f.type)} onChange={(e) => set('type', ACTIVITY_TYPES[Number(e.detail.value)])}>
              <View className='wa-input'>{typeLabel(f.type)}</View>
            </Picker>
          </Field>
        ) : null}
        <Field label='标题'>
          <Input className='wa-input wa-title-input' value={f.title} maxlength={40} placeholder='如：平安骑士 · 文晖路网格巡逻' onInput={(e) => set('title', e.detail.value)} />
        </Field>
        <Field label='说明'>
          <Textarea className='wa-textarea' value={f.description} maxlength={1000} placeholder='集合地点、要做的事、要带的东西' onInput={(e) => set('description', e.detail.value)} />
        </Field>
        {!editing ? (
          <Field label='社区'>
            <Picker mode='selector' range={communities.map((c) => c.name)} value={Math.max(0, communities.findIndex((c) => c.id === f.communityId))} onChange={(e) => setF((x) => ({ ...x, communityId: communities[Number(e.detail.value)].id, placeId: '' }))}>
              <View className='wa-input'>{communities.find((c) => c.id === f.communityId)?.name ?? '选择社区'}</View>
            </Picker>
          </Field>
        ) : null}
        <Field label={editing ? '地点（不改可不选）' : '地点'}>
          <Picker mode='selector' range={placeOptions.map((p) => p.name)} onChange={(e) => set('placeId', placeOptions[Number(e.detail.value)]?.id ?? '')}>
            <View className='wa-input wa-place-picker'>{placeOptions.find((p) => p.id === f.placeId)?.name ?? (editing ? existing.data?.placeName : '选择本社区的驿站或点位')}</View>
          </Picker>
        </Field>
        <Field label='日期'>
          <Picker mode='date' value={f.day} start={shanghaiDate(new Date())} onChange={(e) => set('day', e.detail.value)}>
            <View className='wa-input'>{f.day}</View>
          </Picker>
        </Field>
        <Field label='开始 / 结束'>
          <View className='wa-tags'>
            <Picker mode='time' value={f.start} onChange={(e) => set('start', e.detail.value)}>
              <View className='wa-input'>{f.start}</View>
            </Picker>
            <Picker mode='time' value={f.end} onChange={(e) => set('end', e.detail.value)}>
              <View className='wa-input'>{f.end}</View>
            </Picker>
          </View>
        </Field>
        <Field label='名额'>
          <Input className='wa-input wa-capacity-input' type='number' value={f.capacity} onInput={(e) => set('capacity', e.detail.value)} />
        </Field>
        <Field label='仅限已认证骑手'>
          <Switch checked={f.verifiedOnly} color='#ff7a00' onChange={(e) => set('verifiedOnly', e.detail.value)} />
        </Field>
        <View className='muted'>
          {editing ? '报名与取消截止时间不变。' : `报名截止 ${formatShanghai(dl.signupDeadline)}；${formatShanghai(dl.cancelDeadline)} 后取消记为迟取消。`}
        </View>
        {err ? <View className='wa-error'>{err}</View> : null}
        <View className='wa-actions'>
          <Button className='wa-btn wa-btn--primary wa-submit' loading={busy} disabled={busy || !f.title || (!editing && !f.placeId)} onClick={() => void submit()}>
            {editing ? '保存' : '发布'}
          </Button>
        </View>
      </View>
    </PageShell>
  )
}
