import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Picker, View } from '@tarojs/components'
import Notice from '@/components/Notice'
import FormField from '@/components/FormField'
import LocationPicker from '@/components/LocationPicker'
import { merchantApplication } from '@domain/merchant/contract'
import { problemsOf } from '@domain/validation'
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
} from '@domain/merchant/model'
import { daily } from '@domain/places/opening-hours'
import { call } from '@/api'
import PageShell from '@/components/PageShell'
import ChoiceChips from '@/components/ChoiceChips'
import PhotoUploader from '@/components/PhotoUploader'
import { usePhotoUploads } from '@/hooks/usePhotoUploads'
import { useSettings } from '@/hooks/useSettings'
import '../merchant.scss'

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

/** The form as the `merchant.apply` input (numbers parsed, empty optional text as null). */
const toInput = (f: Form, licencePhoto: string | undefined) => ({
  shopName: f.shopName.trim(),
  address: f.address.trim(),
  location: { longitude: f.lng === '' ? undefined : Number(f.lng), latitude: f.lat === '' ? undefined : Number(f.lat) },
  communityId: f.communityId,
  category: f.category,
  offers: f.offers,
  discountText: f.discountText.trim() || null,
  hours: f.always ? { always: true } : daily(f.open, f.close),
  licencePhoto,
  phone: f.phone.trim() || null,
})

type Problems = Record<string, string>
/** `location.longitude` → `location`: one message per field of the form */
const byField = (found: Problems): Problems => {
  const out: Problems = {}
  for (const [k, m] of Object.entries(found)) out[k.split('.')[0]] ??= m
  return out
}

export default function MerchantApplyPage() {
  const communities = useSettings().settings?.communities ?? []
  const [f, setF] = useState<Form>(blank)
  const licence = usePhotoUploads({ max: 1, dir: async () => (await call('merchant', 'uploadDir', {})).dir, prefix: 'licence-' })
  const [busy, setBusy] = useState(false)
  const [problems, setProblems] = useState<Problems>({})
  const [error, setError] = useState<AppError | null>(null)
  const set = <K extends keyof Form>(k: K, v: Form[K], field: string = k) => {
    setF((old) => ({ ...old, [k]: v }))
    setProblems((p) => (p[field] ? { ...p, [field]: '' } : p))
  }

  useEffect(() => {
    call('merchant', 'mine', {})
      .then((m) => m && setF(fromMine(m)))
      .catch(() => undefined)
  }, [])

  const submit = async () => {
    if (licence.uploading) return setError(new AppError('VALIDATION', '营业执照照片还在上传，请稍候'))
    const input = toInput(f, licence.fileIds[0])
    const found = byField(problemsOf(merchantApplication, input))
    setProblems(found)
    setError(null)
    if (Object.keys(found).length) {
      void Taro.showToast({ title: `还有 ${Object.keys(found).length} 处需要修改`, icon: 'none' })
      return
    }
    setBusy(true)
    try {
      await call('merchant', 'apply', merchantApplication.parse(input))
      void Taro.showToast({ title: '已提交', icon: 'success' })
      void Taro.navigateBack().catch(() => undefined)
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('INTERNAL')
      if (err.field) setProblems({ [err.field.split('.')[0]]: err.message })
      else setError(err)
    } finally {
      setBusy(false)
    }
  }

  const problem = (k: string) => problems[k] || undefined

  return (
    <PageShell className='merchant-apply-page'>
      <View className='page-intro'>爱心商家为骑手提供饮水、充电、借用厕所或优惠。提交后由所在社区的工作者审核，通过后店铺会出现在服务地图上。</View>
      <View className='card'>
        <FormField label='店铺名称' required error={problem('shopName')}>
          <Input className='form-input' name='shopName' value={f.shopName} maxlength={40} placeholder='如：刘记面馆' onInput={(e) => set('shopName', e.detail.value)} />
        </FormField>

        <FormField label='地址' required error={problem('address')}>
          <Input className='form-input' name='address' value={f.address} maxlength={80} placeholder='街道门牌，如：某某路 45 号' onInput={(e) => set('address', e.detail.value)} />
        </FormField>

        <FormField label='店铺位置' required error={problem('location')} hint='在地图上点出店门的位置，骑手按它导航'>
          <LocationPicker
            here
            typed={false}
            longitude={f.lng}
            latitude={f.lat}
            onChange={(v) => {
              setF((old) => ({ ...old, lng: v.longitude, lat: v.latitude, address: old.address || v.address || '' }))
              setProblems((p) => ({ ...p, location: '' }))
            }}
          />
        </FormField>

        <FormField label='所在社区' required error={problem('communityId')}>
          <ChoiceChips options={communities.map((c) => ({ value: c.id, label: c.name }))} value={f.communityId} onChange={(id) => set('communityId', id)} />
        </FormField>

        <FormField label='商家类别' required error={problem('category')}>
          <ChoiceChips options={CATEGORY_OPTIONS} value={f.category} onChange={(c) => set('category', c)} />
        </FormField>

        <FormField label='为骑手提供' required hint='可多选' error={problem('offers')}>
          <ChoiceChips multiple options={OFFER_OPTIONS} value={f.offers} onChange={(offers) => set('offers', offers)} />
        </FormField>

        <FormField label='优惠说明' hint='选填' error={problem('discountText')}>
          <Input className='form-input' name='discountText' value={f.discountText} maxlength={60} placeholder='如：骑手加面免费' onInput={(e) => set('discountText', e.detail.value)} />
        </FormField>

        <FormField label='营业时间' required error={problem('hours')}>
          <ChoiceChips options={HOURS_OPTIONS} value={f.always} onChange={(always) => set('always', always, 'hours')} />
          {!f.always ? (
            <View className='m-form__row' style={{ marginTop: '12px' }}>
              <Picker className='m-form__cell' mode='time' value={f.open} onChange={(e) => set('open', String(e.detail.value), 'hours')}>
                <View className='form-input'>开门 {f.open}</View>
              </Picker>
              <Picker className='m-form__cell' mode='time' value={f.close} onChange={(e) => set('close', String(e.detail.value), 'hours')}>
                <View className='form-input'>打烊 {f.close}</View>
              </Picker>
            </View>
          ) : null}
        </FormField>

        <FormField label='联系电话' hint='选填，手机或座机，如 0571-88886666' error={problem('phone')}>
          <Input className='form-input' name='phone' type='text' value={f.phone} maxlength={13} placeholder='手机或座机' onInput={(e) => set('phone', e.detail.value)} />
        </FormField>

        <FormField label='营业执照照片' required hint='仅社区审核人员可见，不会公开展示' error={licence.error ? undefined : problem('licencePhoto')}>
          <PhotoUploader uploads={licence} max={1} addLabel='上传照片' />
        </FormField>
      </View>
      {error ? (
        <Notice tone='error' role='alert'>
          {error.message}
        </Notice>
      ) : null}
      <PillButton className='m-btn' disabled={busy || licence.uploading} onClick={() => void submit()}>
        {busy ? '提交中…' : '提交申请'}
      </PillButton>
    </PageShell>
  )
}
