import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Picker, Switch, Textarea, View } from '@tarojs/components'
import { ACTIVITY_TYPES } from '@domain/volunteer/model'
import { AppError } from '@domain/errors'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import FormField from '@/components/FormField'
import ChoiceChips from '@/components/ChoiceChips'
import { Loaded } from '@/components/StatusViews'
import { WORKER_ACTIVITY } from '@/routes'
import { typeLabel } from '@/utils/volunteer'
import { deadlinesOf, emptyForm, MAX_POINTS_PER_HOUR, scheduleOf, validate, type ActivityForm, type FieldErrors, type FormField as Field } from './form'
import '../volunteer.scss'
import { dayKey, formatClock, formatWithWeekday } from '@domain/time'

const TYPE_OPTIONS = ACTIVITY_TYPES.map((t) => ({ value: t, label: typeLabel(t) }))

export default function ActivityEdit() {
  const { params } = useRouter()
  const editing = params.id ?? null
  const places = useCall('places', 'listMine', {})
  const existing = useCall('volunteer', 'detail', { id: editing ?? 'none' }, { auto: !!editing })
  const [f, setF] = useState<ActivityForm>(() => emptyForm(new Date()))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [err, setErr] = useState<string | null>(null)

  const update = (patch: Partial<ActivityForm>) => {
    const next = { ...f, ...patch }
    setF(next)
    // once the worker has tried to send, errors follow the edits (and disappear when fixed)
    if (tried) setErrors(validate(next, new Date(), !!editing))
  }

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
      start: formatClock(new Date(a.startAt)),
      end: formatClock(new Date(a.endAt)),
      capacity: String(a.capacity),
      verifiedOnly: a.verifiedOnly,
      pointsPerHour: String(a.pointsPerHour),
    })
  }, [existing.data, editing])
  useEffect(() => {
    const c = places.data?.communities[0]
    if (c && !f.communityId) setF((x) => ({ ...x, communityId: c.id }))
  }, [places.data, f.communityId])

  if (!places.data || (editing && !existing.data)) {
    const failed = places.data ? existing : places
    return (
      <PageShell className='worker-activity-edit-page'>
        <Loaded state={{ data: undefined, error: failed.error }} onRetry={() => void failed.refresh()}>{() => null}</Loaded>
      </PageShell>
    )
  }

  const communities = places.data.communities
  const placeOptions = places.data.items.filter((p) => p.communityId === f.communityId && p.status === 'active')
  const { startAt, endAt } = scheduleOf(f)
  const nextDayEnd = dayKey(endAt) !== f.day
  const dl = deadlinesOf(f)

  const submit = async () => {
    setTried(true)
    const v = validate(f, new Date(), !!editing)
    setErrors(v)
    if (Object.keys(v).length) {
      setErr('请先修改标红的内容')
      return
    }
    setBusy(true)
    setErr(null)
    try {
      const common = { title: f.title.trim(), description: f.description.trim(), startAt: startAt.getTime(), endAt: endAt.getTime(), capacity: Number(f.capacity), verifiedOnly: f.verifiedOnly, ...(f.type !== 'course' && { pointsPerHour: Number(f.pointsPerHour) }) }
      const a = editing
        ? await call('volunteer', 'update', { id: editing, patch: { ...common, ...(f.placeId ? { where: { placeId: f.placeId } } : {}) } })
        : await call('volunteer', 'create', { ...common, type: f.type, communityId: f.communityId, where: { placeId: f.placeId } })
      void Taro.showToast({ title: editing ? '已保存' : '已发布', icon: 'success' })
      void Taro.redirectTo({ url: `${WORKER_ACTIVITY}?id=${a.id}` })
    } catch (e) {
      if (e instanceof AppError) {
        const field = e.field
        const map: Record<string, Field> = { startAt: 'start', endAt: 'end', capacity: 'capacity', pointsPerHour: 'pointsPerHour', title: 'title', description: 'description', communityId: 'communityId', where: 'placeId' }
        if (field && map[field]) setErrors({ [map[field]]: e.message })
        setErr(e.message)
      } else setErr('保存失败，请稍后再试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell className='worker-activity-edit-page'>
      <View className='page-title'>{editing ? '编辑活动' : '发布志愿活动'}</View>
      <View className='card'>
        <FormField label='类型' required error={errors.type} hint={editing ? '类型发布后不能修改' : undefined}>
          <ChoiceChips options={TYPE_OPTIONS} value={f.type} disabled={!!editing} onChange={(type) => update({ type })} />
        </FormField>
        <FormField label='标题' required error={errors.title}>
          <Input className='form-input wa-title-input' value={f.title} maxlength={40} placeholder='如：平安骑士 · 某某路网格巡逻' onInput={(e) => update({ title: e.detail.value })} />
        </FormField>
        <FormField label='说明' error={errors.description}>
          <Textarea className='form-input form-textarea' value={f.description} maxlength={1000} placeholder='集合地点、要做的事、要带的东西' onInput={(e) => update({ description: e.detail.value })} />
        </FormField>
        <FormField label='社区' required error={errors.communityId}>
          {editing ? (
            <View>{communities.find((c) => c.id === f.communityId)?.name ?? f.communityId}</View>
          ) : (
            <ChoiceChips options={communities.map((c) => ({ value: c.id, label: c.name }))} value={f.communityId} onChange={(communityId) => update({ communityId, placeId: '' })} />
          )}
        </FormField>
        <FormField label='地点' required={!editing} error={errors.placeId} hint={editing ? '不改地点可不选' : placeOptions.length ? undefined : '本社区还没有可用的点位，请先在「地点管理」中添加'}>
          <Picker mode='selector' range={placeOptions.map((p) => p.name)} onChange={(e) => update({ placeId: placeOptions[Number(e.detail.value)]?.id ?? '' })}>
            <View className={`form-input wa-place-picker${f.placeId ? '' : ' wa-placeholder'}`}>
              {placeOptions.find((p) => p.id === f.placeId)?.name ?? (editing ? existing.data?.placeName : '选择本社区的驿站或点位')}
            </View>
          </Picker>
        </FormField>
        <FormField label='日期' required error={undefined}>
          <Picker mode='date' value={f.day} start={dayKey(new Date())} onChange={(e) => update({ day: e.detail.value })}>
            <View className='form-input'>{f.day}</View>
          </Picker>
        </FormField>
        <FormField label='开始 / 结束' required error={errors.start ?? errors.end} hint={nextDayEnd ? '结束时间早于开始时间：按次日结束计算' : undefined}>
          <View className='wa-times'>
            <Picker mode='time' value={f.start} onChange={(e) => update({ start: e.detail.value })}>
              <View className='form-input form-input--short wa-start'>{f.start}</View>
            </Picker>
            <View className='wa-times__to'>至</View>
            <Picker mode='time' value={f.end} onChange={(e) => update({ end: e.detail.value })}>
              <View className='form-input form-input--short wa-end'>{f.end}</View>
            </Picker>
          </View>
        </FormField>
        <FormField label='名额' required error={errors.capacity} hint='报满后骑手可加入候补，有人取消时按先后递补'>
          <Input className='form-input form-input--short wa-capacity-input' type='number' value={f.capacity} onInput={(e) => update({ capacity: e.detail.value })} />
        </FormField>
        {f.type !== 'course' ? (
          <FormField label='每小时积分' required error={errors.pointsPerHour} hint={`到场满 60% 才计时长；区里的规则是每小时最多 ${MAX_POINTS_PER_HOUR} 分`}>
            <Input className='form-input form-input--short wa-points-input' type='number' value={f.pointsPerHour} onInput={(e) => update({ pointsPerHour: e.detail.value })} />
          </FormField>
        ) : null}
        <FormField label='仅限已认证骑手'>
          <Switch checked={f.verifiedOnly} color='#ff7a00' onChange={(e) => update({ verifiedOnly: e.detail.value })} />
        </FormField>
        <View className='muted'>
          {editing ? '报名与取消截止时间不变。' : `报名截止 ${formatWithWeekday(dl.signupDeadline)}；${formatWithWeekday(dl.cancelDeadline)} 后取消记为迟取消。`}
        </View>
        {err ? (
          <View className='wa-error' role='alert'>
            {err}
          </View>
        ) : null}
        <View className='wa-actions'>
          <Button className='wa-btn wa-btn--primary wa-submit' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
            {editing ? '保存' : '发布'}
          </Button>
        </View>
      </View>
    </PageShell>
  )
}
