import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Textarea, View } from '@tarojs/components'
import { AMENITIES, PLACE_KIND_LABELS, PLACE_KINDS, STATION_LEVEL_LABELS, STATION_LEVELS, type CommunityOption, type PlaceDetail } from '@domain/places/model'
import { AppError } from '@domain/errors'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import FormField from '@/components/FormField'
import AmenityBadge from '@/components/AmenityBadge'
import ChoiceChips, { Chip } from '@/components/ChoiceChips'
import LocationPicker from '@/components/LocationPicker'
import HoursEditor from '@/components/HoursEditor'
import { EmptyView, Loaded } from '@/components/StatusViews'
import {
  emptyForm,
  formFieldOf,
  fromDetail,
  toCreateInput,
  toggleAmenity,
  toPatch,
  validate,
  withKind,
  type FieldErrors,
  type PlaceForm,
} from './form'
import './index.scss'

const KIND_OPTIONS = PLACE_KINDS.map((k) => ({ value: k, label: PLACE_KIND_LABELS[k] }))
const LEVEL_OPTIONS = STATION_LEVELS.map((l) => ({ value: l, label: STATION_LEVEL_LABELS[l] }))

function PlaceFormView({ initial, original, communities }: { initial: PlaceForm; original: PlaceDetail | null; communities: CommunityOption[] }) {
  const [f, setF] = useState(initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const set = (next: PlaceForm) => {
    setF(next)
    if (Object.keys(errors).length) setErrors(validate(next))
  }

  const save = async () => {
    const v = validate(f)
    setErrors(v)
    setFormError(null)
    if (Object.keys(v).length) {
      void Taro.showToast({ title: '请按提示修改后再保存', icon: 'none' })
      // bring the first message into view (the save button is at the bottom of a long form)
      setTimeout(() => {
        try {
          void Promise.resolve(Taro.pageScrollTo({ selector: '.form-field--error', duration: 200 })).catch(() => undefined)
        } catch {
          // no scrolling here: the messages are still next to their fields
        }
      }, 50)
      return
    }
    setSaving(true)
    try {
      if (original) {
        const patch = toPatch(f, original)
        if (!Object.keys(patch).length) {
          void Taro.showToast({ title: '没有修改', icon: 'none' })
          return
        }
        await call('places', 'update', { id: original.id, patch })
      } else {
        await call('places', 'create', toCreateInput(f))
      }
      void Taro.showToast({ title: '已保存', icon: 'success' })
      setTimeout(() => void Taro.navigateBack().catch(() => undefined), 600)
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('INTERNAL')
      const field = formFieldOf(err.field)
      if (err.code === 'VALIDATION' && field) setErrors({ [field]: err.message })
      else setFormError(err.message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='place-form'>
      <View className='card'>
        <FormField label='所属社区' required error={errors.communityId}>
          {original ? (
            <View>{communities.find((c) => c.id === f.communityId)?.name ?? f.communityId}</View>
          ) : (
            <ChoiceChips options={communities.map((c) => ({ value: c.id, label: c.name }))} value={f.communityId} onChange={(communityId) => set({ ...f, communityId })} />
          )}
        </FormField>
        <FormField label='类型' required error={errors.kind} hint={original ? '类型创建后不能修改' : undefined}>
          <ChoiceChips options={KIND_OPTIONS} value={f.kind} disabled={!!original} onChange={(k) => set(withKind(f, k))} />
        </FormField>
        {f.kind === 'station' ? (
          <FormField label='驿站等级' required error={errors.level} hint='A：商圈，供水、冰箱、微波炉；B：社区中心，可用餐午休、充电；C：小型点位'>
            <ChoiceChips options={LEVEL_OPTIONS} value={f.level} onChange={(level) => set({ ...f, level })} />
          </FormField>
        ) : null}
        <FormField label='名称' required error={errors.name}>
          <Input className='form-input' value={f.name} maxlength={40} placeholder='如：某某路骑士加油站' onInput={(e) => set({ ...f, name: e.detail.value })} />
        </FormField>
        <FormField label='地址' required error={errors.address}>
          <Input className='form-input' value={f.address} maxlength={80} placeholder='街道门牌，方便骑手找到' onInput={(e) => set({ ...f, address: e.detail.value })} />
        </FormField>
        <FormField label='位置' required error={errors.location}>
          <LocationPicker
            longitude={f.longitude}
            latitude={f.latitude}
            onChange={(v) => set({ ...f, longitude: v.longitude, latitude: v.latitude, address: f.address || v.address || '' })}
          />
        </FormField>
      </View>

      <View className='card'>
        <FormField label='服务设施' error={errors.amenities}>
          <View className='amenity-pick'>
            {AMENITIES.map((a) => (
              <View key={a} role='checkbox' aria-checked={f.amenities.includes(a)} onClick={() => set(toggleAmenity(f, a))}>
                <AmenityBadge amenity={a} on={f.amenities.includes(a)} />
              </View>
            ))}
          </View>
        </FormField>
        <FormField label='营业时间' error={errors.hours} hint='关门时间早于开门时间表示营业到次日（如 18:00 至 06:00）'>
          <HoursEditor f={f} set={set} errorOf={(day) => errors[`hours.${day}`]} />
        </FormField>
      </View>

      <View className='card'>
        <FormField label='联系电话' error={errors.phone}>
          <Input className='form-input' type='text' value={f.phone} placeholder='手机或座机，如 0571-85101234' onInput={(e) => set({ ...f, phone: e.detail.value })} />
        </FormField>
        <FormField label='联系人' error={errors.person}>
          <Input className='form-input' value={f.person} maxlength={20} placeholder='如：周姐' onInput={(e) => set({ ...f, person: e.detail.value })} />
        </FormField>
        <FormField label='骑手优惠' error={errors.discount} hint='食堂、商家填写，如「骑手出示小哥码立减 5 元」'>
          <Input className='form-input' value={f.discount} maxlength={60} placeholder='没有可不填' onInput={(e) => set({ ...f, discount: e.detail.value })} />
        </FormField>
        <FormField label='介绍' error={errors.description}>
          <Textarea className='form-input form-textarea' value={f.description} maxlength={300} placeholder='开放说明、进门方式等（不要填写个人身份信息）' onInput={(e) => set({ ...f, description: e.detail.value })} />
        </FormField>
      </View>

      {formError ? (
        <View className='card form-error' role='alert'>
          {formError}
        </View>
      ) : null}
      <Chip tone='primary' className='place-form__save' busy={saving} onClick={() => void save()}>
        {saving ? '保存中…' : original ? '保存修改' : '创建地点'}
      </Chip>
    </View>
  )
}

export default function PlaceEditPage() {
  const { params } = useRouter()
  const id = params.id ? String(params.id) : ''
  // the caller's communities (names for the picker) come with their place list
  const mine = useCall('places', 'listMine', {})
  const [place, setPlace] = useState<PlaceDetail | null>(null)
  const [placeError, setPlaceError] = useState<AppError | null>(null)
  const loadPlace = () => {
    if (!id) return
    setPlaceError(null)
    call('places', 'detail', { id })
      .then(setPlace)
      .catch((e) => setPlaceError(e instanceof AppError ? e : new AppError('INTERNAL')))
  }
  useEffect(() => {
    if (id) void Taro.setNavigationBarTitle({ title: '编辑地点' }).catch(() => undefined)
    else void Taro.setNavigationBarTitle({ title: '新增地点' }).catch(() => undefined)
    loadPlace()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id])

  const error = mine.error ?? placeError
  let body
  if (error || !mine.data || (id && !place)) body = <Loaded state={{ data: undefined, error }} onRetry={() => (mine.error ? void mine.refresh() : loadPlace())}>{() => null}</Loaded>
  else if (!id && !mine.data.communities.length) body = <EmptyView title='还没有为你分配社区' description='请联系区管理员授权后再新增地点' />
  else {
    const communities = mine.data.communities
    const initial = place ? fromDetail(place) : emptyForm(communities.length === 1 ? communities[0].id : '')
    body = <PlaceFormView key={place?.id ?? 'new'} initial={initial} original={place} communities={communities} />
  }
  return <PageShell className='place-edit-page'>{body}</PageShell>
}
