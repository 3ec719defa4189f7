import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Picker, View } from '@tarojs/components'
import Notice from '@/components/Notice'
import PillButton from '@/components/PillButton'
import { AppError } from '@domain/errors'
import {
  MERCHANT_CATEGORIES,
  MERCHANT_CATEGORY_LABELS,
  MERCHANT_OFFER_LABELS,
  MERCHANT_OFFERS,
  type MerchantCategory,
  type MerchantOffer,
  type MerchantView,
} from '@domain/entities/merchant'
import { daily } from '@domain/places/opening-hours'
import { call } from '@/api'
import PageShell from '@/components/PageShell'
import ChoiceChips, { Chip, Chips } from '@/components/ChoiceChips'
import PhotoUploader from '@/components/PhotoUploader'
import { usePhotoUploads } from '@/hooks/usePhotoUploads'
import { getLocationGcj02 } from '@/utils/location'
import { useSettings } from '@/hooks/useSettings'
import '../merchant.scss'

const FIELD_LABELS: Record<string, string> = {
  shopName: '店铺名称',
  address: '地址',
  location: '位置',
  communityId: '所在社区',
  category: '类别',
  offers: '为骑手提供',
  discountText: '优惠说明',
  hours: '营业时间',
  licencePhoto: '营业执照',
  phone: '联系电话',
}

interface Form {
  shopName: string
  address: string
  lng: string
  lat: string
  communityId: string
  category: MerchantCategory
  offers: MerchantOffer[]
  discountText: string
  always: boolean
  open: string
  close: string
  phone: string
}

const CATEGORY_OPTIONS = MERCHANT_CATEGORIES.map((c) => ({ value: c, label: MERCHANT_CATEGORY_LABELS[c] }))
const OFFER_OPTIONS = MERCHANT_OFFERS.map((o) => ({ value: o, label: MERCHANT_OFFER_LABELS[o] }))
const HOURS_OPTIONS = [
  { value: true, label: '24 小时' },
  { value: false, label: '每天固定时段' },
]

const blank: Form = { shopName: '', address: '', lng: '', lat: '', communityId: '', category: 'food', offers: [], discountText: '', always: false, open: '08:00', close: '21:00', phone: '' }

/** A rejected applicant starts from what they sent last time. */
const fromMine = (m: MerchantView): Form => {
  const first = m.hours.always ? null : m.hours.week.find((d) => d.length)?.[0]
  return {
    shopName: m.shopName,
    address: m.address,
    lng: String(m.location[0]),
    lat: String(m.location[1]),
    communityId: m.communityId,
    category: m.category,
    offers: m.offers,
    discountText: m.discountText ?? '',
    always: m.hours.always,
    open: first?.open ?? '08:00',
    close: first?.close ?? '21:00',
    phone: m.phone ?? '',
  }
}

export default function MerchantApplyPage() {
  const communities = useSettings().settings?.communities ?? []
  const [f, setF] = useState<Form>(blank)
  const licence = usePhotoUploads({ max: 1, dir: async () => (await call('merchant', 'uploadDir', {})).dir, prefix: 'licence-' })
  const uploading = licence.uploading
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((old) => ({ ...old, [k]: v }))

  useEffect(() => {
    call('merchant', 'mine', {})
      .then((m) => m && setF(fromMine(m)))
      .catch(() => undefined)
  }, [])

  const chooseLocation = async () => {
    const r = await Taro.chooseLocation({}).catch(() => null)
    if (!r) return
    setF((old) => ({ ...old, lng: String(r.longitude), lat: String(r.latitude), address: old.address || r.address || r.name || '' }))
  }
  const useHere = async () => {
    const r = await getLocationGcj02().catch(() => null)
    if (!r) return void Taro.showToast({ title: '无法获取当前位置，请手动填写', icon: 'none' })
    setF((old) => ({ ...old, lng: r.longitude.toFixed(5), lat: r.latitude.toFixed(5) }))
  }

  const submit = async () => {
    const lng = Number(f.lng)
    const lat = Number(f.lat)
    const missing = !f.shopName.trim()
      ? '请填写店铺名称'
      : !f.address.trim()
        ? '请填写地址'
        : !f.lng || !f.lat || !Number.isFinite(lng) || !Number.isFinite(lat)
          ? '请选择或填写店铺位置'
          : !f.communityId
            ? '请选择所在社区'
            : !f.offers.length
              ? '请至少选择一项为骑手提供的服务'
              : !licence.fileIds.length
                ? '请上传营业执照照片'
                : null
    if (missing) return setError(new AppError('VALIDATION', missing))
    setBusy(true)
    setError(null)
    try {
      await call('merchant', 'apply', {
        shopName: f.shopName.trim(),
        address: f.address.trim(),
        location: { longitude: lng, latitude: lat },
        communityId: f.communityId,
        category: f.category,
        offers: f.offers,
        discountText: f.discountText.trim() || null,
        hours: f.always ? { always: true } : daily(f.open, f.close),
        licencePhoto: licence.fileIds[0]!,
        phone: f.phone.trim() || null,
      })
      void Taro.showToast({ title: '已提交', icon: 'success' })
      void Taro.navigateBack().catch(() => undefined)
    } catch (e) {
      setError(e instanceof AppError ? e : new AppError('INTERNAL'))
    } finally {
      setBusy(false)
    }
  }

  const weapp = process.env.TARO_ENV === 'weapp'
  const fieldNote = error?.field ? `（${FIELD_LABELS[error.field.split('.')[0]] ?? error.field}）` : ''

  return (
    <PageShell className='merchant-apply-page'>
      <View className='page-intro'>爱心商家为骑手提供饮水、充电、借用厕所或优惠。提交后由所在社区的工作者审核，通过后店铺会出现在服务地图上。</View>
      <View className='card m-form'>
        <View className='m-form__label'>店铺名称</View>
        <Input className='m-form__input' name='shopName' value={f.shopName} maxlength={40} placeholder='如：刘记面馆' onInput={(e) => set('shopName', e.detail.value)} />

        <View className='m-form__label'>地址与位置</View>
        <Input className='m-form__input' name='address' value={f.address} maxlength={80} placeholder='街道门牌，如：某某路 45 号' onInput={(e) => set('address', e.detail.value)} />
        {weapp ? (
          <Chips style={{ marginTop: '12px' }}>
            <Chip tone='primary' onClick={() => void chooseLocation()}>
              {f.lng ? '重新在地图上选择' : '在地图上选择位置'}
            </Chip>
            {f.lng ? <View className='muted'>已选择：{Number(f.lng).toFixed(5)}, {Number(f.lat).toFixed(5)}</View> : null}
          </Chips>
        ) : (
          <>
            <View className='m-form__hint' style={{ marginTop: '12px' }}>
              经纬度（GCJ-02，可在地图 App 中长按店铺查看）
            </View>
            <View className='m-form__row'>
              <Input className='m-form__input m-form__cell' name='lng' type='digit' value={f.lng} placeholder='经度' onInput={(e) => set('lng', e.detail.value)} />
              <Input className='m-form__input m-form__cell' name='lat' type='digit' value={f.lat} placeholder='纬度' onInput={(e) => set('lat', e.detail.value)} />
            </View>
            <Chips style={{ marginTop: '12px' }}>
              <Chip onClick={() => void useHere()}>使用我当前的位置</Chip>
            </Chips>
          </>
        )}

        <View className='m-form__label'>所在社区</View>
        <ChoiceChips options={communities.map((c) => ({ value: c.id, label: c.name }))} value={f.communityId} onChange={(id) => set('communityId', id)} />

        <View className='m-form__label'>商家类别</View>
        <ChoiceChips options={CATEGORY_OPTIONS} value={f.category} onChange={(c) => set('category', c)} />

        <View className='m-form__label'>为骑手提供（可多选）</View>
        <ChoiceChips multiple options={OFFER_OPTIONS} value={f.offers} onChange={(offers) => set('offers', offers)} />
        <View className='m-form__label'>优惠说明（选填）</View>
        <Input className='m-form__input' name='discountText' value={f.discountText} maxlength={60} placeholder='如：骑手加面免费' onInput={(e) => set('discountText', e.detail.value)} />

        <View className='m-form__label'>营业时间</View>
        <ChoiceChips options={HOURS_OPTIONS} value={f.always} onChange={(always) => set('always', always)} />
        {!f.always ? (
          <View className='m-form__row' style={{ marginTop: '12px' }}>
            <Picker className='m-form__cell' mode='time' value={f.open} onChange={(e) => set('open', String(e.detail.value))}>
              <View className='m-form__picker'>开门 {f.open}</View>
            </Picker>
            <Picker className='m-form__cell' mode='time' value={f.close} onChange={(e) => set('close', String(e.detail.value))}>
              <View className='m-form__picker'>打烊 {f.close}</View>
            </Picker>
          </View>
        ) : null}

        <View className='m-form__label'>联系电话（选填）</View>
        <Input className='m-form__input' name='phone' type='number' value={f.phone} maxlength={13} placeholder='手机或座机' onInput={(e) => set('phone', e.detail.value)} />

        <View className='m-form__label'>营业执照照片</View>
        <View className='m-form__hint'>仅社区审核人员可见，不会公开展示</View>
        <PhotoUploader uploads={licence} max={1} addLabel='上传照片' />
      </View>
      {error ? (
        <Notice tone='error' role='alert'>
          {error.message}
          {fieldNote}
        </Notice>
      ) : null}
      <PillButton className='m-btn' disabled={busy || uploading} onClick={() => void submit()}>
        {busy ? '提交中…' : '提交申请'}
      </PillButton>
    </PageShell>
  )
}
